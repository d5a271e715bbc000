// Running a cadence: start (once the campaign's own send is confirmed and the editor's changes are
// saved), pause, resume and stop, each confirmed in a dialog that says what it does to the people in it;
// and the figures of who is in it, waiting, paused by a promise, done or gone.
import { useState } from 'react';
import { inCampaign, post } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { useAction } from '../ui/useLoad.ts';
import { dateTime, num } from '../ui/format.ts';
import type { Cadence } from './types.ts';

type Action = 'start' | 'pause' | 'resume' | 'stop';

/** The login of an actor as the audit writes it (user:1:keiri@example.jp → keiri@example.jp); API keys as they are. */
const who = (actor: string) => actor.replace(/^user:\d+:/u, '');

const ALLOWED: Record<Action, readonly Cadence['state'][]> = {
  start: ['draft'],
  pause: ['running'],
  resume: ['paused'],
  stop: ['draft', 'running', 'paused'],
};

export function CadenceControls({ campaign, cadence, dirty, onChanged }: { campaign: Campaign; cadence: Cadence; dirty: boolean; onChanged(c: Cadence): void }) {
  const { t, lang } = useI18n();
  const [asking, setAsking] = useState<Action | null>(null);
  const action = useAction();
  const run = async (what: Action) => {
    const r = await action.run(() => post(`/api/v1/campaigns/{campaign}/cadence/${what}`, { params: inCampaign(campaign.id) }));
    if (r) {
      setAsking(null);
      onChanged(r);
    }
  };
  const campaignReady = campaign.status !== 'draft' && campaign.status !== 'cancelled';
  const can = (a: Action) => ALLOWED[a].includes(cadence.state);
  const m = cadence.members;
  const people = cadence.state === 'draft' ? campaign.acceptedCount : m.total;
  const button = (a: Action, className = '') =>
    can(a) && (
      <button type="button" className={className} onClick={() => setAsking(a)} disabled={action.busy || (a === 'start' && (!campaignReady || dirty))}>
        {t(`cadence.action.${a}` as Key)}
      </button>
    );
  return (
    <div className="card cadence-controls">
      <div className="row wrap between">
        <dl className="figures">
          {cadence.state === 'draft' ? (
            <div>
              <dt>{t('cadence.people')}</dt>
              <dd>{num(campaign.acceptedCount, lang)}</dd>
            </div>
          ) : (
            (['total', 'active', 'paused', 'left', 'done'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`cadence.members.${k}` as Key)}</dt>
                <dd data-testid={`members-${k}`}>{num(m[k], lang)}</dd>
              </div>
            ))
          )}
        </dl>
        <div className="row wrap" role="group" aria-label={t('cadence.control')}>
          {button('start', 'primary')}
          {button('pause')}
          {button('resume', 'primary')}
          {button('stop', 'danger')}
        </div>
      </div>
      <p className="muted small">
        {cadence.startedAt && t('cadence.startedAt', { at: dateTime(cadence.startedAt, lang) })}
        {cadence.pausedAt && cadence.state === 'paused' && ` · ${t('cadence.pausedAt', { at: dateTime(cadence.pausedAt, lang) })}`}
        {cadence.stoppedAt && ` · ${t('cadence.stoppedAt', { at: dateTime(cadence.stoppedAt, lang) })}`}
        {cadence.completedAt && ` · ${t('cadence.completedAt', { at: dateTime(cadence.completedAt, lang) })}`}
        {!cadence.startedAt && t('cadence.savedAt', { at: dateTime(cadence.updatedAt, lang), by: who(cadence.createdBy) })}
      </p>
      {can('start') && !campaignReady && <Alert kind="info">{t('cadence.startNeedsSend')}</Alert>}
      {can('start') && campaignReady && dirty && <Alert kind="warning">{t('cadence.startNeedsSave')}</Alert>}
      <ErrorMessage error={asking ? null : action.error} />
      <Dialog
        open={asking !== null}
        title={asking ? t(`cadence.confirm.${asking}.title` as Key) : ''}
        onClose={() => setAsking(null)}
        actions={
          <>
            <button type="button" onClick={() => setAsking(null)}>
              {t('common.back')}
            </button>
            {asking && (
              <button type="button" className={asking === 'stop' ? 'primary danger' : 'primary'} onClick={() => void run(asking)} disabled={action.busy}>
                {t(`cadence.confirm.${asking}.button` as Key)}
              </button>
            )}
          </>
        }
      >
        <ErrorMessage error={action.error} />
        {asking && <p>{t(`cadence.confirm.${asking}.text` as Key, { name: cadence.name, n: num(people, lang), steps: cadence.steps.length })}</p>}
        {asking === 'start' && (
          <ol className="small">
            {cadence.steps.map((s) => (
              <li key={s.number}>
                <strong>{s.name}</strong> — {lang === 'en' ? s.atText.en : s.atText.ja}
              </li>
            ))}
          </ol>
        )}
      </Dialog>
    </div>
  );
}
