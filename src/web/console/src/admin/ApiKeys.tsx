// API keys for programs: create one with a role (the key is shown once), revoke.
import { useState } from 'react';
import { del, get, post } from '../api/client.ts';
import type { ApiKey, Role } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { FormCard } from '../ui/FormCard.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { ShownOnce } from '../ui/ShownOnce.tsx';
import { dateTime } from '../ui/format.ts';
import { ROLES } from './roles.ts';

export function ApiKeys() {
  const { t, lang } = useI18n();
  const keys = useCrud(() => get('/api/v1/api-keys'), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const roleLabel = (r: Role) => t(`role.${r}` as Key);
  const create = async () => {
    const r = await keys.change(() => post('/api/v1/api-keys', { body: { name: name.trim(), role } }));
    if (r) {
      setCreated({ name: r.name, key: r.key });
      setName('');
    }
  };
  const revoke = (k: ApiKey) => keys.change(() => del('/api/v1/api-keys/{id}', { params: { path: { id: k.id } } }), t('keys.revokeConfirm', { name: k.name }));
  const columns: Column<ApiKey>[] = [
    { header: t('keys.name'), cell: (k) => k.name },
    { header: t('keys.prefix'), cell: (k) => <code>{k.prefix}…</code> },
    { header: t('users.role'), cell: (k) => roleLabel(k.role) },
    { header: t('keys.created'), cell: (k) => dateTime(k.createdAt, lang) },
    { header: t('keys.lastUsed'), cell: (k) => dateTime(k.lastUsedAt, lang) },
    {
      header: t('common.actions'),
      cell: (k) =>
        k.revokedAt ? (
          <span className="badge muted">{t('keys.revoked', { at: dateTime(k.revokedAt, lang) })}</span>
        ) : (
          <button type="button" className="danger" onClick={() => void revoke(k)} disabled={keys.busy}>
            {t('keys.revoke')}
          </button>
        ),
    },
  ];
  return (
    <div>
      <FormCard title={t('keys.new')} submitLabel={t('keys.create')} canSubmit={name.trim() !== ''} busy={keys.busy} onSubmit={create}>
        <TextField grow label={t('keys.name')} required value={name} onChange={setName} maxLength={100} />
        <SelectField label={t('users.role')} value={role} onChange={setRole} values={ROLES} optionLabel={roleLabel} />
      </FormCard>
      {created && <ShownOnce note={t('keys.shownOnce', { name: created.name })} secret={created.key} />}
      <ErrorMessage error={keys.error} />
      {keys.list.data && <DataTable rows={keys.list.data.keys} columns={columns} rowKey={(k) => k.id} rowClassName={(k) => (k.revokedAt ? 'revoked' : undefined)} />}
    </div>
  );
}
