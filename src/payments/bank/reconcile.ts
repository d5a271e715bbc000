// 入金消込: a bank file in, each credit matched to the person it pays for or set aside for an operator.
// Reads the file (core/bank), gathers the open debts of every sent, unarchived campaign (their customer
// number, フリガナ and what is still owed), matches each credit by the rules of core/bank/match.ts and
// stores it once (store/bank-transfers.ts), applying a match to the message's payment in the same
// transaction, with the payment.succeeded webhook and ledger entry. Re-importing a file changes nothing.
import { createHash } from 'node:crypto';
import { TodokuError, type Bilingual } from '../../core/errors.ts';
import type { Vault } from '../../core/vault.ts';
import type { Logger } from '../../log.ts';
import type { Store } from '../../store/index.ts';
import type { BankTransferRow, DebtRow } from '../../store/bank-transfers.ts';
import type { BankAccount, BankCredit, BankFileFormat } from '../../core/bank/credit.ts';
import { readBankFile } from '../../core/bank/read.ts';
import { indexDebts, matchCredit, type Debt, type DebtIndex } from '../../core/bank/match.ts';
import { yen } from '../../documents/invoice/format.ts';
import { nameKey } from '../../core/bank/kana.ts';

export type ImportRowOutcome = 'matched' | 'unmatched' | 'duplicate' | 'refused' | 'skipped';

export interface ImportRow {
  /** Record number (fixed width) or line (CSV) in the file. */
  record: number;
  outcome: ImportRowOutcome;
  /** The stored transfer (matched, unmatched, duplicate). */
  transfer: BankTransferRow | null;
  /** Why a row was refused or skipped. */
  message: Bilingual | null;
}

/** A person an unmatched transfer could be assigned to. */
export interface DebtHit {
  campaignId: number;
  campaignName: string;
  messageId: number;
  name: string;
  kana: string;
  customerNumber: string;
  /** The list's amount; what is still owed (null: no amount on the list). */
  amount: number | null;
  owed: number | null;
  paid: boolean;
}

export interface ImportResult {
  format: BankFileFormat;
  fileSha256: string;
  counts: Record<ImportRowOutcome, number> & { partial: number; over: number };
  rows: ImportRow[];
}

/** Whole yen owed by a recipient's amount column; null when absent or not a positive amount. */
function listAmount(fields: Readonly<Record<string, string>>): number | null {
  const a = yen(fields.amount);
  return a && a.value > 0 ? a.value : null;
}

interface OpenDebt extends Debt {
  listAmount: number | null;
}

/** One debt per recipient: the message that holds its payment (else its latest), what is still owed. */
function debtOf(rows: readonly DebtRow[]): OpenDebt {
  const chosen = rows.filter((r) => r.payment).at(-1) ?? rows.at(-1)!;
  const amount = listAmount(chosen.fields);
  const owedTotal = chosen.payment ? chosen.payment.amount : amount;
  const received = chosen.payment?.paidAmount ?? 0;
  return {
    campaignId: chosen.campaignId,
    messageId: chosen.messageId,
    recipientId: chosen.recipientId,
    customerNumber: chosen.fields.external_id ?? '',
    kana: chosen.fields.kana ?? '',
    owed: owedTotal === null ? null : owedTotal - received,
    paid: rows.some((r) => r.payment?.state === 'paid'),
    listAmount: amount,
  };
}

export function createBankReconciliation(deps: { store: Store; vault: Vault; log: Logger; now: () => number }) {
  const { store, vault, log } = deps;

  async function openDebts(): Promise<{ index: DebtIndex; byMessage: Map<number, OpenDebt> }> {
    const byRecipient = new Map<number, DebtRow[]>();
    for await (const page of store.bankTransfers.debts()) {
      for (const r of page) {
        const list = byRecipient.get(r.recipientId);
        if (list) list.push(r);
        else byRecipient.set(r.recipientId, [r]);
      }
    }
    const debts = [...byRecipient.values()].map(debtOf);
    return { index: indexDebts(debts), byMessage: new Map(debts.map((d) => [d.messageId, d])) };
  }

  /**
   * The key a credit is stored under: the bank's 照会番号, or for a CSV row without one a keyed hash of
   * the row and how many identical rows came before it in the file (the same file gives the same keys).
   */
  function inquiryKeys(credits: readonly BankCredit[]): string[] {
    const seen = new Map<string, number>();
    return credits.map((c) => {
      if (c.inquiry !== '') return c.inquiry;
      const row = `${c.valueDate}|${c.amount}|${c.payerName}|${c.edi}`;
      const k = (seen.get(row) ?? 0) + 1;
      seen.set(row, k);
      return `csv-${vault.blindIndex(`bank-row:${row}#${k}`).slice(0, 24)}`;
    });
  }

  function today(): string {
    // The era of a 和暦 date is decided against the office's calendar day (Japan).
    return new Date(deps.now() + 9 * 3600_000).toISOString().slice(0, 10);
  }

  return {
    /** Imports a bank file; refuses it whole (TODOKU_E_BANK_FILE, naming the record) when it does not add up. */
    async importFile(bytes: Uint8Array, opts: { actor: string; account?: Partial<BankAccount> }): Promise<ImportResult> {
      const fileSha256 = createHash('sha256').update(bytes).digest('hex');
      let file;
      try {
        file = readBankFile(bytes, today(), opts.account);
      } catch (err) {
        if (err instanceof TodokuError) {
          await store.audit.append({ actor: opts.actor, action: 'bank_file.refused', target: `bank_file:${fileSha256.slice(0, 12)}`, details: { fileSha256, code: err.code, reason: err.message, ...(err.details && typeof err.details === 'object' ? err.details : {}) } });
        }
        throw err;
      }
      const { index, byMessage } = await openDebts();
      const keys = inquiryKeys(file.credits);
      const rows: ImportRow[] = [];
      for (const [i, credit] of file.credits.entries()) {
        const stored = await store.bankTransfers.store({ ...credit, inquiryKey: keys[i]! }, { format: file.format, sha256: fileSha256, actor: opts.actor }, () => {
          const m = matchCredit(credit, index);
          if (m.kind === 'unmatched') return { unmatched: m.reason, candidates: m.candidates };
          const debt = byMessage.get(m.debt.messageId)!;
          return { apply: { campaignId: debt.campaignId, messageId: debt.messageId, recipientId: debt.recipientId, listAmount: debt.listAmount, rule: m.rule } };
        });
        if (stored.outcome === 'duplicate') {
          rows.push({ record: credit.record, outcome: 'duplicate', transfer: (await store.bankTransfers.byId(stored.existing)) ?? null, message: { ja: 'このファイルか同じ明細は取り込み済みです', en: 'already imported' } });
          continue;
        }
        const t = stored.row;
        if (t.state === 'matched' && t.messageId !== null) {
          // Later credits of this file see what this one paid.
          const debt = byMessage.get(t.messageId);
          if (debt) {
            debt.owed = t.remaining;
            debt.paid = t.remaining === null || t.remaining <= 0;
          }
        }
        rows.push({ record: credit.record, outcome: t.state === 'matched' ? 'matched' : t.state === 'duplicate' ? 'duplicate' : 'unmatched', transfer: t, message: null });
      }
      for (const s of file.skipped) rows.push({ record: s.record, outcome: 'skipped', transfer: null, message: s.reason });
      for (const s of file.refused) rows.push({ record: s.record, outcome: 'refused', transfer: null, message: s.reason });
      rows.sort((a, b) => a.record - b.record);
      const counts = { matched: 0, unmatched: 0, duplicate: 0, refused: 0, skipped: 0, partial: 0, over: 0 };
      for (const r of rows) {
        counts[r.outcome]++;
        if (r.outcome === 'matched' && r.transfer?.balance === 'partial') counts.partial++;
        if (r.outcome === 'matched' && r.transfer?.balance === 'over') counts.over++;
      }
      await store.audit.append({ actor: opts.actor, action: 'bank_file.import', target: `bank_file:${fileSha256.slice(0, 12)}`, details: { fileSha256, format: file.format, ...counts } });
      log.info({ format: file.format, ...counts }, 'bank file imported');
      return { format: file.format, fileSha256, counts, rows };
    },

    /**
     * People of sent, unarchived campaigns whose name, フリガナ, customer number or any column contains the
     * query (width, case, spaces and hyphens aside; kana compared as payer names are), for an operator
     * assigning a transfer by hand. At most `limit`, newest campaign first.
     */
    async searchDebts(query: string, limit: number): Promise<DebtHit[]> {
      const fold = (v: string) => v.normalize('NFKC').toLowerCase().replace(/[\s\-‐－ー―()（）]/g, '');
      const q = fold(query);
      const kanaQ = nameKey(query);
      if (q === '') return [];
      const byRecipient = new Map<number, DebtRow[]>();
      for await (const page of store.bankTransfers.debts()) {
        for (const r of page) {
          const hit = Object.values(r.fields).some((v) => fold(v).includes(q)) || (kanaQ.length >= 2 && nameKey(r.fields.kana ?? '').includes(kanaQ));
          if (!hit) continue;
          const list = byRecipient.get(r.recipientId);
          if (list) list.push(r);
          else byRecipient.set(r.recipientId, [r]);
        }
      }
      const debts = [...byRecipient.values()].map((rows) => ({ debt: debtOf(rows), fields: rows.at(-1)!.fields })).sort((a, b) => b.debt.messageId - a.debt.messageId).slice(0, limit);
      const names = new Map<number, string>();
      for (const { debt } of debts) if (!names.has(debt.campaignId)) names.set(debt.campaignId, (await store.campaigns.byId(debt.campaignId))?.name ?? `#${debt.campaignId}`);
      return debts.map(({ debt, fields }) => ({
        campaignId: debt.campaignId,
        campaignName: names.get(debt.campaignId)!,
        messageId: debt.messageId,
        name: fields.name ?? '',
        kana: fields.kana ?? '',
        customerNumber: fields.external_id ?? '',
        amount: debt.listAmount,
        owed: debt.owed,
        paid: debt.paid,
      }));
    },

    /** Transfers waiting for an operator (unmatched and suspected duplicates), oldest first. */
    unmatched: (q: { after?: number; limit: number }) => store.bankTransfers.list({ states: ['unmatched', 'duplicate'], ...q }),

    counts: () => store.bankTransfers.counts(),

    /** An operator's assignment of a transfer to a message (a campaign's message to the person it pays for). */
    async assign(id: number, messageId: number, actor: string): Promise<BankTransferRow> {
      const debt = await store.bankTransfers.messageDebt(messageId);
      if (!debt) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `メッセージ #${messageId} が見つかりません`, en: `message #${messageId} not found` });
      const result = await store.bankTransfers.assign(id, { campaignId: debt.campaignId, messageId, recipientId: debt.recipientId, listAmount: listAmount(debt.fields), rule: 'operator' }, actor);
      const row = settled(id, result);
      await store.audit.append({ actor, action: 'bank_transfer.assign', target: `bank_transfer:${id}`, details: { messageId, campaignId: debt.campaignId, amount: row.amount, balance: row.balance } });
      return row;
    },

    async notOurs(id: number, actor: string): Promise<BankTransferRow> {
      const row = settled(id, await store.bankTransfers.markNotOurs(id, actor));
      await store.audit.append({ actor, action: 'bank_transfer.not_ours', target: `bank_transfer:${id}`, details: { amount: row.amount } });
      return row;
    },
  };
}

function settled(id: number, result: BankTransferRow | 'not_found' | 'matched'): BankTransferRow {
  if (result === 'not_found') throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `入金 #${id} が見つかりません`, en: `bank transfer #${id} not found` });
  if (result === 'matched') {
    throw new TodokuError('TODOKU_E_BANK_TRANSFER_STATE', { ja: `入金 #${id} は消込済みです`, en: `bank transfer #${id} is already matched to a payment` });
  }
  return result;
}

export type BankReconciliation = ReturnType<typeof createBankReconciliation>;
