// Campaigns, recipients, rejections, the message queue, receipts waiting for their message,
// workers' heartbeats, API keys and the audit log.
import type { Kysely, Migration, CreateTableBuilder } from 'kysely';
import type { Dialect } from '../dialect.ts';

type AnyDb = Kysely<unknown>;

/** An auto-increment integer primary key on either database. */
export function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
}

export function initial(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('campaigns'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('template', 'text')
        .addColumn('sent_template', 'text')
        .addColumn('sender', 'text')
        .addColumn('columns_json', 'text')
        .addColumn('encoding', 'text')
        .addColumn('accepted_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('send_requested_at', 'bigint')
        .addColumn('completed_at', 'bigint')
        .execute();

      await withId(db.schema.createTable('recipients'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('phone_hash', 'text', (c) => c.notNull())
        .addColumn('fields_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('recipients_campaign_phone', ['campaign_id', 'phone_hash'])
        .execute();

      await withId(db.schema.createTable('rejections'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('message_ja', 'text', (c) => c.notNull())
        .addColumn('message_en', 'text', (c) => c.notNull())
        .addColumn('raw_enc', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rejections_campaign_line').on('rejections').columns(['campaign_id', 'line']).execute();

      await withId(db.schema.createTable('messages'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('recipient_id', ref, (c) => c.notNull().references('recipients.id').onDelete('cascade'))
        // 0: the campaign's message; 1, 2 …: later ones to the same person (sequence steps, operator replies).
        .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('campaign'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('worker_id', 'text')
        .addColumn('claimed_at', 'bigint')
        .addColumn('body_enc', 'text')
        .addColumn('link_code', 'text', (c) => c.unique())
        .addColumn('parts', 'integer')
        .addColumn('route', 'text')
        .addColumn('smsc_id', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_reason', 'text')
        .addColumn('carrier_state', 'text')
        .addColumn('submitted_at', 'bigint')
        .addColumn('delivered_at', 'bigint')
        .addColumn('final_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        // The exactly-once guarantee starts here: one message per recipient, campaign and step.
        .addUniqueConstraint('messages_campaign_recipient', ['campaign_id', 'recipient_id', 'seq'])
        .execute();
      await db.schema.createIndex('messages_claim').on('messages').columns(['state', 'next_attempt_at', 'id']).execute();
      await db.schema.createIndex('messages_smsc').on('messages').columns(['smsc_id']).execute();
      await db.schema.createIndex('messages_campaign_state').on('messages').columns(['campaign_id', 'state']).execute();

      await withId(db.schema.createTable('pending_receipts'), dialect)
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('smsc_id', 'text', (c) => c.notNull())
        .addColumn('to_hash', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('carrier_state', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('done_at', 'bigint')
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pending_receipts_smsc').on('pending_receipts').columns(['smsc_id']).execute();
      await db.schema.createIndex('pending_receipts_to').on('pending_receipts').columns(['to_hash']).execute();

      await db.schema
        .createTable('workers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('api_keys'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute();

      await withId(db.schema.createTable('audit_log'), dialect)
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('details_json', 'text')
        .execute();
    },
  };
}
