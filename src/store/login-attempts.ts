// Login-try counters in SQL, shared by every process. One transaction reads the counters a try touches
// with their rows locked, lets the caller's rule decide, and writes what it decided, so parallel
// tries on one database (SQLite or PostgreSQL, any number of processes) are decided one after another.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { LoginAttempt } from './schema-accounts.ts';

export interface LoginAttemptKey {
  key: string;
  /** Keyed hash of the login name the counter belongs to, if any (an address's counter has none). */
  account: string | null;
}

/** What the rule decides: a result for the caller and the counters to store (none: nothing changes). */
export interface LoginAttemptDecision<T> {
  result: T;
  write: LoginAttempt[];
}

export function loginAttemptStore(db: Kysely<Database>) {
  return {
    /**
     * Reads the counters of `keys` (fresh ones are all zero), locked until the end of the transaction,
     * and stores what `decide` returns. The upsert is the first statement: it takes SQLite's write lock
     * and PostgreSQL's row locks at once (keys sorted, so two tries never wait on each other in a circle),
     * and returns each row as the last committed try left it.
     */
    async decide<T>(keys: LoginAttemptKey[], decide: (rows: Map<string, LoginAttempt>) => LoginAttemptDecision<T>): Promise<T> {
      const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('login_attempts')
          .values(sorted.map((k) => ({ key: k.key, account: k.account, failures: 0, last_at: 0, blocked_until: 0, trusted_until: 0 })))
          .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ account: eb.ref('excluded.account') })))
          .returningAll()
          .execute();
        const byKey = new Map(rows.map((r) => [r.key, r]));
        const { result, write } = decide(byKey);
        for (const w of write) {
          await trx
            .updateTable('login_attempts')
            .set({ failures: w.failures, last_at: w.last_at, blocked_until: w.blocked_until, trusted_until: w.trusted_until })
            .where('key', '=', w.key)
            .execute();
        }
        return result;
      });
    },
    /** An administrator's reset: every counter of the account (alone and with each address) is gone. */
    async clearAccount(account: string): Promise<void> {
      await db.deleteFrom('login_attempts').where('account', '=', account).execute();
    },
    /** Forgets counters quiet since `quietSince` that neither block nor trust anything at `t`. */
    async prune(quietSince: number, t: number): Promise<void> {
      await db
        .deleteFrom('login_attempts')
        .where('last_at', '<', quietSince)
        .where('blocked_until', '<=', t)
        .where('trusted_until', '<=', t)
        .execute();
    },
  };
}

export type LoginAttemptStore = ReturnType<typeof loginAttemptStore>;
