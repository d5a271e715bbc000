// Outbound webhooks: subscriptions, the event outbox, deliveries (one per event and subscription, the
// queue the delivery workers claim) and their attempts.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

type AnyDb = Kysely<unknown>;

export function webhooks(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('webhook_subscriptions'), dialect)
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('events_json', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        .addColumn('previous_secret_enc', 'text')
        .addColumn('previous_secret_until', 'bigint')
        .addColumn('secret_rotated_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('webhook_events'), dialect)
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_events_created').on('webhook_events').column('created_at').execute();

      await withId(db.schema.createTable('webhook_deliveries'), dialect)
        .addColumn('event_id', ref, (c) => c.notNull().references('webhook_events.id').onDelete('cascade'))
        .addColumn('subscription_id', ref, (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('worker_id', 'text')
        .addColumn('claimed_at', 'bigint')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('last_attempt_at', 'bigint')
        .addColumn('delivered_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_deliveries_once').on('webhook_deliveries').columns(['event_id', 'subscription_id']).unique().execute();
      // The claim: due pending rows in order.
      await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
      // The delivery log of one subscription, newest first.
      await db.schema.createIndex('webhook_deliveries_subscription').on('webhook_deliveries').columns(['subscription_id', 'id']).execute();

      await withId(db.schema.createTable('webhook_attempts'), dialect)
        .addColumn('delivery_id', ref, (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();
    },
  };
}
