// Bank transfers read from the bank's files (入金消込): each credit stored once under the bank's own keys
// (a second import of the same file finds them and changes nothing), its payer and EDI sealed; a matched
// credit applied to the message's payment in the same transaction (store/payments.ts creditReceived: the
// webhook and the ledger entry come with it); unmatched ones listed for an operator to assign or set aside.
// Also reads the open debts the matcher needs: every campaign message of a sent, unarchived campaign
// with its recipient's fields and what has been received.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { BankCredit, BankFileFormat } from '../core/bank/credit.ts';
import type { Balance, MatchRule, UnmatchedReason } from '../core/bank/match.ts';
import type { BankTransferState, BankTransferTable } from './schema-bank-transfers.ts';
import type { PaymentState } from './schema-recipient-actions.ts';
import { creditReceived, paymentWritten, type PaymentOutputs } from './payments.ts';
import { canonicalJson } from '../core/evidence/entry.ts';

export const BANK_TRANSFER_PROVIDER = 'bank_transfer';

export interface BankTransferRow {
  id: number;
  bankCode: string;
  branchCode: string;
  accountType: string;
  accountNumber: string;
  inquiry: string;
  valueDate: string;
  amount: number;
  format: BankFileFormat;
  record: number;
  fileSha256: string;
  payerName: string;
  edi: string;
  payerCode: string;
  remitBank: string;
  remitBranch: string;
  description: string;
  state: BankTransferState;
  reason: UnmatchedReason | 'duplicate' | null;
  rule: MatchRule | null;
  candidates: number[];
  duplicateOf: number | null;
  campaignId: number | null;
  messageId: number | null;
  recipientId: number | null;
  owed: number | null;
  balance: Balance | null;
  remaining: number | null;
  importedAt: number;
  importedBy: string;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

/** A campaign message with its recipient's fields and its payment, as the matcher reads debts. */
export interface DebtRow {
  campaignId: number;
  messageId: number;
  recipientId: number;
  fields: Readonly<Record<string, string>>;
  payment: { state: PaymentState; amount: number; paidAmount: number | null } | null;
}

/** Where a matched credit goes. */
export interface Application {
  campaignId: number;
  messageId: number;
  recipientId: number;
  /** The list's amount (for a message without a payments row yet). */
  listAmount: number | null;
  rule: MatchRule;
}

export type Inserted = { outcome: 'duplicate'; existing: number } | { outcome: 'stored'; row: BankTransferRow };

interface Details {
  payerCode: string;
  remitBank: string;
  remitBranch: string;
  description: string;
}

const num = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

export function bankTransferStore(db: Kysely<Database>, vault: Vault, now: () => number, out: PaymentOutputs) {
  function toRow(r: Selectable<BankTransferTable>): BankTransferRow {
    const details = JSON.parse(vault.decrypt(r.details_enc)) as Details;
    return {
      id: Number(r.id),
      bankCode: r.bank_code,
      branchCode: r.branch_code,
      accountType: r.account_type,
      accountNumber: r.account_number,
      inquiry: r.inquiry,
      valueDate: r.value_date,
      amount: Number(r.amount),
      format: r.format,
      record: r.record,
      fileSha256: r.file_sha256,
      payerName: vault.decrypt(r.payer_enc),
      edi: r.edi_enc === null ? '' : vault.decrypt(r.edi_enc),
      ...details,
      state: r.state,
      reason: r.reason,
      rule: r.rule,
      candidates: r.candidates_json ? (JSON.parse(r.candidates_json) as number[]) : [],
      duplicateOf: num(r.duplicate_of),
      campaignId: num(r.campaign_id),
      messageId: num(r.message_id),
      recipientId: num(r.recipient_id),
      owed: num(r.owed),
      balance: r.balance,
      remaining: num(r.remaining),
      importedAt: Number(r.imported_at),
      importedBy: r.imported_by,
      resolvedAt: num(r.resolved_at),
      resolvedBy: r.resolved_by,
    };
  }

  async function byId(conn: Kysely<Database> | Transaction<Database>, id: number): Promise<BankTransferRow | undefined> {
    const r = await conn.selectFrom('bank_transfers').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRow(r);
  }

  /** Applies a credit to a message's payment and records how, in one transaction with the row's state check. */
  async function apply(trx: Transaction<Database>, row: BankTransferRow, to: Application, actor: string | null): Promise<BankTransferRow> {
    const t = now();
    const reference = canonicalJson({ bank: row.bankCode, branch: row.branchCode, account: row.accountNumber, inquiry: row.inquiry, date: row.valueDate });
    const result = await creditReceived(trx, out, {
      campaignId: to.campaignId,
      messageId: to.messageId,
      listAmount: to.listAmount,
      amount: row.amount,
      currency: 'jpy',
      provider: BANK_TRANSFER_PROVIDER,
      providerEventId: `${row.bankCode}-${row.branchCode}-${row.accountNumber}-${row.inquiry}-${row.valueDate}`,
      reference,
      at: t,
    });
    const owedBefore = result.owed === null ? null : result.owed - (result.received - row.amount);
    const remaining = result.owed === null ? null : result.owed - result.received;
    const balance: Balance = remaining === null ? 'unknown' : remaining === 0 ? 'exact' : remaining > 0 ? 'partial' : 'over';
    const updated = await trx
      .updateTable('bank_transfers')
      .set({
        state: 'matched',
        reason: null,
        rule: to.rule,
        campaign_id: to.campaignId,
        message_id: to.messageId,
        recipient_id: to.recipientId,
        owed: owedBefore,
        balance,
        remaining,
        ...(actor ? { resolved_at: t, resolved_by: actor } : {}),
      })
      .where('id', '=', row.id)
      .where('state', '=', row.state)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new Error('bank transfer changed while it was applied; retry');
    return (await byId(trx, row.id))!;
  }

  return {
    byId: (id: number) => byId(db, id),

    /**
     * Stores a credit once: a credit already stored under the bank's keys (the same file again) is a
     * 'duplicate' and nothing changes. A new one is stored unmatched; then, in the same transaction, a
     * credit already stored from a file of another kind (the 振込入金通知 and the 入出金明細 of one day
     * both list it) becomes 'duplicate' of it, and otherwise `decide` may apply it to a message.
     */
    async store(
      credit: BankCredit & { inquiryKey: string },
      file: { format: BankFileFormat; sha256: string; actor: string },
      decide: (row: BankTransferRow) => { apply: Application } | { unmatched: UnmatchedReason; candidates: number[] },
    ): Promise<Inserted> {
      const result = await db.transaction().execute(async (trx) => {
        const t = now();
        const payerKey = credit.payerName.trim() === '' ? null : vault.blindIndex(`payer:${credit.payerName.normalize('NFKC').replace(/\s+/g, '')}`);
        const inserted = await trx
          .insertInto('bank_transfers')
          .values({
            bank_code: credit.account.bankCode,
            branch_code: credit.account.branchCode,
            account_type: credit.account.accountType,
            account_number: credit.account.accountNumber,
            inquiry: credit.inquiryKey,
            value_date: credit.valueDate,
            amount: credit.amount,
            format: file.format,
            record: credit.record,
            file_sha256: file.sha256,
            payer_enc: vault.encrypt(credit.payerName),
            edi_enc: credit.edi === '' ? null : vault.encrypt(credit.edi),
            details_enc: vault.encrypt(JSON.stringify({ payerCode: credit.payerCode, remitBank: credit.remitBank, remitBranch: credit.remitBranch, description: credit.description } satisfies Details)),
            payer_key: payerKey,
            state: 'unmatched',
            reason: null,
            rule: null,
            candidates_json: null,
            duplicate_of: null,
            campaign_id: null,
            message_id: null,
            recipient_id: null,
            owed: null,
            balance: null,
            remaining: null,
            imported_at: t,
            imported_by: file.actor,
            resolved_at: null,
            resolved_by: null,
          })
          .onConflict((oc) => oc.columns(['bank_code', 'branch_code', 'account_number', 'inquiry', 'value_date']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) {
          const existing = await trx
            .selectFrom('bank_transfers')
            .select('id')
            .where('bank_code', '=', credit.account.bankCode)
            .where('branch_code', '=', credit.account.branchCode)
            .where('account_number', '=', credit.account.accountNumber)
            .where('inquiry', '=', credit.inquiryKey)
            .where('value_date', '=', credit.valueDate)
            .executeTakeFirstOrThrow();
          return { outcome: 'duplicate' as const, existing: Number(existing.id) };
        }
        const id = Number(inserted.id);
        const twin =
          payerKey === null
            ? undefined
            : await trx
                .selectFrom('bank_transfers')
                .select('id')
                .where('bank_code', '=', credit.account.bankCode)
                .where('branch_code', '=', credit.account.branchCode)
                .where('account_number', '=', credit.account.accountNumber)
                .where('value_date', '=', credit.valueDate)
                .where('amount', '=', credit.amount)
                .where('payer_key', '=', payerKey)
                .where('format', '!=', file.format)
                .where('id', '!=', id)
                .orderBy('id')
                .executeTakeFirst();
        if (twin) {
          await trx.updateTable('bank_transfers').set({ state: 'duplicate', reason: 'duplicate', duplicate_of: Number(twin.id) }).where('id', '=', id).execute();
          return { outcome: 'stored' as const, row: (await byId(trx, id))! };
        }
        const row = (await byId(trx, id))!;
        const decision = decide(row);
        if ('apply' in decision) return { outcome: 'stored' as const, row: await apply(trx, row, decision.apply, null) };
        await trx
          .updateTable('bank_transfers')
          .set({ reason: decision.unmatched, candidates_json: decision.candidates.length > 0 ? JSON.stringify(decision.candidates) : null })
          .where('id', '=', id)
          .execute();
        return { outcome: 'stored' as const, row: (await byId(trx, id))! };
      });
      // The recipient's page shows a credit applied to a message at once (store/payments.ts SHOWN_PAYMENT_MS).
      if (result.outcome === 'stored' && result.row.state === 'matched' && result.row.messageId !== null) paymentWritten(db, result.row.messageId);
      return result;
    },

    /** An operator applies a transfer that is not matched (unmatched, duplicate or not ours) to a message. */
    async assign(id: number, to: Application, actor: string): Promise<BankTransferRow | 'not_found' | 'matched'> {
      const result = await db.transaction().execute(async (trx) => {
        const row = await byId(trx, id);
        if (!row) return 'not_found' as const;
        if (row.state === 'matched') return 'matched' as const;
        return apply(trx, row, to, actor);
      });
      if (typeof result === 'object') paymentWritten(db, to.messageId);
      return result;
    },

    /** An operator says a transfer is not a payment of any list (a refund, a deposit of something else). */
    async markNotOurs(id: number, actor: string): Promise<BankTransferRow | 'not_found' | 'matched'> {
      return db.transaction().execute(async (trx) => {
        const row = await byId(trx, id);
        if (!row) return 'not_found' as const;
        if (row.state === 'matched') return 'matched' as const;
        await trx.updateTable('bank_transfers').set({ state: 'not_ours', resolved_at: now(), resolved_by: actor }).where('id', '=', id).where('state', '=', row.state).execute();
        return (await byId(trx, id))!;
      });
    },

    /** Transfers in a state, oldest first, page by page. */
    async list(q: { states: readonly BankTransferState[]; after?: number; limit: number }): Promise<BankTransferRow[]> {
      let query = db.selectFrom('bank_transfers').selectAll().where('state', 'in', [...q.states]).orderBy('id').limit(q.limit);
      if (q.after !== undefined) query = query.where('id', '>', q.after);
      return (await query.execute()).map(toRow);
    },

    async counts(): Promise<Record<BankTransferState, number>> {
      const rows = await db.selectFrom('bank_transfers').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
      const outCounts: Record<BankTransferState, number> = { matched: 0, unmatched: 0, not_ours: 0, duplicate: 0 };
      for (const r of rows) outCounts[r.state] = Number(r.n);
      return outCounts;
    },

    /** Transfers applied to a message (for its timeline and the console). */
    async forMessage(messageId: number): Promise<BankTransferRow[]> {
      return (await db.selectFrom('bank_transfers').selectAll().where('message_id', '=', messageId).orderBy('id').execute()).map(toRow);
    },

    /**
     * Every campaign message of a campaign that was sent (not a draft) and is not archived, with its
     * recipient's fields and its payment, page by page in message order. Fields that cannot be opened
     * (a list whose personal data was removed) are left out.
     */
    async *debts(pageSize = 2000): AsyncGenerator<DebtRow[]> {
      let after = 0;
      for (;;) {
        const page = await db
          .selectFrom('messages as m')
          .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
          .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
          .leftJoin('payments as p', 'p.message_id', 'm.id')
          .select(['m.id as messageId', 'm.campaign_id as campaignId', 'm.recipient_id as recipientId', 'r.fields_enc as fieldsEnc', 'p.state as state', 'p.amount as amount', 'p.paid_amount as paidAmount'])
          .where('m.kind', '=', 'campaign')
          .where('c.status', '!=', 'draft')
          .where('c.archived_at', 'is', null)
          .where('m.id', '>', after)
          .orderBy('m.id')
          .limit(pageSize)
          .execute();
        const rows: DebtRow[] = [];
        for (const r of page) {
          let fields: Record<string, string>;
          try {
            fields = (JSON.parse(vault.decrypt(r.fieldsEnc)) as { fields: Record<string, string> }).fields;
          } catch {
            continue;
          }
          rows.push({
            campaignId: Number(r.campaignId),
            messageId: Number(r.messageId),
            recipientId: Number(r.recipientId),
            fields,
            payment: r.state === null ? null : { state: r.state, amount: Number(r.amount), paidAmount: num(r.paidAmount) },
          });
        }
        if (rows.length > 0) yield rows;
        if (page.length < pageSize) return;
        after = Number(page[page.length - 1]!.messageId);
      }
    },

    /** A message's campaign and recipient, with the recipient's fields (an operator's assignment). */
    async messageDebt(messageId: number): Promise<DebtRow | undefined> {
      const r = await db
        .selectFrom('messages as m')
        .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
        .leftJoin('payments as p', 'p.message_id', 'm.id')
        .select(['m.id as messageId', 'm.campaign_id as campaignId', 'm.recipient_id as recipientId', 'r.fields_enc as fieldsEnc', 'p.state as state', 'p.amount as amount', 'p.paid_amount as paidAmount'])
        .where('m.id', '=', messageId)
        .where('m.kind', '=', 'campaign')
        .executeTakeFirst();
      if (!r) return undefined;
      const fields = (JSON.parse(vault.decrypt(r.fieldsEnc)) as { fields: Record<string, string> }).fields;
      return {
        campaignId: Number(r.campaignId),
        messageId: Number(r.messageId),
        recipientId: Number(r.recipientId),
        fields,
        payment: r.state === null ? null : { state: r.state, amount: Number(r.amount), paidAmount: num(r.paidAmount) },
      };
    },
  };
}

export type BankTransferStore = ReturnType<typeof bankTransferStore>;
