// A campaign's results, one row per message, as CSV for Excel. Each row says what it is (the campaign's
// message, a later step, an opt-out confirmation, an operator reply), so more rows than people make
// sense; a message replaced by a re-send says so, and only the others count in the campaign's figures
// (store/tracking/figures.ts).
import type { Readable } from 'node:stream';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Store } from '../store/index.ts';
import { labelOf, MESSAGE_ROLE_LABELS, MESSAGE_STATE_LABELS, messageRole, PAYMENT_MARK_METHOD_LABELS } from '../core/labels.ts';
import type { PaymentMarkMethod } from '../core/payment-marks.ts';
import { carrierErrorMeaning } from '../core/carrier-errors.ts';
import { isWaitCode, waitingOf } from '../core/waiting-words.ts';
import { csvStream, excelTime, type CsvOutEncoding } from './csv.ts';

const HEADER = [
  '行番号/line',
  '電話番号/phone',
  '氏名/name',
  '外部ID/external_id',
  '種類/kind',
  '状態/state',
  '通数/parts',
  '送信日時/submitted_at',
  '配達日時/delivered_at',
  '完了日時/final_at',
  'キャリア状態/carrier_state',
  'エラー/error_code',
  'エラーの意味/error_meaning',
  '理由/error_reason',
  'SMSC ID/smsc_id',
  '支払/payment',
  '入金額/paid_amount',
  '入金日時/paid_at',
];

/** 「支払済み（振込） (paid; bank_transfer)」, 「支払済み（窓口入金） (paid; operator)」, 「一部入金 (partial)」 or empty: what the payment says of the debt. */
function paymentCell(p: { state: string; provider: string | null; paidAmount: number | null } | undefined, method?: PaymentMarkMethod): string {
  if (!p) return '';
  const via = p.provider === 'bank_transfer' ? '振込' : p.provider === 'operator' ? (method ? PAYMENT_MARK_METHOD_LABELS[method].ja : '手入力') : p.provider ? 'カード' : '';
  if (p.state === 'paid') return `支払済み${via ? `（${via}）` : ''} (paid${p.provider ? `; ${p.provider}` : ''})`;
  if ((p.paidAmount ?? 0) > 0) return `一部入金${via ? `（${via}）` : ''} (partial)`;
  return p.state === 'pending' ? '決済手続き中 (pending)' : '';
}

/** Japanese numbers in the national format with hyphens (Excel keeps them as text, leading 0 intact). */
function displayPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  if (!p) return e164;
  return p.country === 'JP' ? p.formatNational() : p.formatInternational();
}

/** 「キャンペーン送信 (campaign)」; a message replaced by a re-send: 「… 再送済み (campaign; resent)」. */
function kindCell(kind: string, seq: number, resent: boolean): string {
  const role = messageRole(kind, seq);
  return resent ? `${MESSAGE_ROLE_LABELS[role].ja}・再送済み (${role}; resent)` : `${MESSAGE_ROLE_LABELS[role].ja} (${role})`;
}

export function exportResults(store: Store, campaignId: number, encoding: CsvOutEncoding): Readable {
  async function* rows(): AsyncGenerator<string[]> {
    const c = await store.campaigns.byId(campaignId);
    const campaign = { timeZone: c?.time_zone ?? 'Asia/Tokyo', policyPack: c?.policy_pack ?? null };
    let after: number | undefined;
    for (;;) {
      const page = await store.messages.list(campaignId, { after, limit: 1000 });
      if (page.length === 0) return;
      const recipients = await store.recipients.byIds(page.map((m) => m.recipient_id));
      // A test send went to the organisation's test number, not to the row's: that number is its phone.
      const tests = store.testSends.destinations(page);
      const payments = await store.payments.byMessages(page.map((m) => m.id));
      const methods = await store.paymentMarks.methods(page.map((m) => m.id));
      for (const m of page) {
        const r = recipients.get(m.recipient_id);
        const to = tests.get(m.id) ?? r?.phone;
        yield [
          String(r?.line ?? ''),
          to ? displayPhone(to) : '',
          r?.fields.name ?? '',
          r?.fields.external_id ?? '',
          kindCell(m.kind, Number(m.seq), m.resent_at !== null),
          `${labelOf(MESSAGE_STATE_LABELS, m.state, 'ja')} (${m.state})`,
          m.parts === null ? '' : String(m.parts),
          excelTime(m.submitted_at),
          excelTime(m.delivered_at),
          excelTime(m.final_at),
          m.carrier_state ?? '',
          // A policy wait is said in words with the time it will go, never as its code.
          isWaitCode(m.error_code) ? '' : (m.error_code ?? ''),
          carrierErrorMeaning(m.error_code)?.ja ?? '',
          waitingOf({ state: m.state, errorCode: m.error_code, nextAttemptAt: Number(m.next_attempt_at) }, campaign)?.ja ?? (isWaitCode(m.error_code) ? '' : (m.error_reason ?? '')),
          m.smsc_id ?? '',
          paymentCell(payments.get(m.id), methods.get(m.id)),
          payments.get(m.id)?.paidAmount ? String(payments.get(m.id)!.paidAmount) : '',
          excelTime(payments.get(m.id)?.paidAt ?? null),
        ];
      }
      after = page[page.length - 1]!.id;
    }
  }
  return csvStream(HEADER, rows(), encoding);
}
