// Delivery receipts in deliver_sm: telling one from a reply, and reading it into a Receipt. The text
// (`id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`) is the de-facto format of
// SMPP 3.4 Appendix B; fields may be missing, in any case, and the TLVs win where they are present.
import type { Receipt, ReceiptStatus } from '../../core/carrier.ts';
import { decodeText } from './data-coding.ts';
import { idFromReceiptText, idFromSubmit, type SmscIdFormat } from './smsc-id.ts';
import { ESM_CLASS } from './wire.ts';
import { e164 } from './address.ts';

/** What a receipt parser needs from a deliver_sm PDU. */
export interface DeliverSmFields {
  esmClass: number;
  dataCoding: number;
  /** short_message, or message_payload when short_message is empty. */
  body: Buffer;
  sourceAddr: string;
  sourceAddrTon: number;
  receiptedMessageId?: string;
  messageState?: number;
  userMessageReference?: number;
  /** network_error_code TLV: network type octet, then a 16-bit error code. */
  networkErrorCode?: Buffer;
}

export interface ReceiptOptions {
  idFormat: SmscIdFormat;
  /** To read national numbers (TON 2, or a leading 0): 81 for Japan. */
  countryCode?: string;
  /** The carrier's clock: receipt dates carry no zone. 540 for JST. */
  utcOffsetMinutes: number;
}

/** The text fields, raw; absent when the receipt lacks them. */
export interface ReceiptText {
  id?: string;
  sub?: string;
  dlvrd?: string;
  submitDate?: string;
  doneDate?: string;
  stat?: string;
  err?: string;
  text?: string;
}

const STAT_WORDS: Readonly<Record<string, ReceiptStatus>> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  UNDELIV: 'undeliverable',
  UNDELIVERABLE: 'undeliverable',
  EXPIRED: 'expired',
  REJECTD: 'rejected',
  REJECTED: 'rejected',
  DELETED: 'deleted',
  ACCEPTD: 'accepted',
  ACCEPTED: 'accepted',
  // Still on its way: not final, like ACCEPTD.
  ENROUTE: 'accepted',
  SCHEDULED: 'accepted',
  // SMPP 5.0: accepted but never transmitted to the handset.
  SKIPPED: 'undeliverable',
  UNKNOWN: 'unknown',
};

/** message_state TLV values (SMPP 3.4 §5.2.28, and 9 from SMPP 5.0) as the stat words carriers write. */
const MESSAGE_STATES: readonly string[] = ['SCHEDULED', 'ENROUTE', 'DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD', 'SKIPPED'];

const FIELD = /\b(id|sub|dlvrd|submit date|done date|stat|err|text):/gi;
const KEYS: Readonly<Record<string, keyof ReceiptText>> = {
  id: 'id', sub: 'sub', dlvrd: 'dlvrd', 'submit date': 'submitDate', 'done date': 'doneDate', stat: 'stat', err: 'err', text: 'text',
};

export function isReceipt(f: Pick<DeliverSmFields, 'esmClass' | 'receiptedMessageId'>): boolean {
  return (f.esmClass & (ESM_CLASS.RECEIPT | ESM_CLASS.INTERMEDIATE)) !== 0 || Boolean(f.receiptedMessageId);
}

/** Reads the fields of a receipt text. `text:` runs to the end, whatever it contains. */
export function parseReceiptText(text: string): ReceiptText {
  // One pass: each field's value runs from the end of its label to the start of the next label.
  // (Every receipt goes through here: no intermediate list of matches.)
  const fields: ReceiptText = {};
  let key: keyof ReceiptText | undefined;
  let valueStart = 0;
  FIELD.lastIndex = 0;
  for (;;) {
    const match = key === 'text' ? null : FIELD.exec(text);
    if (key) {
      const value = text.slice(valueStart, match ? match.index : undefined);
      fields[key] ??= key === 'text' ? value : value.trim();
    }
    if (!match) break;
    key = KEYS[(match[1] ?? '').toLowerCase()];
    valueStart = match.index + match[0].length;
  }
  FIELD.lastIndex = 0;
  return fields;
}

/** YYMMDDhhmm or YYMMDDhhmmss in the carrier's zone. */
export function parseReceiptDate(value: string, utcOffsetMinutes: number): Date | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(value);
  if (!m) return undefined;
  const [yy, mo, dd, hh, mi, ss] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59) return undefined;
  return new Date(Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss) - utcOffsetMinutes * 60_000);
}

function statusOf(word: string): ReceiptStatus {
  return STAT_WORDS[word.toUpperCase()] ?? 'unknown';
}

/** A Receipt, or null when nothing in the PDU says which message it is about. */
export function parseReceipt(f: DeliverSmFields, options: ReceiptOptions): Receipt | null {
  const text = parseReceiptText(decodeText(f.body, f.dataCoding));
  const smscId = f.receiptedMessageId
    ? idFromSubmit(f.receiptedMessageId, options.idFormat)
    : text.id
      ? idFromReceiptText(text.id, options.idFormat)
      : undefined;
  if (!smscId) return null;

  const carrierState = text.stat || MESSAGE_STATES[f.messageState ?? -1] || 'UNKNOWN';
  const receipt: Receipt = { smscId, status: statusOf(carrierState), carrierState: carrierState.toUpperCase() };
  if (f.userMessageReference !== undefined) receipt.ref = String(f.userMessageReference);
  const to = e164(f.sourceAddr, f.sourceAddrTon, options.countryCode);
  if (to) receipt.to = to;
  if (text.err && !/^0+$/.test(text.err)) receipt.errorCode = text.err;
  else if (!text.err && f.networkErrorCode?.length === 3 && f.networkErrorCode.readUInt16BE(1) !== 0) {
    receipt.errorCode = String(f.networkErrorCode.readUInt16BE(1)).padStart(3, '0');
  }
  const doneAt = text.doneDate ? parseReceiptDate(text.doneDate, options.utcOffsetMinutes) : undefined;
  if (doneAt) receipt.doneAt = doneAt;
  if (text.doneDate) receipt.doneDate = text.doneDate;
  return receipt;
}
