// Table shapes of the operators' side: people who log in (users), their sessions, and the counters
// that slow down password guessing (login_throttle). API keys' role column lives on api_keys (schema.ts).
import type { Generated, Selectable } from 'kysely';

/** What a person or an API key may do: viewer reads, operator runs campaigns, admin runs the system. */
export type Role = 'admin' | 'operator' | 'viewer';

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
 * Failed logins per key: an account (keyed hash of the login name typed) or a client address (keyed
 * hash of the IP). Neither is stored in clear: people type passwords into the name field.
 */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: number;
  locked_until: number | null;
}

export interface AccountTables {
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
}

export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
