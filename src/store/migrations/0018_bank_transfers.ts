// Bank transfers read from the bank's files (入金消込): one row per credit, identified by the bank's own
// keys (bank, branch, account, 照会番号, value date) so that the same file imported twice adds nothing;
// the payer's name and EDI sealed by the vault; how it was matched (or why not) and by whom it was resolved.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { withId } from './0001_initial.ts';

export function bankTransfers(dialect: Dialect): Migration {
  const ref = dialect === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>) {
      await withId(db.schema.createTable('bank_transfers'), dialect)
        .addColumn('bank_code', 'text', (c) => c.notNull())
        .addColumn('branch_code', 'text', (c) => c.notNull())
        .addColumn('account_type', 'text', (c) => c.notNull())
        .addColumn('account_number', 'text', (c) => c.notNull())
        .addColumn('inquiry', 'text', (c) => c.notNull())
        .addColumn('value_date', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('record', 'integer', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('payer_enc', 'text', (c) => c.notNull())
        .addColumn('edi_enc', 'text')
        .addColumn('details_enc', 'text', (c) => c.notNull())
        .addColumn('payer_key', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('rule', 'text')
        .addColumn('candidates_json', 'text')
        .addColumn('duplicate_of', ref)
        .addColumn('campaign_id', ref)
        .addColumn('message_id', ref)
        .addColumn('recipient_id', ref)
        .addColumn('owed', 'bigint')
        .addColumn('balance', 'text')
        .addColumn('remaining', 'bigint')
        .addColumn('imported_at', 'bigint', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('resolved_by', 'text')
        .addUniqueConstraint('bank_transfers_bank_key', ['bank_code', 'branch_code', 'account_number', 'inquiry', 'value_date'])
        .execute();
      await db.schema.createIndex('bank_transfers_state').on('bank_transfers').columns(['state', 'id']).execute();
      await db.schema.createIndex('bank_transfers_message').on('bank_transfers').column('message_id').execute();
      await db.schema.createIndex('bank_transfers_same_credit').on('bank_transfers').columns(['bank_code', 'branch_code', 'account_number', 'value_date', 'amount']).execute();
    },
  };
}
