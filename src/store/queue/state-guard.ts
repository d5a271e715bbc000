// The `state` guard of a statement that already finds its rows by key (id, SMSC id). SQLite, without
// statistics, plans such a guard through an index on state (messages_claim, messages_state_submitted)
// and then walks every queued or submitted message for each batch: a cost growing with the queue. A unary
// plus keeps the guard a filter on the rows found by key. PostgreSQL plans it from its statistics (and has
// no unary plus for text).
import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from '../dialect.ts';

export function stateGuard(dialect: Dialect): RawBuilder<string> {
  return dialect === 'sqlite' ? sql<string>`+${sql.ref('state')}` : sql<string>`${sql.ref('state')}`;
}
