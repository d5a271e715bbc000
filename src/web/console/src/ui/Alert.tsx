// Messages for people: errors from the API in the chosen language (with the code for support), and
// short notices that screen readers announce.
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';

export function Alert({ kind, children }: { kind: 'error' | 'warning' | 'info' | 'ok'; children: ReactNode }) {
  return (
    <div className={`alert ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { pick, t } = useI18n();
  if (!error) return null;
  if (error instanceof ApiError) {
    const details = Array.isArray(error.details) ? (error.details as { path?: string; message?: string }[]) : [];
    return (
      <Alert kind="error">
        <p>{pick(error.title, error.titleEn) || t('error.generic')}</p>
        {details.length > 0 && (
          <ul>
            {details.slice(0, 5).map((d, i) => (
              <li key={i}>{[d.path, d.message].filter(Boolean).join(': ')}</li>
            ))}
          </ul>
        )}
        <p className="muted small">{error.code}</p>
      </Alert>
    );
  }
  return (
    <Alert kind="error">
      <p>{error instanceof Error ? error.message : t('error.generic')}</p>
    </Alert>
  );
}
