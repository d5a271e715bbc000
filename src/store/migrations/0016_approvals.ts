// Approval before a send and test sends: the organisation's two settings (whether sends and schedules
// need approval; its own test numbers), the approval requests with the snapshot of what was asked for
// (a hash over the template, the landing page and the list), and on messages the test number a test
// send goes to instead of the recipient's (sealed).
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function approvals(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      // Defaults let SQLite add NOT NULL columns to a table that may already hold the one row.
      await db.schema.alterTable('organisation_settings').addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('organisation_settings').addColumn('test_numbers_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();

      await withId(db.schema.createTable('approval_requests'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('scheduled_at', 'bigint')
        .addColumn('note', 'text')
        // Who asked: a user or an API key (exactly one), and the audit log's name for them.
        .addColumn('requested_by_user', ref)
        .addColumn('requested_by_key', ref)
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'bigint', (c) => c.notNull())
        // What was asked for: hex SHA-256 of the snapshot's canonical JSON, and the figures shown then.
        .addColumn('snapshot_sha256', 'text', (c) => c.notNull())
        .addColumn('recipients', 'integer', (c) => c.notNull())
        .addColumn('total_parts', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('decided_by_user', ref)
        .addColumn('decided_by_key', ref)
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'bigint')
        .addColumn('comment', 'text')
        // When the approved request started the send (or the schedule).
        .addColumn('sent_at', 'bigint')
        .execute();
      await db.schema.createIndex('approval_requests_campaign').on('approval_requests').columns(['campaign_id', 'id']).execute();
      await db.schema.createIndex('approval_requests_status').on('approval_requests').columns(['status', 'id']).execute();

      await db.schema.alterTable('messages').addColumn('test_to_enc', 'text').execute();
    },
  };
}
