// Issue 12, requirements 2, 6 and 8: a recipient's prior consent to notices by SMS (date, how it was
// obtained, and a note sealed by the vault), a campaign marked as a formal notice (債権譲渡通知 / 正式な
// 通知), the organisation's legal identity (法人名, 所在地, 登録番号など) and its retention of personal data
// not kept as evidence (retention_days), the marks the daily retention upkeep leaves on a campaign, and
// the table that lets only one worker run a daily upkeep per day.
import type { Kysely, Migration } from 'kysely';

export function consentIdentity(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('recipients').addColumn('consent_at', 'text').execute();
      await db.schema.alterTable('recipients').addColumn('consent_method', 'text').execute();
      await db.schema.alterTable('recipients').addColumn('consent_note_enc', 'text').execute();

      await db.schema.alterTable('campaigns').addColumn('notice_formality', 'text').execute();
      await db.schema.alterTable('campaigns').addColumn('personal_data_purged_at', 'bigint').execute();
      await db.schema.alterTable('campaigns').addColumn('evidence_content_purged_at', 'bigint').execute();

      await db.schema.alterTable('organisation_settings').addColumn('legal_name', 'text').execute();
      await db.schema.alterTable('organisation_settings').addColumn('address', 'text').execute();
      // A default lets SQLite add a NOT NULL column to a table that may already hold the one row.
      await db.schema
        .alterTable('organisation_settings')
        .addColumn('registration_numbers_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
      await db.schema.alterTable('organisation_settings').addColumn('retention_days', 'integer').execute();

      await db.schema
        .createTable('upkeep_runs')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last_run_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
