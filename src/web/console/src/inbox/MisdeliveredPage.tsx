// The misdelivery list (宛先違いリスト): numbers someone reported as not theirs on the recipient page.
// Imports reject them until an operator, having checked, takes one off the list.
import { del, get, type Answer } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { dateTime } from '../ui/format.ts';
import { InboxTabs } from './InboxTabs.tsx';

type Listed = Answer<'get', '/api/v1/misdelivered-numbers'>['numbers'][number];

export function MisdeliveredPage() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const list = useCrud(() => get('/api/v1/misdelivered-numbers', { params: { query: { limit: 500 } } }), []);
  const remove = (n: Listed) =>
    list.change(() => del('/api/v1/misdelivered-numbers/{id}', { params: { path: { id: n.id } } }), t('misdelivered.removeConfirm', { phone: n.phone ?? `#${n.id}` }));
  const columns: Column<Listed>[] = [
    { header: t('misdelivered.phone'), rowHeader: true, className: 'nowrap', cell: (n) => n.phone ?? '—' },
    { header: t('misdelivered.reported'), className: 'nowrap', cell: (n) => dateTime(n.reportedAt, lang) },
    { header: t('misdelivered.campaign'), cell: (n) => n.campaign.name },
    {
      header: t('common.actions'),
      cell: (n) =>
        can('operator') ? (
          <button type="button" disabled={list.busy} onClick={() => void remove(n)} aria-label={t('misdelivered.removeFor', { phone: n.phone ?? `#${n.id}` })}>
            {t('misdelivered.remove')}
          </button>
        ) : null,
    },
  ];
  return (
    <section className="page">
      <h1>{t('misdelivered.title')}</h1>
      <InboxTabs current="misdelivered" />
      <p className="hint">{t('misdelivered.intro')}</p>
      <ErrorMessage error={list.error} />
      {list.list.data && <DataTable caption={t('misdelivered.title')} rows={list.list.data.numbers} columns={columns} rowKey={(n) => String(n.id)} empty={t('misdelivered.none')} />}
    </section>
  );
}
