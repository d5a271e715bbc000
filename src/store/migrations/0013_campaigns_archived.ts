// A finished campaign can be archived: hidden from the campaign list, kept with all its records.
import type { Kysely, Migration } from 'kysely';

export function campaignsArchived(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('campaigns').addColumn('archived_at', 'bigint').execute();
    },
  };
}
