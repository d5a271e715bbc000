// The login page: login name and password; the server's answer (wrong password, locked for N minutes)
// is shown as it says it.
import { useState, type FormEvent } from 'react';
import { useSession } from '../session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage, Alert } from '../ui/Alert.tsx';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';

export function LoginPage({ expired }: { expired: boolean }) {
  const { login } = useSession();
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(name.trim(), password);
    } catch (err) {
      setError(err);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <div className="login-card">
        <div className="login-head">
          <p className="brand">
            届く <span>Todoku</span>
          </p>
          <LanguageSwitch />
        </div>
        <h1>{t('login.title')}</h1>
        {expired && <Alert kind="info">{t('login.expired')}</Alert>}
        <ErrorMessage error={error} />
        <form onSubmit={submit} className="stack">
          <label>
            {t('login.name')}
            <input name="login" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          </label>
          <label>
            {t('login.password')}
            <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.working') : t('login.submit')}
          </button>
        </form>
        <p className="muted small">{t('login.help')}</p>
      </div>
    </main>
  );
}
