// Login throttling that holds under a burst: one row per counter (an account and a client address
// together, an account alone, an address alone), reserved in a transaction before the password is
// checked. Replaces login_throttle, whose failures were counted only after the check.
import type { Kysely, Migration } from 'kysely';

export function loginThrottle(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        // Keyed hash of the login name typed, on the account's and the pair's rows: an administrator's
        // reset finds every counter of the account by it.
        .addColumn('account', 'text')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_at', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('blocked_until', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('trusted_until', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('login_attempts_account').on('login_attempts').column('account').execute();
      await db.schema.createIndex('login_attempts_last_at').on('login_attempts').column('last_at').execute();
      // Its counts were per account across every address (the lock an attacker could use on anyone).
      await db.schema.dropTable('login_throttle').execute();
    },
  };
}
