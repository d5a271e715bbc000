// 「今すぐ検証」 (administrators): the whole ledger checked on the server, as `todoku evidence verify
// --database` does, and its report: all holds with the figures, or the first failure in the chosen
// language. A second run while one is under way is refused by the server with its own message.
import { useState } from 'react';
import { post } from '../api/client.ts';
import type { EvidenceVerifyReport } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { useAction } from '../ui/useLoad.ts';
import { dateTime, num } from '../ui/format.ts';

export function VerifyPanel({ onVerified }: { onVerified(): void }) {
  const { t, lang, pick } = useI18n();
  const action = useAction();
  const [report, setReport] = useState<{ report: EvidenceVerifyReport; at: string } | null>(null);
  const verify = async () => {
    const r = await action.run(() => post('/api/v1/evidence/verify'));
    if (r) {
      setReport({ report: r, at: new Date().toISOString() });
      onVerified();
    }
  };
  const r = report?.report;
  return (
    <section className="card" aria-labelledby="evidence-verify-h">
      <h2 id="evidence-verify-h">{t('evidence.verifyTitle')}</h2>
      <p>{t('evidence.verifyText')}</p>
      <button type="button" className="primary" onClick={() => void verify()} disabled={action.busy}>
        {action.busy ? t('evidence.verifying') : t('evidence.verifyNow')}
      </button>
      <ErrorMessage error={action.error} />
      {r && (
        <div data-testid="evidence-verify-report">
          {r.ok ? (
            <Alert kind="ok">
              <p>{t('evidence.verifyOk', { entries: num(r.entries, lang), heads: num(r.heads, lang), stamped: num(r.stampedHeads, lang) })}</p>
            </Alert>
          ) : (
            <Alert kind="error">
              <p>{t('evidence.verifyFailed')}</p>
              {r.failure && <p>{pick(r.failure.ja, r.failure.en)}</p>}
            </Alert>
          )}
          {r.pending > 0 && <p className="muted small">{t('evidence.verifyPending', { n: num(r.pending, lang) })}</p>}
          <p className="muted small">{t('evidence.verifyDone', { at: dateTime(report.at, lang, { seconds: true }), ms: num(r.durationMs, lang) })}</p>
        </div>
      )}
    </section>
  );
}
