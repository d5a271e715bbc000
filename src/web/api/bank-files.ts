// /api/v1/payments — 入金消込 (bank-file reconciliation), for operators (payer names are personal data):
//   POST /payments/bank-files                     a bank file as the body (text/plain, text/csv or
//                                                 application/octet-stream, bytes as the bank gave them):
//                                                 counts and every row; a file that does not add up → 422
//   GET  /payments/unmatched                      transfers waiting for an operator, with all counts
//   GET  /payments/debts?q=                       people a transfer could be assigned to
//   POST /payments/bank-transfers/:id/assign      {messageId}: apply it to that person's payment
//   POST /payments/bank-transfers/:id/not-ours    set it aside
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { TodokuError } from '../../core/errors.ts';
import { BANK_FILE_FORMATS } from '../../core/bank/credit.ts';
import { UNMATCHED_REASONS } from '../../core/bank/match.ts';
import { BANK_TRANSFER_STATE_LABELS, UNMATCHED_REASON_LABELS } from '../../core/labels.ts';
import type { BankTransferRow } from '../../store/bank-transfers.ts';
import type { BankReconciliation, ImportRow } from '../../payments/bank/reconcile.ts';
import { bankNames } from '../../payments/bank/bank-names.ts';

const MAX_BYTES = 20 * 1024 * 1024;
const STATES = ['matched', 'unmatched', 'not_ours', 'duplicate'] as const;
const BALANCES = ['exact', 'partial', 'over', 'unknown'] as const;
const RULES = ['customer_number', 'kana_name', 'operator'] as const;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const transferView = z
  .object({
    id: z.number(),
    bankCode: z.string(),
    bankName: z.string().nullable().describe('from zengin-code; null when the code is unknown'),
    branchCode: z.string(),
    branchName: z.string().nullable(),
    accountType: z.string().describe('預金種目: 1 普通, 2 当座, 4 貯蓄'),
    accountNumber: z.string(),
    inquiry: z.string().describe("照会番号 (for a CSV row without one: 'csv-' and a keyed hash of the row)"),
    valueDate: z.string().describe('勘定日 YYYY-MM-DD'),
    amount: z.number(),
    format: z.enum(BANK_FILE_FORMATS),
    record: z.number().describe('record number (fixed width) or line (CSV) in its file'),
    payerName: z.string().describe('振込依頼人名 as the bank wrote it'),
    payerCode: z.string(),
    edi: z.string(),
    remitBank: z.string(),
    remitBranch: z.string(),
    description: z.string(),
    state: z.enum(STATES),
    stateText: z.object({ ja: z.string(), en: z.string() }),
    reason: z.enum([...UNMATCHED_REASONS, 'duplicate']).nullable(),
    reasonText: z.object({ ja: z.string(), en: z.string() }).nullable(),
    rule: z.enum(RULES).nullable().describe('how it was matched: customer number, kana name, or by an operator'),
    candidates: z.array(z.number()).describe('message ids the rules could not choose between'),
    duplicateOf: z.number().nullable(),
    campaignId: z.number().nullable(),
    messageId: z.number().nullable(),
    owed: z.number().nullable().describe('what was still owed before this credit'),
    balance: z.enum(BALANCES).nullable(),
    remaining: z.number().nullable().describe('owed after it: > 0 still owed (a part payment), < 0 paid over'),
    importedAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
  })
  .meta({ id: 'BankTransfer' });

const stateCounts = z.object({ matched: z.number(), unmatched: z.number(), not_ours: z.number(), duplicate: z.number() });

const importView = z
  .object({
    format: z.enum(BANK_FILE_FORMATS),
    fileSha256: z.string(),
    counts: z.object({ matched: z.number(), unmatched: z.number(), duplicate: z.number(), refused: z.number(), skipped: z.number(), partial: z.number(), over: z.number() }),
    rows: z.array(
      z.object({
        record: z.number(),
        outcome: z.enum(['matched', 'unmatched', 'duplicate', 'refused', 'skipped']),
        message: z.string().nullable(),
        message_en: z.string().nullable(),
        transfer: transferView.nullable(),
      }),
    ),
  })
  .meta({ id: 'BankFileImport' });

async function view(t: BankTransferRow) {
  const names = await bankNames(t.bankCode, t.branchCode);
  return {
    id: t.id,
    bankCode: t.bankCode,
    bankName: names.bank,
    branchCode: t.branchCode,
    branchName: names.branch,
    accountType: t.accountType,
    accountNumber: t.accountNumber,
    inquiry: t.inquiry,
    valueDate: t.valueDate,
    amount: t.amount,
    format: t.format,
    record: t.record,
    payerName: t.payerName,
    payerCode: t.payerCode,
    edi: t.edi,
    remitBank: t.remitBank,
    remitBranch: t.remitBranch,
    description: t.description,
    state: t.state,
    stateText: BANK_TRANSFER_STATE_LABELS[t.state],
    reason: t.reason,
    reasonText: t.reason === null ? null : UNMATCHED_REASON_LABELS[t.reason],
    rule: t.rule,
    candidates: t.candidates,
    duplicateOf: t.duplicateOf,
    campaignId: t.campaignId,
    messageId: t.messageId,
    owed: t.owed,
    balance: t.balance,
    remaining: t.remaining,
    importedAt: iso(t.importedAt)!,
    resolvedAt: iso(t.resolvedAt),
    resolvedBy: t.resolvedBy,
  };
}

async function rowView(r: ImportRow) {
  return { record: r.record, outcome: r.outcome, message: r.message?.ja ?? null, message_en: r.message?.en ?? null, transfer: r.transfer ? await view(r.transfer) : null };
}

/** The body's bytes, whichever parser read it (a stream for octet-stream and text/csv, a Buffer for text/plain). */
async function bodyBytes(req: FastifyRequest): Promise<Buffer> {
  const body = req.body as unknown;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body && typeof (body as Readable).pipe === 'function') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body as Readable) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) throw new TodokuError('TODOKU_E_BANK_FILE', { ja: '銀行ファイルが大きすぎます（20MBまで）', en: 'the bank file is too large (20 MB at most)' });
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
  throw new TodokuError('TODOKU_E_VALIDATION', { ja: '銀行のファイルを本文として送ってください（Content-Type: application/octet-stream）', en: 'send the bank file as the body (Content-Type: application/octet-stream)' });
}

const idParams = z.object({ id: z.coerce.number().int().min(1) });

export function bankFileRoutes(bank: BankReconciliation) {
  return async function routes(app: FastifyInstance): Promise<void> {
    // A bank file sent as text/plain keeps its bytes: Shift_JIS must not be read as UTF-8 on the way in.
    app.removeContentTypeParser('text/plain');
    app.addContentTypeParser('text/plain', { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) => done(null, body));
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/payments/bank-files',
      {
        config: { role: 'operator' },
        schema: {
          tags: ['payments'],
          summary: '入金消込: import a bank file (全銀協 振込入金通知 01 / 入出金取引明細 03, or a portal CSV) as the body; the same file twice changes nothing',
          querystring: z.object({
            bank: z.string().regex(/^\d{4}$/).optional().describe('for a CSV without account columns: bank code'),
            branch: z.string().regex(/^\d{3}$/).optional(),
            account: z.string().regex(/^\d{1,10}$/).optional(),
          }),
          response: { 200: importView },
        },
      },
      async (req) => {
        const bytes = await bodyBytes(req);
        const q = req.query;
        const account = { ...(q.bank ? { bankCode: q.bank } : {}), ...(q.branch ? { branchCode: q.branch } : {}), ...(q.account ? { accountNumber: q.account } : {}) };
        const result = await bank.importFile(bytes, { actor: req.actor, account });
        return { format: result.format, fileSha256: result.fileSha256, counts: result.counts, rows: await Promise.all(result.rows.map(rowView)) };
      },
    );

    r.get(
      '/payments/unmatched',
      {
        config: { role: 'operator' },
        schema: {
          tags: ['payments'],
          summary: 'Bank transfers waiting for an operator (unmatched, and suspected duplicates), oldest first, with the counts of every state',
          querystring: z.object({ after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
          response: { 200: z.object({ counts: stateCounts, transfers: z.array(transferView), next: z.number().nullable() }).meta({ id: 'UnmatchedTransfers' }) },
        },
      },
      async (req) => {
        const page = await bank.unmatched({ limit: req.query.limit, ...(req.query.after !== undefined ? { after: req.query.after } : {}) });
        return { counts: await bank.counts(), transfers: await Promise.all(page.map(view)), next: page.length === req.query.limit ? page.at(-1)!.id : null };
      },
    );

    r.get(
      '/payments/debts',
      {
        config: { role: 'operator' },
        schema: {
          tags: ['payments'],
          summary: 'People of sent campaigns whose name, フリガナ, customer number or a column contains q: whom a transfer can be assigned to',
          querystring: z.object({ q: z.string().trim().min(1).max(100), limit: z.coerce.number().int().min(1).max(100).default(20) }),
          response: {
            200: z
              .object({
                people: z.array(
                  z.object({
                    campaignId: z.number(),
                    campaignName: z.string(),
                    messageId: z.number(),
                    name: z.string(),
                    kana: z.string(),
                    customerNumber: z.string(),
                    amount: z.number().nullable(),
                    owed: z.number().nullable(),
                    paid: z.boolean(),
                  }),
                ),
              })
              .meta({ id: 'DebtSearch' }),
          },
        },
      },
      async (req) => ({ people: await bank.searchDebts(req.query.q, req.query.limit) }),
    );

    r.post(
      '/payments/bank-transfers/:id/assign',
      {
        config: { role: 'operator' },
        schema: {
          tags: ['payments'],
          summary: "Apply a transfer that is not matched to a campaign message's payment (paid once it covers what is owed)",
          params: idParams,
          body: z.object({ messageId: z.number().int().min(1) }),
          response: { 200: transferView },
        },
      },
      async (req) => view(await bank.assign(req.params.id, req.body.messageId, req.actor)),
    );

    r.post(
      '/payments/bank-transfers/:id/not-ours',
      {
        config: { role: 'operator' },
        schema: { tags: ['payments'], summary: 'Set a transfer aside: not a payment of any list', params: idParams, response: { 200: transferView } },
      },
      async (req) => view(await bank.notOurs(req.params.id, req.actor)),
    );
  };
}
