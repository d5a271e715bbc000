// The provider's words → ours, through tables and pure functions (tested table by table):
//  - a message's status (queued, sent, delivered, undelivered, failed …) → a ReceiptStatus, and its
//    rank in the message's life (so a callback that goes backwards can be recognised as stale);
//  - a Twilio error code → retry or failure of a send, and for some codes a more exact receipt status;
//  - an HTTP answer without a known code → retry (429, 5xx) or failure (other 4xx).
import type { ReceiptStatus } from '../../core/carrier.ts';
import type { SubmitOutcome } from '../route.ts';

export type Refusal = Exclude<SubmitOutcome, { kind: 'accepted' }>;

interface MessageStatusRow {
  receipt: ReceiptStatus;
  /** Order in a message's life; final statuses share the top rank. */
  rank: number;
  final: boolean;
}

const FINAL_RANK = 4;

/** Twilio's Message `status` values (outbound and inbound). */
export const MESSAGE_STATUSES: ReadonlyMap<string, MessageStatusRow> = new Map<string, MessageStatusRow>([
  ['accepted', { receipt: 'accepted', rank: 0, final: false }],
  ['scheduled', { receipt: 'accepted', rank: 0, final: false }],
  ['queued', { receipt: 'accepted', rank: 1, final: false }],
  ['sending', { receipt: 'accepted', rank: 2, final: false }],
  ['sent', { receipt: 'accepted', rank: 3, final: false }],
  // Some segments arrived, some did not: not a delivery we can vouch for, nor a final failure.
  ['partially_delivered', { receipt: 'unknown', rank: 3, final: false }],
  ['delivered', { receipt: 'delivered', rank: FINAL_RANK, final: true }],
  // A read receipt (chat channels) comes after delivered.
  ['read', { receipt: 'delivered', rank: FINAL_RANK + 1, final: true }],
  ['undelivered', { receipt: 'undeliverable', rank: FINAL_RANK, final: true }],
  // 'failed': the provider never handed it to a carrier.
  ['failed', { receipt: 'rejected', rank: FINAL_RANK, final: true }],
  ['canceled', { receipt: 'deleted', rank: FINAL_RANK, final: true }],
]);

interface ErrorRow {
  kind: 'retry' | 'failed';
  /** For a receipt carrying this code: a more exact status than the message status gives. */
  receipt?: ReceiptStatus;
  /** 'slow': the provider is overloaded, send slower; 'route': the route's own settings are wrong. */
  pause?: 'slow' | 'route';
  en: string;
  ja: string;
}

/** Twilio error codes seen on sends (REST answers) and in status callbacks (ErrorCode). */
export const TWILIO_ERRORS: ReadonlyMap<number, ErrorRow> = new Map<number, ErrorRow>([
  [20003, { kind: 'retry', pause: 'route', en: 'Authentication failed: check the account SID and auth token', ja: '認証に失敗しました（アカウントSIDと認証トークンを確認してください）' }],
  [20404, { kind: 'retry', pause: 'route', en: 'Resource not found: check the account SID and base URL', ja: 'リソースが見つかりません（アカウントSIDと接続先URLを確認してください）' }],
  [20429, { kind: 'retry', pause: 'slow', en: 'Too many requests', ja: 'リクエストが多すぎます' }],
  [21211, { kind: 'failed', en: "Invalid 'To' phone number", ja: '宛先番号が不正です' }],
  [21214, { kind: 'failed', en: "'To' phone number cannot be reached", ja: '宛先番号に到達できません' }],
  [21408, { kind: 'failed', en: 'Permission to send an SMS has not been enabled for this region', ja: 'この地域へのSMS送信が許可されていません' }],
  [21602, { kind: 'failed', en: 'Message body is required', ja: '本文がありません' }],
  [21603, { kind: 'failed', en: "'From' phone number is required", ja: '発信番号がありません' }],
  [21606, { kind: 'failed', en: "'From' number is not a valid SMS-capable number of this account", ja: '発信番号がこのアカウントでSMS送信に使えません' }],
  [21610, { kind: 'failed', en: 'Recipient has unsubscribed (replied STOP)', ja: '受信者が配信停止しています' }],
  [21611, { kind: 'retry', pause: 'slow', en: "The 'From' number's queue is full", ja: '発信番号の送信キューが満杯です' }],
  [21612, { kind: 'failed', en: 'Cannot route to this number', ja: 'この番号へは送信経路がありません' }],
  [21614, { kind: 'failed', en: "'To' number is not a valid mobile number", ja: '宛先が携帯電話番号ではありません' }],
  [21617, { kind: 'failed', en: 'Message body exceeds 1600 characters', ja: '本文が1600文字を超えています' }],
  [21635, { kind: 'failed', en: "'To' number is a landline", ja: '宛先が固定電話番号です' }],
  [30001, { kind: 'retry', pause: 'slow', en: 'Queue overflow', ja: '送信キューがあふれました' }],
  [30002, { kind: 'failed', en: 'Account suspended', ja: 'アカウントが停止されています' }],
  [30003, { kind: 'failed', en: 'Unreachable destination handset', ja: '宛先の端末に届きません（圏外・電源断など）' }],
  [30004, { kind: 'failed', receipt: 'rejected', en: 'Message blocked', ja: 'メッセージがブロックされました' }],
  [30005, { kind: 'failed', en: 'Unknown destination handset', ja: '宛先の端末が存在しません' }],
  [30006, { kind: 'failed', en: 'Landline or unreachable carrier', ja: '固定電話または到達できない通信事業者です' }],
  [30007, { kind: 'failed', receipt: 'rejected', en: 'Message filtered by the carrier', ja: '通信事業者によりフィルタされました' }],
  [30008, { kind: 'failed', en: 'Unknown error', ja: '不明なエラー' }],
  [30036, { kind: 'failed', receipt: 'expired', en: 'Validity period expired', ja: '有効期限切れ' }],
]);

export function messageStatus(status: string): MessageStatusRow | undefined {
  return MESSAGE_STATUSES.get(status.toLowerCase());
}

/**
 * A status callback's MessageStatus (and ErrorCode) → our receipt status. An unknown status word is
 * 'unknown' (not final); an error code with its own receipt status refines a final one.
 */
export function receiptStatusFor(status: string, errorCode?: string): ReceiptStatus {
  const row = messageStatus(status);
  if (!row) return 'unknown';
  if (row.final && row.receipt !== 'delivered' && errorCode) {
    const refined = TWILIO_ERRORS.get(Number(errorCode))?.receipt;
    if (refined) return refined;
  }
  return row.receipt;
}

/** How the route reacts to a refusal beyond handing it back: slow down, or stop for a while. */
export function pauseFor(code: number | undefined, httpStatus: number): 'slow' | 'route' | undefined {
  const row = code === undefined ? undefined : TWILIO_ERRORS.get(code);
  if (row?.pause) return row.pause;
  if (httpStatus === 429 || httpStatus === 503) return 'slow';
  if (httpStatus === 401) return 'route';
  return undefined;
}

/**
 * A send the provider answered with an error. The Twilio code decides when it is in the table; else the
 * HTTP status: 429 and 5xx are transient, 401 means our credentials (transient for the message), any
 * other 4xx is permanent.
 */
export function outcomeForError(httpStatus: number, code?: number, message?: string): Refusal {
  const row = code === undefined ? undefined : TWILIO_ERRORS.get(code);
  const detail = message ? `: ${message}` : '';
  if (row) return { kind: row.kind, code: `TWILIO_${code}`, reason: `${row.en} (Twilio ${code}, HTTP ${httpStatus}) / ${row.ja}` };
  const name = code === undefined ? `HTTP_${httpStatus}` : `TWILIO_${code}`;
  if (httpStatus === 429) return { kind: 'retry', code: name, reason: `rate limited by the provider (HTTP 429)${detail} / 送信レート制限中` };
  if (httpStatus >= 500) return { kind: 'retry', code: name, reason: `provider error (HTTP ${httpStatus})${detail} / 送信事業者側のエラー` };
  if (httpStatus === 401) return { kind: 'retry', code: name, reason: `provider refused our credentials (HTTP 401)${detail} / 認証に失敗しました` };
  return { kind: 'failed', code: name, reason: `provider refused the message (HTTP ${httpStatus})${detail} / 送信事業者が受け付けませんでした` };
}
