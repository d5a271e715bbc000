// What the account use-cases are given: the two repositories they touch, a keyed hash, the clock, how
// long sessions last and the password check (argon2id; a test counts its calls).
import type { AccountStore } from '../store/accounts.ts';
import type { AuditStore } from '../store/audit.ts';

export interface SessionPolicy {
  /** A session unused this long is over. */
  idleMs: number;
  /** A session is over this long after login, however active. */
  maxMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 60 * 60_000, maxMs: 12 * 60 * 60_000 };

/** The expensive check that throttling exists to ration. */
export interface PasswordCheck {
  verify(hash: string, password: string): Promise<boolean>;
  /** The same cost for a login name that does not exist. */
  decoy(password: string): Promise<false>;
}

export interface AccountsContext {
  accounts: AccountStore;
  audit: AuditStore;
  /** Keyed hash (the vault's blind index): throttle keys never hold a typed name or an IP in clear. */
  keyedHash(value: string): string;
  now: () => number;
  sessions: SessionPolicy;
  passwords: PasswordCheck;
}
