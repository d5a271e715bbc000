// People who can log in: create (a one-time password is shown once), change role, disable, reset a
// password. The server keeps the last active administrator.
import { useState, type FormEvent } from 'react';
import { get, patch, post } from '../api/client.ts';
import type { Role, User } from '../api/types.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { dateTime } from '../ui/format.ts';

const ROLES: Role[] = ['admin', 'operator', 'viewer'];

export function Users() {
  const { t, lang } = useI18n();
  const { user: me } = useSession();
  const users = useLoad(() => get<{ users: User[] }>('/users'), []);
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [secret, setSecret] = useState<{ login: string; password: string } | null>(null);
  const action = useAction();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => post<{ user: User; oneTimePassword: string | null }>('/users', { login: login.trim(), displayName: displayName.trim() || undefined, role }));
    if (r) {
      setSecret(r.oneTimePassword ? { login: r.user.login, password: r.oneTimePassword } : null);
      setLogin('');
      setDisplayName('');
      await users.reload();
    }
  };
  const change = async (u: User, body: Partial<Pick<User, 'role' | 'disabled'>>) => {
    const r = await action.run(() => patch<User>(`/users/${u.id}`, body));
    if (r) await users.reload();
  };
  const reset = async (u: User) => {
    if (!window.confirm(t('users.resetConfirm', { login: u.login }))) return;
    const r = await action.run(() => post<{ user: User; oneTimePassword: string | null }>(`/users/${u.id}/reset-password`));
    if (r?.oneTimePassword) setSecret({ login: u.login, password: r.oneTimePassword });
    await users.reload();
  };

  return (
    <div>
      <form className="card" onSubmit={create} aria-labelledby="new-user-h">
        <h2 id="new-user-h">{t('users.new')}</h2>
        <div className="row wrap">
          <label className="grow">
            {t('users.login')}
            <input required value={login} onChange={(e) => setLogin(e.target.value)} autoComplete="off" />
          </label>
          <label className="grow">
            {t('users.displayName')}
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          </label>
          <label>
            {t('users.role')}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as Key)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={action.busy || !login.trim()}>
            {t('users.create')}
          </button>
        </div>
      </form>
      {secret && (
        <Alert kind="warning">
          <p>{t('users.oneTime', { login: secret.login })}</p>
          <p>
            <code className="secret">{secret.password}</code>
          </p>
        </Alert>
      )}
      <ErrorMessage error={action.error ?? users.error} />
      {users.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('users.login')}</th>
              <th scope="col">{t('users.displayName')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u) => (
              <tr key={u.id}>
                <td>{u.login}</td>
                <td>{u.displayName}</td>
                <td>
                  <label className="sr-only" htmlFor={`role-${u.id}`}>
                    {t('users.role')}
                  </label>
                  <select id={`role-${u.id}`} value={u.role} onChange={(e) => void change(u, { role: e.target.value as Role })} disabled={action.busy}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}` as Key)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {u.disabled ? <span className="badge bad">{t('users.disabled')}</span> : <span className="badge ok">{t('users.active')}</span>}
                  {u.mustChangePassword && <span className="badge warn">{t('users.mustChange')}</span>}
                </td>
                <td>{dateTime(u.lastLoginAt, lang)}</td>
                <td className="row">
                  {u.id !== me?.id && (
                    <button type="button" onClick={() => void change(u, { disabled: !u.disabled })} disabled={action.busy}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  )}
                  <button type="button" onClick={() => void reset(u)} disabled={action.busy}>
                    {t('users.reset')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
