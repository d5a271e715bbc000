// Issue 13: money an operator records by hand (窓口入金, 現金, 振込・口座振替 …): one row per entry, with how
// it came in, the day it was received and the operator's note (sealed). The payment itself is the
// message's payments row, as for cards and bank files.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function paymentMarks(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('payment_marks'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('paid_at', 'bigint', (c) => c.notNull())
        .addColumn('note_enc', 'text')
        .addColumn('overpayment', 'integer', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payment_marks_message').on('payment_marks').columns(['message_id', 'id']).execute();
    },
  };
}
