// Table shapes of the operators' side: people who log in (users), their sessions, and the counters
// that slow down password guessing (login_attempts). API keys' role column lives on api_keys (schema.ts).
import type { Generated, Selectable } from 'kysely';

/**
 * What a person or an API key may do: viewer reads, operator runs campaigns, approver also approves others'
 * sends (when the organisation requires approval), admin runs the system (and may approve).
 */
export type Role = 'admin' | 'approver' | 'operator' | 'viewer';

export interface UserTable {
  id: Generated<number>;
  /** Email address or login name, stored lower-cased: the unique name a person logs in with. */
  login: string;
  display_name: string;
  role: Role;
  /** argon2id, PHC string format ($argon2id$v=19$m=…). */
  password_hash: string;
  /** 1: the password was set by someone else (one-time password) and must be changed before any work. */
  must_change_password: number;
  /** When an administrator disabled the account; null: active. */
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  password_changed_at: number;
}

/** A logged-in browser. Only a SHA-256 of the random session id is stored: a database leak opens no session. */
export interface SessionTable {
  id_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  /** Absolute end, however active the session is. */
  expires_at: number;
}

/**
 * Login tries per key: an account and a client address together, an account alone, or an address
 * alone, each a keyed hash (people type passwords into the name field, so nothing is in clear). A try
 * is counted here before the password is checked; the rule is src/accounts/throttle.ts.
 */
export interface LoginAttemptTable {
  key: string;
  /** Keyed hash of the login name on the account's and the pair's rows; null on an address's. */
  account: string | null;
  /** Tries counted since the counter was last quiet (a success gives its own try back). */
  failures: number;
  last_at: number;
  /** No try on this key before this time (0: none). */
  blocked_until: number;
  /** A pair's only: this address logged into this account lately, so the account-wide delay skips it. */
  trusted_until: number;
}

export interface AccountTables {
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
}

export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type LoginAttempt = Selectable<LoginAttemptTable>;
