// Routes managed in the database, every part id of long messages, the recipient's number as a keyed hash
// on each message (frequency caps, late-receipt adoption), inbound messages, the suppression list,
// campaign scheduling and contact policy, and the cross-process pacing counters.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

type AnyDb = Kysely<unknown>;

export function routing(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('messages').addColumn('to_hash', 'text').execute();
      await db.schema.createIndex('messages_to_hash').on('messages').columns(['to_hash', 'submitted_at']).execute();

      await db.schema
        .createTable('message_parts')
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('smsc_id', 'text', (c) => c.notNull())
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('part', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('message_parts_pk', ['route', 'smsc_id'])
        .execute();

      await db.schema.alterTable('campaigns').addColumn('scheduled_at', 'bigint').execute();
      await db.schema.alterTable('campaigns').addColumn('time_zone', 'text').execute();
      await db.schema.alterTable('campaigns').addColumn('policy_pack', 'text').execute();
      await db.schema.alterTable('campaigns').addColumn('route_profile', 'text').execute();

      await withId(db.schema.createTable('routes'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(100))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('sender', 'text', (c) => c.notNull())
        .addColumn('rate_per_second', 'integer')
        .addColumn('config_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('route_pacing')
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('second', 'bigint', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('route_pacing_pk', ['route', 'second'])
        .execute();

      await withId(db.schema.createTable('inbound_messages'), dialect)
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('from_hash', 'text', (c) => c.notNull())
        .addColumn('from_enc', 'text', (c) => c.notNull())
        .addColumn('to_addr', 'text', (c) => c.notNull())
        .addColumn('text_enc', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('campaign_id', ref, (c) => c.references('campaigns.id').onDelete('set null'))
        .addColumn('message_id', ref, (c) => c.references('messages.id').onDelete('set null'))
        .addColumn('intent', 'text')
        .addColumn('opt_out', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('read_at', 'bigint')
        .execute();
      await db.schema.createIndex('inbound_from').on('inbound_messages').columns(['from_hash', 'received_at']).execute();
      await db.schema.createIndex('inbound_campaign').on('inbound_messages').columns(['campaign_id', 'received_at']).execute();

      await db.schema
        .createTable('suppressions')
        .addColumn('phone_hash', 'text', (c) => c.primaryKey())
        .addColumn('phone_enc', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
