// Further official link bases of the organisation (e.g. an old short domain): the anti-smishing page
// counts a pasted link as ours only on the server's link base or one of these.
import type { Kysely, Migration } from 'kysely';

export function officialLinkBases(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // A default lets SQLite add a NOT NULL column to a table that may already hold the one row.
      await db.schema
        .alterTable('organisation_settings')
        .addColumn('official_link_bases_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  };
}
