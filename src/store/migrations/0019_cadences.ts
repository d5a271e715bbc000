// Cadences (督促シナリオ): one per campaign, its definition (steps, times, conditions) as JSON and its life
// (draft, running, paused, stopped, completed); and one row per person of the list once it starts: the step
// they reached, whether they are active, paused by a promise, done or gone (why, when, at which step), and
// when the scheduler should look at them next. A step's message is an ordinary message of kind 'step'
// (its seq the person's next, as replies and re-sends take theirs); cadence_messages says which step it is,
// and its unique (cadence, recipient, step) key is what makes a step queued once, whatever retries.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function cadences(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('cadences'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().unique().references('campaigns.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('paused_at', 'bigint')
        .addColumn('stopped_at', 'bigint')
        .addColumn('completed_at', 'bigint')
        .execute();
      await db.schema.createIndex('cadences_state').on('cadences').column('state').execute();

      await withId(db.schema.createTable('cadence_members'), dialect)
        .addColumn('cadence_id', ref, (c) => c.notNull().references('cadences.id').onDelete('cascade'))
        .addColumn('campaign_id', ref, (c) => c.notNull())
        .addColumn('recipient_id', ref, (c) => c.notNull().references('recipients.id').onDelete('cascade'))
        // The last step reached (queued or skipped); 0 before the first.
        .addColumn('step', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('state', 'text', (c) => c.notNull())
        // When the current step was reached (the anchor of a step counted from the previous one).
        .addColumn('step_at', 'bigint')
        // When the scheduler should look at this person next (null: nothing more to do).
        .addColumn('next_at', 'bigint')
        // A promise's pause: until the promised date + grace.
        .addColumn('paused_until', 'bigint')
        .addColumn('left_reason', 'text')
        .addColumn('left_at', 'bigint')
        .addColumn('left_step', 'integer')
        // Why each step reached was not sent, JSON {"<step>": "<reason>"}.
        .addColumn('skipped_json', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('cadence_members_person', ['cadence_id', 'recipient_id'])
        .execute();
      await db.schema.createIndex('cadence_members_due').on('cadence_members').columns(['cadence_id', 'state', 'next_at']).execute();
      await db.schema.createIndex('cadence_members_step').on('cadence_members').columns(['cadence_id', 'step', 'state']).execute();

      await db.schema
        .createTable('cadence_messages')
        .addColumn('message_id', ref, (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
        .addColumn('cadence_id', ref, (c) => c.notNull().references('cadences.id').onDelete('cascade'))
        .addColumn('campaign_id', ref, (c) => c.notNull())
        .addColumn('recipient_id', ref, (c) => c.notNull())
        .addColumn('step', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('cadence_messages_once', ['cadence_id', 'recipient_id', 'step'])
        .execute();
      await db.schema.createIndex('cadence_messages_step').on('cadence_messages').columns(['campaign_id', 'step']).execute();
    },
  };
}
