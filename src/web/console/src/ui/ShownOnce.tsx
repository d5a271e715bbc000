// A secret the server shows once and never again (an API key, a one-time password, a webhook's
// signing secret): a warning that says so, and the secret in a box that is easy to copy.
import type { ReactNode } from 'react';
import { Alert } from './Alert.tsx';

export function ShownOnce({ note, secret }: { note: ReactNode; secret: string }) {
  return (
    <Alert kind="warning">
      <p>{note}</p>
      <p>
        <code className="secret">{secret}</code>
      </p>
    </Alert>
  );
}
