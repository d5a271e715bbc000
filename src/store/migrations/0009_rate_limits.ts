// Guessing budgets shared by every process (link codes, wrong answers, /verify misses): one token
// bucket per scope and keyed hash of a client address. A bucket untouched for its window is full
// again, so rows older than that are deleted; updated_at is indexed for that.
import type { Kysely, Migration } from 'kysely';

export function rateLimits(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_limits')
        .addColumn('scope', 'text', (c) => c.notNull())
        // A keyed hash of the address (never the address itself).
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('tokens', 'double precision', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limits_pkey', ['scope', 'bucket'])
        .execute();
      await db.schema.createIndex('rate_limits_updated_at').on('rate_limits').column('updated_at').execute();
    },
  };
}
