// Turning accepted submit_sm PDUs into received messages: the parts of a concatenated message (UDH or
// sar_* TLVs) are joined first, then the bytes are decoded once, by their data_coding.
import { decodeText } from '../smpp/data-coding.ts';
import { messageBody } from '../smpp/message-body.ts';
import { Reassembler } from '../smpp/reassembly.ts';
import { e164 } from '../smpp/address.ts';
import type { Pdu } from '../smpp/wire.ts';
import type { StatWord } from './settings.ts';

/** One SMS as the simulated SMSC received it. */
export interface ReceivedSms {
  /** The id given to its first part. */
  smscId: string;
  /** Every part's id in order, when there was more than one part. */
  partIds?: string[];
  systemId: string;
  /** E.164 with '+' when the address was international, else as sent. */
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  parts: number;
  userMessageReference?: number;
  /** The end of validity_period as the submit asked for it (relative times counted from arrival). */
  validUntil?: Date;
  receivedAt: Date;
  /** The stat word its receipts carry (chosen on arrival from the outcome mix); unset when none was asked for. */
  outcome?: StatWord;
}

/** A routing address as it appeared in the PDU, kept to address the receipt back. */
export interface Address {
  addr: string;
  ton: number;
  npi: number;
}

/** A received message with what its receipts need. */
export interface Accepted {
  sms: ReceivedSms;
  sender: Address;
  recipient: Address;
  /**
   * The ids of the parts whose registered_delivery asked for an SMSC delivery receipt, in part order:
   * an ESME commonly asks on part 1 only, and a receipt it did not ask for is an error to it.
   */
  receiptsFor: string[];
}

interface Part {
  smscId: string;
  payload: Buffer;
  userMessageReference?: number;
  registeredDelivery: number;
  validUntil?: Date;
  receivedAt: Date;
}

export class Intake {
  private readonly partial: Reassembler<Part>;

  constructor(
    private readonly now: () => Date,
    partsMaxAgeMs: number,
  ) {
    this.partial = new Reassembler({ maxAgeMs: partsMaxAgeMs, now: () => now().getTime() });
  }

  /** Takes one accepted submit_sm; returns the message once all of its parts are in. */
  accept(systemId: string, pdu: Pdu, smscId: string): Accepted | null {
    const { payload, dataCoding, concat } = messageBody(pdu);
    const sender = { addr: pdu.source_addr ?? '', ton: pdu.source_addr_ton ?? 0, npi: pdu.source_addr_npi ?? 0 };
    const recipient = { addr: pdu.destination_addr ?? '', ton: pdu.dest_addr_ton ?? 0, npi: pdu.dest_addr_npi ?? 0 };
    const part: Part = {
      smscId,
      payload,
      userMessageReference: pdu.user_message_reference,
      registeredDelivery: pdu.registered_delivery ?? 0,
      receivedAt: this.now(),
    };
    if (pdu.validity_period instanceof Date) part.validUntil = pdu.validity_period;
    let parts = [part];
    if (concat && concat.total > 1) {
      const key = `${systemId}|${sender.addr}|${recipient.addr}|${concat.ref}|${concat.total}`;
      const all = this.partial.add(key, concat.total, concat.seq, part);
      if (!all) return null;
      this.partial.forget(key);
      parts = all;
    }
    const first = parts[0] as Part;
    const sms: ReceivedSms = {
      smscId: first.smscId,
      systemId,
      from: e164(sender.addr, sender.ton) ?? sender.addr,
      to: e164(recipient.addr, recipient.ton) ?? recipient.addr,
      text: decodeText(parts.length === 1 ? first.payload : Buffer.concat(parts.map((p) => p.payload)), dataCoding),
      dataCoding,
      parts: parts.length,
      receivedAt: first.receivedAt,
    };
    if (parts.length > 1) sms.partIds = parts.map((p) => p.smscId);
    if (first.userMessageReference !== undefined) sms.userMessageReference = first.userMessageReference;
    if (first.validUntil) sms.validUntil = first.validUntil;
    const receiptsFor: string[] = [];
    for (const p of parts) if ((p.registeredDelivery & 0x03) !== 0) receiptsFor.push(p.smscId);
    return { sms, sender, recipient, receiptsFor };
  }
}

/** A submit's destination as the log shows it: E.164 with '+' when international, else as sent. */
export function destinationOf(pdu: Pdu): string {
  const addr = pdu.destination_addr ?? '';
  return e164(addr, pdu.dest_addr_ton ?? 0) ?? addr;
}
