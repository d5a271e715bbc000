// 証跡 / Evidence: the ledger for people who check it without a shell (administrators, auditors with a
// viewer's login). Its state in figures and the plain statement of where its times come from, the
// check of the whole ledger (administrators), the bundles to download (the hand-over for
// administrators, each campaign's for operators), the installation's public key and how to verify
// a bundle offline. The status is read again every 15 seconds.
import { useEffect } from 'react';
import { get } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { EvidenceFigures } from './EvidenceFigures.tsx';
import { VerifyPanel } from './VerifyPanel.tsx';
import { EvidenceDownloads } from './EvidenceDownloads.tsx';
import { PublicKey } from './PublicKey.tsx';

export function EvidencePage() {
  const { t } = useI18n();
  const { can } = useSession();
  const status = useLoad(() => get('/api/v1/evidence/status'), []);
  useEffect(() => {
    const timer = setInterval(() => void status.reload(), 15_000);
    return () => clearInterval(timer);
  }, [status.reload]);
  const s = status.data;
  return (
    <section className="page evidence">
      <div className="title-row">
        <h1>{t('evidence.title')}</h1>
        <button type="button" onClick={() => void status.reload()} disabled={status.loading}>
          {t('evidence.refresh')}
        </button>
      </div>
      <p className="muted">{t('evidence.intro')}</p>
      <ErrorMessage error={status.error} />
      {!s && !status.error && <p>{t('common.loading')}</p>}
      {s && <EvidenceFigures status={s} />}
      {can('admin') && <VerifyPanel onVerified={() => void status.reload()} />}
      <EvidenceDownloads />
      {s && <PublicKey keyId={s.key.keyId} pem={s.key.publicKeyPem} />}
      <section className="card" aria-labelledby="evidence-how-h">
        <h2 id="evidence-how-h">{t('evidence.howTitle')}</h2>
        <p>{t('evidence.how1')}</p>
        <pre className="command">
          <code>npx todoku evidence verify bundle.zip</code>
        </pre>
        <p>{t('evidence.how2')}</p>
        <p>{t('evidence.how3')}</p>
        <p>{t('evidence.how4')}</p>
        <pre className="command">
          <code>npx todoku evidence verify --database</code>
        </pre>
      </section>
    </section>
  );
}
