// Webhooks: subscribe a URL to events (the signing secret is shown once), enable or disable, rotate the
// secret, remove; and each subscription's delivery log with a retry.
import { useState, type FormEvent } from 'react';
import { del, get, patch, post } from '../api/client.ts';
import type { Webhook, WebhookDelivery } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { dateTime } from '../ui/format.ts';

const EVENTS = ['message.status', 'message.reply', 'campaign.completed', 'survey.answered', 'payment.succeeded'];

function Deliveries({ hook, onClose }: { hook: Webhook; onClose(): void }) {
  const { t, lang } = useI18n();
  const list = useLoad(() => get<{ deliveries: WebhookDelivery[] }>(`/webhooks/${hook.id}/deliveries?limit=50`), [hook.id]);
  const action = useAction();
  const retry = async (d: WebhookDelivery) => {
    if ((await action.run(() => post(`/webhooks/deliveries/${d.id}/retry`))) !== undefined) await list.reload();
  };
  return (
    <Dialog open wide title={t('webhooks.log', { url: hook.url })} onClose={onClose} actions={<button type="button" onClick={onClose}>{t('common.close')}</button>}>
      <ErrorMessage error={action.error ?? list.error} />
      {list.data && list.data.deliveries.length === 0 && <p className="empty">{t('webhooks.noDeliveries')}</p>}
      {list.data && list.data.deliveries.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('webhooks.event')}</th>
              <th scope="col">{t('webhooks.status')}</th>
              <th scope="col" className="num">
                {t('webhooks.attempts')}
              </th>
              <th scope="col">{t('webhooks.last')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.deliveries.map((d) => (
              <tr key={d.id}>
                <td>{d.eventType}</td>
                <td>{d.status}</td>
                <td className="num">{d.attempts}</td>
                <td>
                  {dateTime(d.lastAttemptAt, lang)} {d.lastStatusCode ?? ''} {d.lastError ?? ''}
                </td>
                <td>
                  <button type="button" onClick={() => void retry(d)} disabled={action.busy || d.status === 'delivering'}>
                    {t('webhooks.retry')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

export function Webhooks() {
  const { t, lang } = useI18n();
  const hooks = useLoad(() => get<{ webhooks: Webhook[] }>('/webhooks'), []);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['message.status', 'message.reply']);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const action = useAction();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => post<Webhook & { secret: string }>('/webhooks', { url: url.trim(), events }));
    if (r) {
      setSecret(r.secret);
      setUrl('');
      await hooks.reload();
    }
  };
  const toggle = async (h: Webhook) => {
    if ((await action.run(() => patch(`/webhooks/${h.id}`, { enabled: !h.enabled }))) !== undefined) await hooks.reload();
  };
  const rotate = async (h: Webhook) => {
    const r = await action.run(() => post<{ secret: string }>(`/webhooks/${h.id}/rotate-secret`, {}));
    if (r) setSecret(r.secret);
    await hooks.reload();
  };
  const remove = async (h: Webhook) => {
    if (!window.confirm(t('webhooks.removeConfirm', { url: h.url }))) return;
    if ((await action.run(() => del(`/webhooks/${h.id}`).then(() => true))) !== undefined) await hooks.reload();
  };
  return (
    <div>
      <form className="card" onSubmit={create}>
        <h2>{t('webhooks.add')}</h2>
        <label>
          URL
          <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://erp.example.jp/todoku" />
        </label>
        <fieldset className="checks">
          <legend>{t('webhooks.events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="inline">
              <input type="checkbox" checked={events.includes(ev)} onChange={(e) => setEvents((xs) => (e.target.checked ? [...xs, ev] : xs.filter((x) => x !== ev)))} /> <code>{ev}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={action.busy || !url.trim() || events.length === 0}>
          {t('webhooks.subscribe')}
        </button>
      </form>
      {secret && (
        <Alert kind="warning">
          <p>{t('webhooks.secretOnce')}</p>
          <p>
            <code className="secret">{secret}</code>
          </p>
        </Alert>
      )}
      <ErrorMessage error={action.error ?? hooks.error} />
      {hooks.data && hooks.data.webhooks.length === 0 && <p className="empty">{t('webhooks.empty')}</p>}
      {hooks.data && hooks.data.webhooks.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">{t('webhooks.events')}</th>
              <th scope="col">{t('webhooks.status')}</th>
              <th scope="col">{t('keys.created')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {hooks.data.webhooks.map((h) => (
              <tr key={h.id}>
                <td className="break">{h.url}</td>
                <td className="small">{h.events.join(', ')}</td>
                <td>{h.enabled ? <span className="badge ok">{t('webhooks.enabled')}</span> : <span className="badge muted">{t('webhooks.disabled')}</span>}</td>
                <td>{dateTime(h.createdAt, lang)}</td>
                <td className="row wrap">
                  <button type="button" onClick={() => setLog(h)}>
                    {t('webhooks.logButton')}
                  </button>
                  <button type="button" onClick={() => void toggle(h)} disabled={action.busy}>
                    {h.enabled ? t('routes.disable') : t('routes.enable')}
                  </button>
                  <button type="button" onClick={() => void rotate(h)} disabled={action.busy}>
                    {t('webhooks.rotate')}
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(h)} disabled={action.busy}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {log && <Deliveries hook={log} onClose={() => setLog(null)} />}
    </div>
  );
}
