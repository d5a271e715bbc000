// Issue 13, self-service: what recipients ask for on their page (a promise to pay by a date, instalments,
// a dispute, "not me"), with the operator's review; the numbers reported as reaching the wrong person,
// which imports reject until an operator removes them; and each campaign's choice of actions offered.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function debtorActions(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('debtor_actions'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('recipient_id', ref, (c) => c.notNull().references('recipients.id').onDelete('cascade'))
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('promised_date', 'text')
        .addColumn('amount', 'bigint')
        .addColumn('monthly_amount', 'bigint')
        .addColumn('note_enc', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('resolved_by', 'text')
        .addColumn('resolution_note_enc', 'text')
        .execute();
      await db.schema.createIndex('debtor_actions_recipient').on('debtor_actions').columns(['campaign_id', 'recipient_id']).execute();
      // One open request of each kind per person: a double submit finds the first, a new promise supersedes the old.
      await db.schema
        .createIndex('debtor_actions_one_open')
        .on('debtor_actions')
        .columns(['campaign_id', 'recipient_id', 'kind'])
        .unique()
        .where(sql.ref('state'), '=', 'open')
        .execute();
      await db.schema.createIndex('debtor_actions_kind_state').on('debtor_actions').columns(['kind', 'state', 'id']).execute();

      await withId(db.schema.createTable('misdelivered_numbers'), dialect)
        .addColumn('phone_hash', 'text', (c) => c.notNull())
        .addColumn('reported_at', 'bigint', (c) => c.notNull())
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('removed_at', 'bigint')
        .addColumn('removed_by', 'text')
        .execute();
      await db.schema.createIndex('misdelivered_numbers_phone').on('misdelivered_numbers').columns(['phone_hash', 'removed_at']).execute();

      await db.schema
        .createTable('self_service_settings')
        .addColumn('campaign_id', ref, (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
        .addColumn('promise', 'integer', (c) => c.notNull())
        .addColumn('promise_max_days', 'integer', (c) => c.notNull())
        .addColumn('promise_grace_days', 'integer', (c) => c.notNull())
        .addColumn('instalment', 'integer', (c) => c.notNull())
        .addColumn('dispute', 'integer', (c) => c.notNull())
        .addColumn('not_me', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
