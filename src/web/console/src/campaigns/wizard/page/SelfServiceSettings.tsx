// Which self-service actions the campaign's recipient page offers (promise with its window and grace,
// instalments, dispute, "not me"), editable before and after sending: the page follows at once.
import { useEffect, useState, type FormEvent } from 'react';
import { get, inCampaign, put, type Answer } from '../../../api/client.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useSession } from '../../../session.tsx';
import { Alert, ErrorMessage } from '../../../ui/Alert.tsx';
import { useAction } from '../../../ui/useLoad.ts';

type Settings = Answer<'get', '/api/v1/campaigns/{campaign}/self-service'>;

export function SelfServiceSettings({ campaignId }: { campaignId: number }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [s, setS] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  useEffect(() => {
    get('/api/v1/campaigns/{campaign}/self-service', { params: inCampaign(campaignId) }).then(setS, setLoadError);
  }, [campaignId]);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => {
    setSaved(false);
    setS((old) => (old ? { ...old, [k]: v } : old));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!s) return;
    const r = await action.run(() => put('/api/v1/campaigns/{campaign}/self-service', { params: inCampaign(campaignId), body: s }));
    if (r) {
      setS(r);
      setSaved(true);
    }
  };
  const check = (k: 'promise' | 'instalment' | 'dispute' | 'notMe', text: string) => (
    <label className="inline">
      <input type="checkbox" checked={s?.[k] ?? false} onChange={(e) => set(k, e.target.checked)} /> {text}
    </label>
  );
  return (
    <form className="card" onSubmit={submit} aria-labelledby="self-service-h">
      <h3 id="self-service-h">{t('selfService.title')}</h3>
      <p className="muted small">{t('selfService.help')}</p>
      <ErrorMessage error={loadError} />
      {s && (
        <fieldset disabled={!can('operator')}>
          {check('promise', t('selfService.promise'))}
          <div className="row wrap">
            <label>
              {t('selfService.maxDays')}
              <input type="number" className="short" min={1} max={365} value={s.promiseMaxDays} disabled={!s.promise} onChange={(e) => set('promiseMaxDays', Number(e.target.value))} />
            </label>
            <label>
              {t('selfService.graceDays')}
              <input type="number" className="short" min={0} max={60} value={s.promiseGraceDays} disabled={!s.promise} onChange={(e) => set('promiseGraceDays', Number(e.target.value))} />
            </label>
          </div>
          {check('instalment', t('selfService.instalment'))}
          {check('dispute', t('selfService.dispute'))}
          {check('notMe', t('selfService.notMe'))}
          <ErrorMessage error={action.error} />
          {saved && <Alert kind="ok">{t('common.saved')}</Alert>}
          <button type="submit" className="primary" disabled={action.busy}>
            {t('selfService.save')}
          </button>
        </fieldset>
      )}
    </form>
  );
}
