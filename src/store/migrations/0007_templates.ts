// Saved message templates, and which kind of notice a campaign is (the wording lint is stricter on a
// first notice).
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function templates(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('templates'), dialect)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('notice_kind', 'text', (c) => c.notNull().defaultTo('first'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('campaigns').addColumn('notice_kind', 'text').execute();
    },
  };
}
