// Each message changes state three times on its way (claimed, answered, receipted), and every change
// that moves a row writes an entry into each of its indexes. Indexes that only ever serve some states
// cover only those rows: the queue's claim index the messages in flight (queued, submitting,
// unconfirmed: the claim, the orphan and reconcile sweeps), the waiting-for-receipt index the submitted
// and 送達不明 ones (the expiry sweep), the SMSC-id index the messages that have one (receipts). Each
// predicate is written as ORs of equalities so SQLite uses the index for a query naming one state, as
// PostgreSQL does; queries by SMSC id imply it is not NULL on both. Per message that is 6 index writes fewer.
import { sql, type Kysely, type Migration, type SqlBool } from 'kysely';

const inState = (...states: string[]) => sql<SqlBool>`${sql.join(states.map((s) => sql`${sql.ref('state')} = ${sql.lit(s)}`), sql` OR `)}`;

export function messagesPartialIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('messages_claim').execute();
      await db.schema.createIndex('messages_claim').on('messages').columns(['state', 'next_attempt_at', 'id']).where(inState('queued', 'submitting', 'unconfirmed')).execute();
      await db.schema.dropIndex('messages_state_submitted').execute();
      await db.schema.createIndex('messages_state_submitted').on('messages').columns(['state', 'submitted_at']).where(inState('submitted', 'unknown')).execute();
      await db.schema.dropIndex('messages_smsc').execute();
      await db.schema.createIndex('messages_smsc').on('messages').column('smsc_id').where(sql.ref('smsc_id'), 'is not', null).execute();
    },
  };
}
