// The recipient's side: organisation branding, campaign landing settings, per-message identity-check
// state and page events (opens, verification tries, locks).
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';

type AnyDb = Kysely<unknown>;

export function landing(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('organisation_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text')
        .addColumn('logo_url', 'text')
        .addColumn('logo_type', 'text')
        .addColumn('logo_data', 'text')
        .addColumn('primary_colour', 'text', (c) => c.notNull())
        .addColumn('accent_colour', 'text', (c) => c.notNull())
        .addColumn('contact_phone', 'text')
        .addColumn('contact_hours', 'text')
        .addColumn('contact_hours_en', 'text')
        .addColumn('official_senders_json', 'text', (c) => c.notNull())
        .addColumn('link_base', 'text')
        .addColumn('sample_message', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('campaign_landing')
        .addColumn('campaign_id', ref, (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('digits', 'integer')
        .addColumn('expires_at', 'bigint')
        .addColumn('notice', 'text', (c) => c.notNull())
        .addColumn('notice_en', 'text')
        .addColumn('contact_json', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('landing_states')
        .addColumn('message_id', ref, (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
        .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_at', 'bigint')
        .addColumn('verified_at', 'bigint')
        .addColumn('session_generation', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      const id = (t: ReturnType<AnyDb['schema']['createTable']>) =>
        dialect === 'sqlite'
          ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
          : t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
      await id(db.schema.createTable('landing_events'))
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('browser', 'text')
        .addColumn('os', 'text')
        .addColumn('platform', 'text')
        .addColumn('ip_hash', 'text')
        .execute();
      await db.schema.createIndex('landing_events_message').on('landing_events').columns(['message_id', 'id']).execute();
      await db.schema.createIndex('landing_events_campaign_kind').on('landing_events').columns(['campaign_id', 'kind', 'message_id']).execute();
    },
  };
}
