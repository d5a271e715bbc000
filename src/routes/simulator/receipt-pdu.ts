// The deliver_sm (or data_sm) a simulated SMSC sends as a delivery receipt: the classic text
// `id:… sub:001 dlvrd:001 submit date:… done date:… stat:DELIVRD err:000 text:…` plus the
// receipted_message_id and message_state TLVs, and user_message_reference when the submit had one.
// In data_sm the text travels in message_payload, with network_error_code for a numeric err.
import { encodeGsm7, encodeUcs2, isGsm7 } from '../../core/segments.ts';
import { DATA_CODING } from '../smpp/data-coding.ts';
import { ESM_CLASS, type PduFields } from '../smpp/wire.ts';
import type { Address } from './intake.ts';
import type { StatWord } from './settings.ts';

/** A receipt waiting to be delivered; kept small, as tens of thousands may wait at once. */
export interface ReceiptJob {
  kind: 'receipt';
  smscId: string;
  /** The submit's destination: the receipt comes "from" it. */
  recipient: Address;
  /** The submit's source: the receipt goes "to" it. */
  sender: Address;
  submittedAt: Date;
  doneAt: Date;
  /** The start of the message text (20 characters). */
  excerpt: string;
  userMessageReference?: number;
  stat: StatWord;
  /** Carrier error code, three digits; '000' when none. */
  err: string;
  /** Called once, when the client first answers it (or the connection drops first). */
  settled?: () => void;
}

/** message_state TLV value (SMPP 3.4 §5.2.28) for each stat word. */
const MESSAGE_STATE: Readonly<Record<StatWord, number>> = { ENROUTE: 1, DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8 };
/** network_error_code's network type: GSM. */
const NETWORK_GSM = 3;
const SHORT_MESSAGE_MAX = 254;

/** Two digits; a module function, not a closure made for every receipt. */
function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYMMDDhhmm, UTC. */
export function smscDate(date: Date): string {
  return (
    two(date.getUTCFullYear() % 100) + two(date.getUTCMonth() + 1) + two(date.getUTCDate()) + two(date.getUTCHours()) + two(date.getUTCMinutes())
  );
}

/** The first 20 characters (code points): a receipt's `text:` field. */
export function excerpt(text: string): string {
  let end = 0;
  let characters = 0;
  for (const ch of text) {
    if (characters === 20) break;
    end += ch.length;
    characters += 1;
  }
  return text.slice(0, end);
}

export function receiptText(job: ReceiptJob): string {
  return (
    `id:${job.smscId} sub:001 dlvrd:${job.stat === 'DELIVRD' ? '001' : '000'} ` +
    `submit date:${smscDate(job.submittedAt)} done date:${smscDate(job.doneAt)} stat:${job.stat} err:${job.err} text:${job.excerpt}`
  );
}

export function receiptFields(job: ReceiptJob, as: 'deliver_sm' | 'data_sm' = 'deliver_sm'): PduFields {
  const text = receiptText(job);
  // A Japanese excerpt makes the receipt UCS-2 (data_coding 8), as real SMSCs do.
  const gsm = isGsm7(text);
  const bytes = gsm ? encodeGsm7(text) : encodeUcs2(text);
  const fields: PduFields = {
    source_addr_ton: job.recipient.ton,
    source_addr_npi: job.recipient.npi,
    source_addr: job.recipient.addr,
    dest_addr_ton: job.sender.ton,
    dest_addr_npi: job.sender.npi,
    destination_addr: job.sender.addr,
    esm_class: ESM_CLASS.RECEIPT,
    data_coding: gsm ? DATA_CODING.GSM7 : DATA_CODING.UCS2,
    receipted_message_id: job.smscId,
    message_state: MESSAGE_STATE[job.stat],
  };
  if (as === 'data_sm') {
    fields.message_payload = bytes;
    if (/^\d+$/.test(job.err) && Number(job.err) > 0) fields.network_error_code = Buffer.from([NETWORK_GSM, Number(job.err) >> 8, Number(job.err) & 0xff]);
  } else if (bytes.length <= SHORT_MESSAGE_MAX) fields.short_message = bytes;
  else fields.message_payload = bytes;
  if (job.userMessageReference !== undefined) fields.user_message_reference = job.userMessageReference;
  return fields;
}
