// API keys for programs: create one with a role (the key is shown once), revoke.
import { useState, type FormEvent } from 'react';
import { del, get, post } from '../api/client.ts';
import type { ApiKey, Role } from '../api/types.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { dateTime } from '../ui/format.ts';

export function ApiKeys() {
  const { t, lang } = useI18n();
  const keys = useLoad(() => get<{ keys: ApiKey[] }>('/api-keys'), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const action = useAction();
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const r = await action.run(() => post<{ name: string; key: string }>('/api-keys', { name: name.trim(), role }));
    if (r) {
      setCreated({ name: r.name, key: r.key });
      setName('');
      await keys.reload();
    }
  };
  const revoke = async (k: ApiKey) => {
    if (!window.confirm(t('keys.revokeConfirm', { name: k.name }))) return;
    if ((await action.run(() => del(`/api-keys/${k.id}`).then(() => true))) !== undefined) await keys.reload();
  };
  return (
    <div>
      <form className="card" onSubmit={create} aria-labelledby="new-key-h">
        <h2 id="new-key-h">{t('keys.new')}</h2>
        <div className="row wrap">
          <label className="grow">
            {t('keys.name')}
            <input required value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          </label>
          <label>
            {t('users.role')}
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(['viewer', 'operator', 'admin'] as Role[]).map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}` as Key)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={action.busy || !name.trim()}>
            {t('keys.create')}
          </button>
        </div>
      </form>
      {created && (
        <Alert kind="warning">
          <p>{t('keys.shownOnce', { name: created.name })}</p>
          <p>
            <code className="secret">{created.key}</code>
          </p>
        </Alert>
      )}
      <ErrorMessage error={action.error ?? keys.error} />
      {keys.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('keys.name')}</th>
              <th scope="col">{t('keys.prefix')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('keys.created')}</th>
              <th scope="col">{t('keys.lastUsed')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.keys.map((k) => (
              <tr key={k.id} className={k.revokedAt ? 'revoked' : ''}>
                <td>{k.name}</td>
                <td>
                  <code>{k.prefix}…</code>
                </td>
                <td>{t(`role.${k.role}` as Key)}</td>
                <td>{dateTime(k.createdAt, lang)}</td>
                <td>{dateTime(k.lastUsedAt, lang)}</td>
                <td>
                  {k.revokedAt ? (
                    <span className="badge muted">{t('keys.revoked', { at: dateTime(k.revokedAt, lang) })}</span>
                  ) : (
                    <button type="button" className="danger" onClick={() => void revoke(k)} disabled={action.busy}>
                      {t('keys.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
