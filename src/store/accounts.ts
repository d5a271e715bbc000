// Operators' accounts in SQL: users, sessions (looked up by the hash of their id, joined to the user
// on every request so a role change or a disabled account takes effect at once) and the login-try
// counters (login-attempts.ts).
import type { Kysely } from 'kysely';
import { loginAttemptStore } from './login-attempts.ts';
import type { Database } from './schema.ts';
import type { Role, Session, User } from './schema-accounts.ts';

export interface NewUser {
  login: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface UserPatch {
  role?: Role;
  displayName?: string;
  disabled?: boolean;
}

export function accountStore(db: Kysely<Database>, now: () => number) {
  return {
    /** Creates a user; undefined when the login is taken (also when another process just took it). */
    async createUser(u: NewUser): Promise<User | undefined> {
      const t = now();
      return db
        .insertInto('users')
        .values({
          login: u.login,
          display_name: u.displayName,
          role: u.role,
          password_hash: u.passwordHash,
          must_change_password: u.mustChangePassword ? 1 : 0,
          disabled_at: null,
          created_at: t,
          updated_at: t,
          last_login_at: null,
          password_changed_at: t,
        })
        .onConflict((oc) => oc.column('login').doNothing())
        .returningAll()
        .executeTakeFirst();
    },
    async userById(id: number): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async userByLogin(login: string): Promise<User | undefined> {
      return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
    },
    async listUsers(): Promise<User[]> {
      return db.selectFrom('users').selectAll().orderBy('id').execute();
    },
    async countUsers(): Promise<number> {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Active administrators other than `exceptId`: the last one may not be demoted or disabled. */
    async countOtherActiveAdmins(exceptId: number): Promise<number> {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .where('id', '!=', exceptId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async updateUser(id: number, patch: UserPatch): Promise<User | undefined> {
      const t = now();
      return db
        .updateTable('users')
        .set({
          updated_at: t,
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.disabled !== undefined ? { disabled_at: patch.disabled ? t : null } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async setPassword(id: number, passwordHash: string, mustChange: boolean): Promise<void> {
      const t = now();
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_changed_at: t, updated_at: t })
        .where('id', '=', id)
        .execute();
    },
    /** A stronger hash for the same password (argon2 parameters raised since it was set). */
    async rehash(id: number, passwordHash: string): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async recordLogin(id: number): Promise<void> {
      await db.updateTable('users').set({ last_login_at: now() }).where('id', '=', id).execute();
    },

    async createSession(s: Session): Promise<void> {
      await db.insertInto('sessions').values(s).execute();
    },
    /** The session and its user when the session is neither idle too long nor past its absolute end. */
    async activeSession(idHash: string, idleMs: number): Promise<{ session: Session; user: User } | undefined> {
      const t = now();
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select(['sessions.id_hash', 'sessions.created_at as s_created_at', 'sessions.last_seen_at as s_last_seen_at', 'sessions.expires_at as s_expires_at'])
        .where('sessions.id_hash', '=', idHash)
        .where('sessions.expires_at', '>', t)
        .where('sessions.last_seen_at', '>', t - idleMs)
        .executeTakeFirst();
      if (!row) return undefined;
      const { id_hash, s_created_at, s_last_seen_at, s_expires_at, ...user } = row;
      return { session: { id_hash, user_id: user.id, created_at: s_created_at, last_seen_at: s_last_seen_at, expires_at: s_expires_at }, user };
    },
    async touchSession(idHash: string): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: now() }).where('id_hash', '=', idHash).execute();
    },
    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    /** Ends every session of a user, but the one given (the browser that changed its own password). */
    async deleteUserSessions(userId: number, keepIdHash?: string): Promise<void> {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
      await q.execute();
    },
    async purgeSessions(idleMs: number): Promise<void> {
      const t = now();
      await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', t), eb('last_seen_at', '<=', t - idleMs)]))
        .execute();
    },

    loginAttempts: loginAttemptStore(db),
  };
}

export type AccountStore = ReturnType<typeof accountStore>;
