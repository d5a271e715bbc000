// Messages that may or may not have reached the phone (送達不明, state 'unknown'): an index for the sweep
// that ends unreceipted messages past their route's validity (a short range scan on a million rows), and
// when an operator knowingly re-sent one (so a second bulk re-send skips it; the new message is the next step).
import type { Kysely, Migration } from 'kysely';

export function messagesAwaitingReceipt(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('messages_state_submitted').on('messages').columns(['state', 'submitted_at']).execute();
      await db.schema.alterTable('messages').addColumn('resent_at', 'bigint').execute();
    },
  };
}
