// Who is making a request: a person through a session cookie, or a program through an API key. The
// audit log names them as `user:<id>:<login>` or `apikey:<id>:<name>`.
import type { Role } from './roles.ts';

export type Principal =
  | {
      kind: 'user';
      id: number;
      login: string;
      displayName: string;
      role: Role;
      mustChangePassword: boolean;
      /** The raw session id from the cookie, kept in memory only: the CSRF token is derived from it. */
      sessionId: string;
    }
  | { kind: 'apikey'; id: number; name: string; role: Role };

export function actorOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.id}:${p.login}` : `apikey:${p.id}:${p.name}`;
}
