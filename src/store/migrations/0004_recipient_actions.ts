// What recipients do on the landing page: documents (PDF) and downloads, surveys and answers,
// payments and the provider events that moved them.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

type AnyDb = Kysely<unknown>;

export function recipientActions(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  const blob = dialect === 'sqlite' ? 'blob' : 'bytea';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('document_settings')
        .addColumn('campaign_id', ref, (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
        .addColumn('match_column', 'text')
        .addColumn('invoice_json', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('documents'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('recipient_id', ref, (c) => c.notNull().references('recipients.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('upload_id', 'text')
        .addColumn('name_enc', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content', blob, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // One current document per recipient; staged rows of an upload in progress sit beside it.
      await db.schema
        .createIndex('documents_active_recipient')
        .on('documents')
        .column('recipient_id')
        .unique()
        .where(sql.ref('active'), '=', 1)
        .execute();
      await db.schema.createIndex('documents_campaign').on('documents').columns(['campaign_id', 'active']).execute();
      await db.schema.createIndex('documents_upload').on('documents').column('upload_id').execute();

      await withId(db.schema.createTable('document_downloads'), dialect)
        .addColumn('document_id', ref, (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_downloads_campaign').on('document_downloads').columns(['campaign_id', 'message_id']).execute();
      await db.schema.createIndex('document_downloads_document').on('document_downloads').column('document_id').execute();

      await db.schema
        .createTable('surveys')
        .addColumn('campaign_id', ref, (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('survey_answers'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('message_id', ref, (c) => c.notNull().unique().references('messages.id').onDelete('cascade'))
        .addColumn('answers_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('survey_answers_campaign').on('survey_answers').columns(['campaign_id', 'id']).execute();

      await withId(db.schema.createTable('survey_selections'), dialect)
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('option_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('survey_selections_tally').on('survey_selections').columns(['campaign_id', 'question_id', 'option_id']).execute();
      await db.schema.createIndex('survey_selections_message').on('survey_selections').column('message_id').execute();

      await db.schema
        .createTable('payments')
        .addColumn('message_id', ref, (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
        .addColumn('campaign_id', ref, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('provider', 'text')
        .addColumn('checkout_id', 'text')
        .addColumn('paid_amount', 'bigint')
        .addColumn('paid_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('payments_campaign_state').on('payments').columns(['campaign_id', 'state']).execute();

      // Every checkout ever opened, so an event for an older one still finds its message.
      await db.schema
        .createTable('payment_checkouts')
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('checkout_id', 'text', (c) => c.notNull())
        .addColumn('message_id', ref, (c) => c.notNull().references('messages.id').onDelete('cascade'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('payment_checkouts_pk', ['provider', 'checkout_id'])
        .execute();
      await db.schema.createIndex('payment_checkouts_message').on('payment_checkouts').column('message_id').execute();

      await withId(db.schema.createTable('payment_events'), dialect)
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('checkout_id', 'text')
        .addColumn('message_id', ref)
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('payment_events_provider_event', ['provider', 'event_id'])
        .execute();
      await db.schema.createIndex('payment_events_checkout').on('payment_events').column('checkout_id').execute();
    },
  };
}
