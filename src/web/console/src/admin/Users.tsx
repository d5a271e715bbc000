// People who can log in: create (a one-time password is shown once), change role, disable, reset a
// password. The server keeps the last active administrator.
import { useState } from 'react';
import { get, patch, post } from '../api/client.ts';
import type { Role, User } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { FormCard } from '../ui/FormCard.tsx';
import { Options, SelectField, TextField } from '../ui/Field.tsx';
import { ShownOnce } from '../ui/ShownOnce.tsx';
import { dateTime } from '../ui/format.ts';
import { ROLES } from './roles.ts';

export function Users() {
  const { t, lang } = useI18n();
  const { user: me } = useSession();
  const users = useCrud(() => get('/api/v1/users'), []);
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [secret, setSecret] = useState<{ login: string; password: string } | null>(null);
  const roleLabel = (r: Role) => t(`role.${r}` as Key);

  const create = async () => {
    const r = await users.change(() => post('/api/v1/users', { body: { login: login.trim(), displayName: displayName.trim() || undefined, role } }));
    if (r) {
      setSecret(r.oneTimePassword ? { login: r.user.login, password: r.oneTimePassword } : null);
      setLogin('');
      setDisplayName('');
    }
  };
  const change = (u: User, body: Partial<Pick<User, 'role' | 'disabled'>>) => users.change(() => patch('/api/v1/users/{id}', { params: { path: { id: u.id } }, body }));
  const reset = async (u: User) => {
    const r = await users.change(() => post('/api/v1/users/{id}/reset-password', { params: { path: { id: u.id } } }), t('users.resetConfirm', { login: u.login }));
    if (r?.oneTimePassword) setSecret({ login: u.login, password: r.oneTimePassword });
  };

  const columns: Column<User>[] = [
    { header: t('users.login'), cell: (u) => u.login },
    { header: t('users.displayName'), cell: (u) => u.displayName },
    {
      header: t('users.role'),
      cell: (u) => (
        <>
          <label className="sr-only" htmlFor={`role-${u.id}`}>
            {t('users.role')}
          </label>
          <select id={`role-${u.id}`} value={u.role} onChange={(e) => void change(u, { role: e.target.value as Role })} disabled={users.busy}>
            <Options values={ROLES} label={roleLabel} />
          </select>
        </>
      ),
    },
    {
      header: t('users.state'),
      cell: (u) => (
        <>
          {u.disabled ? <span className="badge bad">{t('users.disabled')}</span> : <span className="badge ok">{t('users.active')}</span>}
          {u.mustChangePassword && <span className="badge warn">{t('users.mustChange')}</span>}
        </>
      ),
    },
    { header: t('users.lastLogin'), cell: (u) => dateTime(u.lastLoginAt, lang) },
    {
      header: t('common.actions'),
      className: 'row',
      cell: (u) => (
        <>
          {u.id !== me?.id && (
            <button type="button" onClick={() => void change(u, { disabled: !u.disabled })} disabled={users.busy}>
              {u.disabled ? t('users.enable') : t('users.disable')}
            </button>
          )}
          <button type="button" onClick={() => void reset(u)} disabled={users.busy}>
            {t('users.reset')}
          </button>
        </>
      ),
    },
  ];

  return (
    <div>
      <FormCard title={t('users.new')} submitLabel={t('users.create')} canSubmit={login.trim() !== ''} busy={users.busy} onSubmit={create}>
        <TextField grow label={t('users.login')} required value={login} onChange={setLogin} autoComplete="off" />
        <TextField grow label={t('users.displayName')} value={displayName} onChange={setDisplayName} />
        <SelectField label={t('users.role')} value={role} onChange={setRole} values={ROLES} optionLabel={roleLabel} />
      </FormCard>
      {secret && <ShownOnce note={t('users.oneTime', { login: secret.login })} secret={secret.password} />}
      <ErrorMessage error={users.error} />
      {users.list.data && <DataTable rows={users.list.data.users} columns={columns} rowKey={(u) => u.id} />}
    </div>
  );
}
