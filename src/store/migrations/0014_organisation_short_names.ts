// The organisation's official short names (「さくら債権回収」 for 「さくら債権回収株式会社」): the wording
// check counts them as the sender's name, as recipients know it.
import type { Kysely, Migration } from 'kysely';

export function organisationShortNames(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // A default lets SQLite add a NOT NULL column to a table that may already hold the one row.
      await db.schema
        .alterTable('organisation_settings')
        .addColumn('short_names_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  };
}
