// Changing one's password: forced after logging in with a one-time password, and from the user menu.
import { useState, type FormEvent } from 'react';
import { useSession } from '../session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';

export function ChangePasswordForm({ forced, onDone }: { forced: boolean; onDone?: () => void }) {
  const { changePassword, logout, user } = useSession();
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const mismatch = again !== '' && next !== again;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return;
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
      onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="password-form">
      {forced && <Alert kind="info">{t('password.forced', { login: user?.login ?? '' })}</Alert>}
      {done && <Alert kind="ok">{t('password.done')}</Alert>}
      <ErrorMessage error={error} />
      <form onSubmit={submit} className="stack">
        <label>
          {forced ? t('password.onetime') : t('password.current')}
          <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label>
          {t('password.new')}
          <input type="password" autoComplete="new-password" minLength={10} required value={next} onChange={(e) => setNext(e.target.value)} aria-describedby="pw-rule" />
        </label>
        <p id="pw-rule" className="muted small">
          {t('password.rule')}
        </p>
        <label>
          {t('password.again')}
          <input type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} />
        </label>
        {mismatch && <p className="field-error">{t('password.mismatch')}</p>}
        <div className="row">
          <button type="submit" className="primary" disabled={busy || mismatch}>
            {t('password.submit')}
          </button>
          {forced && (
            <button type="button" onClick={() => void logout()}>
              {t('nav.logout')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  return (
    <main className="login" id="main">
      <div className="login-card">
        <p className="brand">
          届く <span>Todoku</span>
        </p>
        <h1>{t('password.title')}</h1>
        <ChangePasswordForm forced />
      </div>
    </main>
  );
}
