// The organisation's sending settings, beside its identity: whether sends and schedules need an
// approver's approval first (maker/checker), and the organisation's own phones that test sends go to.
import { useEffect, useState, type FormEvent } from 'react';
import { get, put } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';

export function SendingSettingsForm() {
  const { t } = useI18n();
  const [required, setRequired] = useState(false);
  const [numbers, setNumbers] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    get('/api/v1/organisation/sending').then((s) => {
      setRequired(s.approvalRequired);
      setNumbers(s.testNumbers.join('\n'));
    }, setLoadError);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const testNumbers = numbers
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const r = await action.run(() => put('/api/v1/organisation/sending', { body: { approvalRequired: required, testNumbers } }));
    if (r !== undefined) {
      setSaved(true);
      setNumbers(r.testNumbers.join('\n'));
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="sending-h">
      <h2 id="sending-h">{t('sending.title')}</h2>
      <p className="muted small">{t('sending.help')}</p>
      <ErrorMessage error={loadError} />
      <label className="inline">
        <input type="checkbox" checked={required} onChange={(e) => setRequired(e.target.checked)} /> {t('sending.approvalRequired')}
      </label>
      <label>
        {t('sending.testNumbers')}
        <textarea rows={3} value={numbers} onChange={(e) => setNumbers(e.target.value)} placeholder="090-1234-5678" aria-describedby="sending-numbers-hint" />
        <span className="muted small" id="sending-numbers-hint">
          {t('sending.testNumbersHint')}
        </span>
      </label>
      <ErrorMessage error={action.error} />
      {saved && <Alert kind="ok">{t('common.saved')}</Alert>}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('common.save')}
      </button>
    </form>
  );
}
