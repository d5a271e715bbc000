// The suppression list (配信停止リスト): numbers never sent to again; add one by hand, take one off.
import { useState } from 'react';
import { del, get, post } from '../api/client.ts';
import type { Suppression } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { FormCard } from '../ui/FormCard.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { Pager } from '../ui/Pager.tsx';
import { dateTime, num } from '../ui/format.ts';

const REASONS = ['opt_out', 'wrong_person', 'complaint', 'other'] as const;
type Reason = (typeof REASONS)[number];
const PAGE = 100;

export function Suppressions() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [offset, setOffset] = useState(0);
  const list = useCrud(() => get('/api/v1/suppressions', { params: { query: { limit: PAGE, offset } } }), [offset]);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState<Reason>('opt_out');
  const add = async () => {
    if ((await list.change(() => post('/api/v1/suppressions', { body: { phone: phone.trim(), reason } }))) !== undefined) setPhone('');
  };
  const remove = (s: Suppression) => list.change(() => del('/api/v1/suppressions/{id}', { params: { path: { id: s.id } } }), t('suppressions.removeConfirm', { phone: s.phone }));
  const columns: Column<Suppression>[] = [
    { header: t('field.phone'), className: 'nowrap', cell: (s) => s.phone },
    { header: t('suppressions.reason'), cell: (s) => t(`suppression.${s.reason}` as Key) },
    { header: t('suppressions.source'), cell: (s) => t(`suppressionSource.${s.source}` as Key) },
    { header: t('suppressions.since'), cell: (s) => dateTime(s.createdAt, lang) },
    {
      header: t('common.actions'),
      cell: (s) =>
        can('operator') && (
          <button type="button" onClick={() => void remove(s)} disabled={list.busy}>
            {t('common.remove')}
          </button>
        ),
    },
  ];
  const data = list.list.data;
  return (
    <div>
      {can('operator') && (
        <FormCard title={t('suppressions.add')} submitLabel={t('suppressions.addButton')} canSubmit={phone.trim() !== ''} busy={list.busy} onSubmit={add}>
          <TextField grow label={t('field.phone')} required value={phone} onChange={setPhone} inputMode="tel" />
          <SelectField label={t('suppressions.reason')} value={reason} onChange={setReason} values={REASONS} optionLabel={(r) => t(`suppression.${r}` as Key)} />
        </FormCard>
      )}
      <ErrorMessage error={list.error} />
      {data && (
        <>
          <p>{t('suppressions.total', { n: num(data.total, lang) })}</p>
          <DataTable rows={data.suppressions} columns={columns} rowKey={(s) => s.id} />
          <Pager hasPrevious={offset > 0} hasNext={offset + PAGE < data.total} onPrevious={() => setOffset(Math.max(0, offset - PAGE))} onNext={() => setOffset(offset + PAGE)} />
        </>
      )}
    </div>
  );
}
