// Link opens counted once per visitor and window: a mark per (message, keyed hash of the visitor, window
// number). Its primary key is what makes "record the open only if no mark yet" atomic on both databases
// (INSERT … ON CONFLICT DO NOTHING); marks of past windows are deleted, so the table stays the size of
// the last two windows' distinct visitors. The index on the window number serves that deletion.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';

export function openMarks(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('landing_open_marks')
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        // A keyed hash of the address and browser family (never either in clear).
        .addColumn('visitor_hash', 'text', (c) => c.notNull())
        .addColumn('bucket', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('landing_open_marks_pkey', ['message_id', 'visitor_hash', 'bucket'])
        .execute();
      await db.schema.createIndex('landing_open_marks_bucket').on('landing_open_marks').column('bucket').execute();
    },
  };
}
