// The one way a worker takes rows from a queue that several workers share (messages, webhook
// deliveries): pick the due ids oldest first, lock them past the other workers (FOR UPDATE SKIP LOCKED
// on PostgreSQL; SQLite has a single writer), and update exactly those rows in the same statement. The
// caller writes that UPDATE against `due`, guarded by the state it claims from, so a row changed
// meanwhile is left alone.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';

/** `due` selects the ids to claim (ordered, limited); `lock` is the alias of the queue's table in it. */
export function withDue<DB, TB extends keyof DB>(db: Kysely<Database>, dialect: Dialect, due: SelectQueryBuilder<DB, TB, { id: number }>, lock: TB & string) {
  const locked = dialect === 'postgres' ? due.forUpdate(lock).skipLocked() : due;
  // Materialised: PostgreSQL may otherwise re-run a LIMIT … SKIP LOCKED subquery per row and claim more than asked.
  return db.with((cte) => cte('due').materialized(), () => locked);
}
