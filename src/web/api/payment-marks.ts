// /api/v1/messages/:id/payment — 「支払済みにする」: money that came in outside Todoku (窓口, 現金,
// 振込・口座振替 …) recorded by an operator against a campaign message:
//   GET  /messages/:id/payment   the message's payment and the entries made by hand (notes not for viewers)
//   POST /messages/:id/payment   {amount?, paidAt?, method, note?, overpayment?}: one entry; a part payment
//                                is recorded as such; past what is owed → 409 unless overpayment.
// There is no DELETE: payments are evidence (append-only); a mistake is answered by a note and a new entry.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { PAYMENT_MARK_METHODS } from '../../core/payment-marks.ts';
import { PAYMENT_MARK_METHOD_LABELS } from '../../core/labels.ts';
import type { ManualPayments } from '../../payments/manual.ts';
import type { PaymentMarkRow } from '../../store/payment-marks.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const STATES = ['unpaid', 'pending', 'paid', 'cancelled', 'expired'] as const;
const NOTE_MAX = 1000;
const messageRef = z.object({ id: z.coerce.number().int().positive() });

const markView = z
  .object({
    id: z.number(),
    messageId: z.number(),
    campaignId: z.number(),
    amount: z.number().describe('yen received in this entry'),
    method: z.enum(PAYMENT_MARK_METHODS),
    methodText: z.object({ ja: z.string(), en: z.string() }).describe('窓口入金 / Paid at the counter …'),
    paidAt: z.string().describe('when the money came in'),
    note: z.string().nullable().describe("the operator's note; null when none, and for a viewer"),
    overpayment: z.boolean(),
    actor: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'PaymentMark' });

const paymentView = z
  .object({
    messageId: z.number(),
    state: z.enum(STATES),
    amount: z.number().nullable().describe('what is owed (null: no payment yet and no amount on the list)'),
    paidAmount: z.number().describe('received in total'),
    paidAt: z.string().nullable(),
    provider: z.string().nullable().describe("how it became paid: a card provider, 'bank_transfer' or 'operator'"),
    marks: z.array(markView),
  })
  .meta({ id: 'MessagePayment' });

const markResult = z
  .object({
    mark: markView,
    state: z.enum(STATES),
    owedBefore: z.number().nullable().describe('what was still owed before this entry'),
    received: z.number().describe('received in total after it'),
    remaining: z.number().nullable().describe('> 0 still owed (a part payment), 0 paid, < 0 paid over; null when the list has no amount'),
    balance: z.enum(['exact', 'partial', 'over', 'unknown']),
    becamePaid: z.boolean(),
  })
  .meta({ id: 'PaymentMarkResult' });

const markBody = z.object({
    amount: z.number().int().min(1).max(1_000_000_000_000).optional().describe('yen; omitted: what is still owed'),
    paidAt: z.string().trim().max(40).optional().describe("when it came in: 'YYYY-MM-DD' (the campaign's day) or a date-time with offset; omitted: now; never in the future"),
    method: z.enum(PAYMENT_MARK_METHODS).describe('counter 窓口入金 | cash 現金 | transfer 振込・口座振替 | other その他'),
    note: z.string().max(NOTE_MAX).optional(),
    overpayment: z.boolean().default(false).describe('say so to record more than is still owed (or on a debt already paid)'),
  });

function view(m: PaymentMarkRow, personal: boolean) {
  return {
    id: m.id,
    messageId: m.messageId,
    campaignId: m.campaignId,
    amount: m.amount,
    method: m.method,
    methodText: PAYMENT_MARK_METHOD_LABELS[m.method],
    paidAt: iso(m.paidAt)!,
    note: personal ? m.note : null,
    overpayment: m.overpayment,
    actor: m.actor,
    createdAt: iso(m.createdAt)!,
  };
}

export function paymentMarkRoutes(app: FastifyInstance, ctx: ApiContext, manual: ManualPayments): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/messages/:id/payment',
    { schema: { tags: ['payments'], summary: "A message's payment and the entries operators made by hand", params: messageRef, response: { 200: paymentView } } },
    async (req) => {
      const debt = await ctx.store.bankTransfers.messageDebt(req.params.id);
      if (!debt) throw notFound(`メッセージ ${req.params.id} / message ${req.params.id}`);
      const p = await ctx.store.payments.byMessage(debt.messageId);
      const marks = await manual.marks(debt.messageId);
      const personal = req.principal.role !== 'viewer';
      return {
        messageId: debt.messageId,
        state: p?.state ?? 'unpaid',
        amount: p?.amount ?? null,
        paidAmount: p?.paidAmount ?? 0,
        paidAt: iso(p?.paidAt ?? null),
        provider: p?.provider ?? null,
        marks: marks.map((m) => view(m, personal)),
      };
    },
  );

  r.post(
    '/messages/:id/payment',
    {
      config: { role: 'operator' },
      schema: {
        tags: ['payments'],
        summary: '支払済みにする: record money that came in outside Todoku (counter, cash, transfer …); a part payment as such; past what is owed only with overpayment',
        params: messageRef,
        body: markBody,
        response: { 200: markResult },
      },
    },
    async (req) => {
      const b = req.body;
      const result = await manual.markPaid({ messageId: req.params.id, amount: b.amount, paidAt: b.paidAt, method: b.method, note: b.note, overpayment: b.overpayment, actor: req.actor });
      return { ...result, mark: view(result.mark, true) };
    },
  );
}
