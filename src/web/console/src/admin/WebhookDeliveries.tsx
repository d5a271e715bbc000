// One webhook subscription's delivery log in a dialog: each event sent, its state, attempts and the
// last answer, with a retry.
import { get, post } from '../api/client.ts';
import type { Webhook, WebhookDelivery } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { dateTime } from '../ui/format.ts';

export function WebhookDeliveries({ hook, onClose }: { hook: Webhook; onClose(): void }) {
  const { t, lang } = useI18n();
  const list = useCrud(() => get('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: hook.id }, query: { limit: 50 } } }), [hook.id]);
  const retry = (d: WebhookDelivery) => list.change(() => post('/api/v1/webhooks/deliveries/{id}/retry', { params: { path: { id: d.id } } }));
  const columns: Column<WebhookDelivery>[] = [
    { header: t('webhooks.event'), cell: (d) => d.eventType },
    { header: t('webhooks.status'), cell: (d) => d.status },
    { header: t('webhooks.attempts'), num: true, cell: (d) => d.attempts },
    { header: t('webhooks.last'), cell: (d) => `${dateTime(d.lastAttemptAt, lang)} ${d.lastStatusCode ?? ''} ${d.lastError ?? ''}` },
    {
      header: t('common.actions'),
      cell: (d) => (
        <button type="button" onClick={() => void retry(d)} disabled={list.busy || d.status === 'delivering'}>
          {t('webhooks.retry')}
        </button>
      ),
    },
  ];
  return (
    <Dialog open wide title={t('webhooks.log', { url: hook.url })} onClose={onClose} actions={<button type="button" onClick={onClose}>{t('common.close')}</button>}>
      <ErrorMessage error={list.error} />
      {list.list.data && <DataTable rows={list.list.data.deliveries} columns={columns} rowKey={(d) => d.id} empty={t('webhooks.noDeliveries')} />}
    </Dialog>
  );
}
