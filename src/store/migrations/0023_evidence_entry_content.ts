// The text a message was handed over with, kept sealed on its hand-over entry (message.submitted, or
// message.refused when the carrier may have it) rather than in evidence_content keyed by its random
// commitment: the entry is appended anyway, so the text goes in the same sequential insert, and no
// random-key index is written per message (that index tripled what a send wrote to SQLite's WAL).
// The column is outside the hashed leaf (kind, at, campaign, message, number, data): retention clears
// it as it removes evidence_content rows, and the tree is unchanged. Older entries' texts stay in
// evidence_content; readers look in both places.
import type { Kysely, Migration } from 'kysely';

export function evidenceEntryContent(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('evidence_entries').addColumn('content_enc', 'text').execute();
    },
  };
}
