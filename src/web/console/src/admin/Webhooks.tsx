// Webhooks: subscribe a URL to events (the signing secret is shown once), enable or disable, rotate the
// secret, remove; and each subscription's delivery log with a retry.
import { useState } from 'react';
import { del, get, patch, post } from '../api/client.ts';
import type { Webhook } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { FormCard } from '../ui/FormCard.tsx';
import { TextField } from '../ui/Field.tsx';
import { ShownOnce } from '../ui/ShownOnce.tsx';
import { dateTime } from '../ui/format.ts';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';

const EVENTS = ['message.status', 'message.reply', 'campaign.completed', 'survey.answered', 'payment.succeeded', 'promise.created'] as const;
type EventType = (typeof EVENTS)[number];

export function Webhooks() {
  const { t, lang } = useI18n();
  const hooks = useCrud(() => get('/api/v1/webhooks'), []);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<EventType[]>(['message.status', 'message.reply']);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const create = async () => {
    const r = await hooks.change(() => post('/api/v1/webhooks', { body: { url: url.trim(), events } }));
    if (r) {
      setSecret(r.secret);
      setUrl('');
    }
  };
  const toggle = (h: Webhook) => hooks.change(() => patch('/api/v1/webhooks/{id}', { params: { path: { id: h.id } }, body: { enabled: !h.enabled } }));
  const rotate = async (h: Webhook) => {
    const r = await hooks.change(() => post('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id: h.id } }, body: {} }));
    if (r) setSecret(r.secret);
  };
  const remove = (h: Webhook) => hooks.change(() => del('/api/v1/webhooks/{id}', { params: { path: { id: h.id } } }), t('webhooks.removeConfirm', { url: h.url }));
  const columns: Column<Webhook>[] = [
    { header: 'URL', className: 'break', cell: (h) => h.url },
    { header: t('webhooks.events'), className: 'small', cell: (h) => h.events.join(', ') },
    { header: t('webhooks.status'), cell: (h) => (h.enabled ? <span className="badge ok">{t('webhooks.enabled')}</span> : <span className="badge muted">{t('webhooks.disabled')}</span>) },
    { header: t('keys.created'), cell: (h) => dateTime(h.createdAt, lang) },
    {
      header: t('common.actions'),
      className: 'row wrap',
      cell: (h) => (
        <>
          <button type="button" onClick={() => setLog(h)}>
            {t('webhooks.logButton')}
          </button>
          <button type="button" onClick={() => void toggle(h)} disabled={hooks.busy}>
            {h.enabled ? t('routes.disable') : t('routes.enable')}
          </button>
          <button type="button" onClick={() => void rotate(h)} disabled={hooks.busy}>
            {t('webhooks.rotate')}
          </button>
          <button type="button" className="danger" onClick={() => void remove(h)} disabled={hooks.busy}>
            {t('common.remove')}
          </button>
        </>
      ),
    },
  ];
  return (
    <div>
      <FormCard stacked title={t('webhooks.add')} submitLabel={t('webhooks.subscribe')} canSubmit={url.trim() !== '' && events.length > 0} busy={hooks.busy} onSubmit={create}>
        <TextField label="URL" type="url" required value={url} onChange={setUrl} placeholder="https://erp.example.jp/todoku" />
        <fieldset className="checks">
          <legend>{t('webhooks.events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="inline">
              <input type="checkbox" checked={events.includes(ev)} onChange={(e) => setEvents((xs) => (e.target.checked ? [...xs, ev] : xs.filter((x) => x !== ev)))} /> <code>{ev}</code>
            </label>
          ))}
        </fieldset>
      </FormCard>
      {secret && <ShownOnce note={t('webhooks.secretOnce')} secret={secret} />}
      <ErrorMessage error={hooks.error} />
      {hooks.list.data && <DataTable rows={hooks.list.data.webhooks} columns={columns} rowKey={(h) => h.id} empty={t('webhooks.empty')} />}
      {log && <WebhookDeliveries hook={log} onClose={() => setLog(null)} />}
    </div>
  );
}
