// 「支払済みにする」: an operator records money that came in outside Todoku (窓口, 現金, 振込・口座振替 …)
// for a campaign message. The same one "mark paid" as cards and bank files (store/payment-marks.ts →
// creditReceived → recordPaid: the payments row, payment.succeeded with provider "operator", the ledger
// entry), so the cadence sees the person paid and lets them leave. A part payment is recorded as such; an
// entry past what is owed needs `overpayment`. Nothing is ever taken back (the ledger is append-only): a
// mistake is answered by a note and a further entry. Audited.
import { TodokuError } from '../core/errors.ts';
import { isLocalDate, localParts, localToInstant } from '../core/policy/time.ts';
import type { PaymentMarkMethod } from '../core/payment-marks.ts';
import type { Store } from '../store/index.ts';
import type { PaymentMarkRow } from '../store/payment-marks.ts';
import type { PaymentState } from '../store/schema-recipient-actions.ts';
import { yen } from '../documents/invoice/format.ts';

export interface MarkPaidInput {
  messageId: number;
  /** Yen; omitted: what is still owed. */
  amount?: number | undefined;
  /** 'YYYY-MM-DD' (the campaign's calendar day) or an ISO date-time with its offset; omitted: now. */
  paidAt?: string | undefined;
  method: PaymentMarkMethod;
  note?: string | undefined;
  overpayment?: boolean | undefined;
  actor: string;
}

export interface MarkPaidResult {
  mark: PaymentMarkRow;
  state: PaymentState;
  /** What was owed before this entry, in total received after it, and what remains (< 0: paid over); null when the list has no amount. */
  owedBefore: number | null;
  received: number;
  remaining: number | null;
  balance: 'exact' | 'partial' | 'over' | 'unknown';
  becamePaid: boolean;
}

const invalid = (ja: string, en: string) => new TodokuError('TODOKU_E_VALIDATION', { ja, en });

/** When the money came in: a calendar day is its start in the campaign's zone (today: now), a date-time as given; never later than now. */
export function paidInstant(raw: string | undefined, now: number, timeZone: string): number {
  if (raw === undefined || raw.trim() === '') return now;
  let at: number;
  if (isLocalDate(raw)) {
    const today = localParts(new Date(now), timeZone).date;
    at = raw === today ? now : localToInstant(raw, '00:00', timeZone).getTime();
  } else {
    at = /[Zz]|[+-]\d\d:?\d\d$/.test(raw) ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(at)) throw invalid(`入金日「${raw}」は日付（2026-03-05）か時刻付きの日時（2026-03-05T10:00:00+09:00）で書いてください`, `paidAt "${raw}" must be a date (2026-03-05) or a date-time with its offset (2026-03-05T10:00:00+09:00)`);
  }
  if (at > now) throw invalid('入金日が未来の日付です', 'paidAt is in the future');
  return at;
}

export function createManualPayments(deps: { store: Store; now: () => number }) {
  const { store } = deps;
  return {
    async markPaid(input: MarkPaidInput): Promise<MarkPaidResult> {
      const debt = await store.bankTransfers.messageDebt(input.messageId);
      if (!debt) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `メッセージ #${input.messageId} が見つかりません（キャンペーンの送信のみ）`, en: `message #${input.messageId} not found (a campaign's own message)` });
      const campaign = await store.campaigns.byId(debt.campaignId);
      const paidAt = paidInstant(input.paidAt, deps.now(), campaign?.time_zone ?? 'Asia/Tokyo');
      const listed = yen(debt.fields.amount);
      const note = input.note?.trim() ? input.note.trim() : null;
      const result = await store.paymentMarks.record({
        campaignId: debt.campaignId,
        messageId: debt.messageId,
        listAmount: listed && listed.value > 0 ? listed.value : null,
        amount: input.amount ?? null,
        method: input.method,
        paidAt,
        note,
        overpayment: input.overpayment === true,
        actor: input.actor,
      });
      if (result.outcome === 'no_amount') {
        throw invalid('金額を指定してください（名簿に金額がないか、支払済みです）', 'give the amount (the list has none for this person, or it is paid already)');
      }
      if (result.outcome === 'exceeds') {
        const still = result.owed === null ? null : Math.max(result.owed - result.received, 0);
        throw new TodokuError(
          'TODOKU_E_PAYMENT_EXCEEDS_OWED',
          result.paid
            ? { ja: '支払済みです。さらに記録するには過入金として指定してください（overpayment）', en: 'already paid; to record more, say it is an overpayment (overpayment: true)' }
            : { ja: `未払い残高（¥${(still ?? 0).toLocaleString('ja-JP')}）を超えています。過入金として記録するには overpayment を指定してください`, en: `more than is still owed (¥${(still ?? 0).toLocaleString('en-GB')}); to record an overpayment, say so (overpayment: true)` },
          { owed: result.owed, received: result.received },
        );
      }
      const remaining = result.owed === null ? null : result.owed - result.received;
      const balance = remaining === null ? 'unknown' : remaining === 0 ? 'exact' : remaining > 0 ? 'partial' : 'over';
      await store.audit.append({
        actor: input.actor,
        action: 'payment.mark',
        target: `message:${debt.messageId}`,
        details: { campaignId: debt.campaignId, markId: result.mark.id, amount: result.mark.amount, method: input.method, paidAt: new Date(paidAt).toISOString(), balance, overpayment: result.mark.overpayment, hasNote: note !== null },
      });
      return { mark: result.mark, state: result.state, owedBefore: result.owedBefore, received: result.received, remaining, balance, becamePaid: result.becamePaid };
    },

    marks: (messageId: number) => store.paymentMarks.byMessage(messageId),
  };
}

export type ManualPayments = ReturnType<typeof createManualPayments>;
