// Token buckets every process shares (the landing pages' guessing budget): a bucket holds up to
// `capacity` tokens and refills evenly over `windowMs`. Spending is one statement on both databases
// (INSERT … ON CONFLICT DO UPDATE … RETURNING), so concurrent spends from any number of processes
// are serialised by the row and none is lost. Keys are keyed hashes made by the caller.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';

export interface BucketRule {
  capacity: number;
  windowMs: number;
}

export function rateLimitStore(db: Kysely<Database>, dialect: Dialect) {
  // Scalar two-argument max/min: GREATEST/LEAST on PostgreSQL, MAX/MIN on SQLite.
  const greatest = sql.raw(dialect === 'postgres' ? 'GREATEST' : 'MAX');
  const least = sql.raw(dialect === 'postgres' ? 'LEAST' : 'MIN');
  const real = (n: number) => sql`CAST(${n} AS DOUBLE PRECISION)`;
  const bigint = (n: number) => sql`CAST(${Math.trunc(n)} AS BIGINT)`;

  return {
    /**
     * Spends one token (an empty bucket stays at 0) and returns what is left. A clock behind the row's
     * (another process's) refills nothing and never moves the row back in time.
     */
    async spend(scope: string, bucket: string, now: number, rule: BucketRule): Promise<number> {
      const perMs = rule.capacity / rule.windowMs;
      const r = await sql<{ tokens: number }>`
        INSERT INTO rate_limits (scope, bucket, tokens, updated_at)
        VALUES (${scope}, ${bucket}, ${real(Math.max(0, rule.capacity - 1))}, ${bigint(now)})
        ON CONFLICT (scope, bucket) DO UPDATE SET
          tokens = ${greatest}(${real(0)}, ${least}(${real(rule.capacity)}, rate_limits.tokens + ${greatest}(${bigint(0)}, ${bigint(now)} - rate_limits.updated_at) * ${real(perMs)}) - 1),
          updated_at = ${greatest}(rate_limits.updated_at, ${bigint(now)})
        RETURNING tokens`.execute(db);
      return Number(r.rows[0]!.tokens);
    },

    /**
     * Takes one token BEFORE the work it pays for (a lookup that may be a guess), so that a burst of
     * parallel requests cannot all pass a "budget left?" check made before any of them spent: the row
     * serialises them and exactly as many as there are tokens are granted. Granted while the bucket
     * holds a whole token; a refused take still counts, down to one token below empty, so that an
     * address hammering while blocked stays blocked a little longer (never more than one token's time).
     * Returns what is left: ≥ 0 granted, < 0 refused.
     */
    async take(scope: string, bucket: string, now: number, rule: BucketRule): Promise<number> {
      const perMs = rule.capacity / rule.windowMs;
      const r = await sql<{ tokens: number }>`
        INSERT INTO rate_limits (scope, bucket, tokens, updated_at)
        VALUES (${scope}, ${bucket}, ${real(rule.capacity - 1)}, ${bigint(now)})
        ON CONFLICT (scope, bucket) DO UPDATE SET
          tokens = ${greatest}(${real(-1)}, ${least}(${real(rule.capacity)}, rate_limits.tokens + ${greatest}(${bigint(0)}, ${bigint(now)} - rate_limits.updated_at) * ${real(perMs)}) - 1),
          updated_at = ${greatest}(rate_limits.updated_at, ${bigint(now)})
        RETURNING tokens`.execute(db);
      return Number(r.rows[0]!.tokens);
    },

    /** Gives back a token taken for work that turned out not to be a guess (the code exists). */
    async refund(scope: string, bucket: string, rule: BucketRule): Promise<void> {
      await sql`UPDATE rate_limits SET tokens = ${least}(${real(rule.capacity)}, tokens + 1) WHERE scope = ${scope} AND bucket = ${bucket}`.execute(db);
    },

    /** The tokens the bucket holds at `now`: full when it has never spent or was pruned. */
    async remaining(scope: string, bucket: string, now: number, rule: BucketRule): Promise<number> {
      const r = await sql<{ tokens: number; updated_at: number }>`
        SELECT tokens, updated_at FROM rate_limits WHERE scope = ${scope} AND bucket = ${bucket}`.execute(db);
      const row = r.rows[0];
      if (!row) return rule.capacity;
      const elapsed = Math.max(0, now - Number(row.updated_at));
      return Math.min(rule.capacity, Number(row.tokens) + (elapsed * rule.capacity) / rule.windowMs);
    },

    /** Deletes buckets untouched since `before`: full again by then, they mean the same as no row. */
    async prune(scope: string, before: number): Promise<number> {
      const r = await sql`DELETE FROM rate_limits WHERE scope = ${scope} AND updated_at < ${bigint(before)}`.execute(db);
      return Number(r.numAffectedRows ?? 0);
    },
  };
}

export type RateLimitStore = ReturnType<typeof rateLimitStore>;
