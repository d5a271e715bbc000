// テスト送信 on the send step: the campaign's message, filled from a chosen line of the list, sent now to
// some of the organisation's own test numbers — and to no one else; no approval needed, never counted.
import { useEffect, useState } from 'react';
import { get, inCampaign, post } from '../../api/client.ts';
import type { Campaign } from '../../api/schemas.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { Alert, ErrorMessage } from '../../ui/Alert.tsx';
import { useAction } from '../../ui/useLoad.ts';
import { phone } from '../../ui/format.ts';

export function TestSendCard({ campaign }: { campaign: Pick<Campaign, 'id' | 'template' | 'acceptedCount'> }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [numbers, setNumbers] = useState<string[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [line, setLine] = useState('');
  const [sent, setSent] = useState<{ numbers: string; line: number } | null>(null);
  const action = useAction();
  useEffect(() => {
    get('/api/v1/organisation/sending').then(
      (s) => {
        setNumbers(s.testNumbers);
        setChosen(s.testNumbers);
      },
      () => setNumbers([]),
    );
  }, []);
  if (!can('operator') || numbers === null) return null;

  const send = async () => {
    setSent(null);
    const r = await action.run(() =>
      post('/api/v1/campaigns/{campaign}/test-send', { params: inCampaign(campaign.id), body: { numbers: chosen, ...(line.trim() ? { line: Number(line) } : {}) } }),
    );
    if (r) setSent({ numbers: r.messages.map((m) => phone(m.to)).join(lang === 'ja' ? '、' : ', '), line: r.line });
  };

  return (
    <div className="card test-send">
      <h3>{t('test.title')}</h3>
      <p className="muted small">{t('test.help')}</p>
      {numbers.length === 0 ? (
        <p className="muted">{t('test.none')}</p>
      ) : (
        <>
          <fieldset className="radios">
            <legend>{t('test.numbers')}</legend>
            {numbers.map((n) => (
              <label key={n} className="inline">
                <input type="checkbox" checked={chosen.includes(n)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, n] : c.filter((x) => x !== n)))} /> {phone(n)}
              </label>
            ))}
          </fieldset>
          <label className="inline">
            {t('test.line')}
            <input type="number" min={1} step={1} className="short" value={line} onChange={(e) => setLine(e.target.value)} placeholder="2" />
          </label>
          <ErrorMessage error={action.error} />
          {sent && <Alert kind="ok">{t('test.sent', sent)}</Alert>}
          <button type="button" onClick={() => void send()} disabled={action.busy || chosen.length === 0 || !campaign.template || campaign.acceptedCount === 0}>
            {t('test.send')}
          </button>
        </>
      )}
    </div>
  );
}
