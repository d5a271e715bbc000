// Who is logged in: read once from /session/me, set by logging in, cleared by logging out or when the
// server says the session ended. Role checks for showing buttons (the API enforces them anyway).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { del, get, post, setCsrfToken, whenUnauthorized } from './api/client.ts';
import type { Role, User } from './api/schemas.ts';

type State = { status: 'loading' } | { status: 'anonymous'; expired: boolean } | { status: 'user'; user: User };

interface Session {
  state: State;
  user: User | null;
  login(login: string, password: string): Promise<User>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** The person's role includes `role` (admin ⊃ operator ⊃ viewer). */
  can(role: Role): boolean;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, approver: 2, admin: 3 };
const Ctx = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    whenUnauthorized(() => setState((s) => (s.status === 'user' ? { status: 'anonymous', expired: true } : s)));
    get('/api/v1/session/me', { quiet401: true }).then(
      (me) => {
        if (me.kind === 'user' && me.user) {
          setCsrfToken(me.csrfToken ?? null);
          setState({ status: 'user', user: me.user });
        } else setState({ status: 'anonymous', expired: false });
      },
      () => setState({ status: 'anonymous', expired: false }),
    );
  }, []);

  const login = useCallback(async (name: string, password: string) => {
    const r = await post('/api/v1/session', { body: { login: name, password }, quiet401: true });
    setCsrfToken(r.csrfToken);
    setState({ status: 'user', user: r.user });
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await del('/api/v1/session', { quiet401: true });
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const r = await post('/api/v1/session/password', { body: { currentPassword, newPassword } });
    // The server ends the other sessions and may rotate this one's token: read it again.
    const me = await get('/api/v1/session/me');
    setCsrfToken(me.csrfToken ?? null);
    setState({ status: 'user', user: r.user });
  }, []);

  const value = useMemo<Session>(() => {
    const user = state.status === 'user' ? state.user : null;
    return { state, user, login, logout, changePassword, can: (role) => (user ? RANK[user.role] >= RANK[role] : false) };
  }, [state, login, logout, changePassword]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
