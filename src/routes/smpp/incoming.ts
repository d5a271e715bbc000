// What arrives in deliver_sm or data_sm: a delivery receipt or a reply (MO, possibly in several parts,
// in short_message or message_payload, GSM-7, UCS-2 or Latin-1). Each is handed to the dispatcher and
// acknowledged with status 0 only once stored; if storing fails we answer ESME_RX_T_APPN, which asks
// the SMSC to deliver it again later, so nothing is lost.
import type { Logger } from '../../log.ts';
import type { RouteEvents } from '../route.ts';
import { ESME_RX_T_APPN } from './connection.ts';
import { decodeText } from './data-coding.ts';
import { messageBody } from './message-body.ts';
import { Reassembler } from './reassembly.ts';
import { e164 } from './address.ts';
import { isReceipt, parseReceipt, type ReceiptOptions } from './receipt.ts';
import type { Pdu } from './wire.ts';

const OK = 0;
/** Parts of a reply that never completes are dropped after this long. */
const REPLY_PARTS_MAX_AGE_MS = 10 * 60_000;

export class IncomingHandler {
  private readonly replyParts: Reassembler<Buffer>;

  constructor(
    private readonly events: RouteEvents,
    private readonly options: ReceiptOptions,
    private readonly now: () => Date,
    private readonly log?: Logger,
  ) {
    this.replyParts = new Reassembler({ maxAgeMs: REPLY_PARTS_MAX_AGE_MS, now: () => this.now().getTime() });
  }

  /** Resolves the command_status of the deliver_sm_resp or data_sm_resp. */
  async handle(pdu: Pdu): Promise<number> {
    const esmClass = pdu.esm_class ?? 0;
    if (isReceipt({ esmClass, receiptedMessageId: pdu.receipted_message_id })) return this.receipt(pdu, esmClass);
    return this.reply(pdu);
  }

  private async receipt(pdu: Pdu, esmClass: number): Promise<number> {
    const { payload, dataCoding } = messageBody(pdu);
    const receipt = parseReceipt(
      {
        esmClass,
        dataCoding,
        body: payload,
        sourceAddr: pdu.source_addr ?? '',
        sourceAddrTon: pdu.source_addr_ton ?? 0,
        receiptedMessageId: pdu.receipted_message_id,
        messageState: pdu.message_state,
        userMessageReference: pdu.user_message_reference,
        networkErrorCode: pdu.network_error_code,
      },
      this.options,
    );
    if (!receipt) {
      // Nothing names the message: storing is impossible, and asking again would loop forever.
      this.log?.warn({ seq: pdu.sequence_number }, 'smpp: receipt without a message id, acknowledged and dropped');
      return OK;
    }
    return this.store(() => this.events.receipt(receipt), 'receipt');
  }

  private async reply(pdu: Pdu): Promise<number> {
    const { payload, dataCoding, concat } = messageBody(pdu);
    const from = pdu.source_addr ?? '';
    const to = pdu.destination_addr ?? '';
    let bytes = payload;
    let key: string | undefined;
    if (concat && concat.total > 1) {
      key = `${from}|${to}|${concat.ref}|${concat.total}`;
      const parts = this.replyParts.add(key, concat.total, concat.seq, payload);
      if (!parts) return OK; // held until the other parts arrive
      bytes = Buffer.concat(parts);
    }
    const status = await this.store(
      () =>
        this.events.inbound({
          from: e164(from, pdu.source_addr_ton ?? 0, this.options.countryCode) ?? from,
          to: e164(to, pdu.dest_addr_ton ?? 0, this.options.countryCode) ?? to,
          text: decodeText(bytes, dataCoding),
          receivedAt: this.now(),
        }),
      'reply',
    );
    if (key && status === OK) this.replyParts.forget(key);
    return status;
  }

  private async store(save: () => Promise<void>, what: string): Promise<number> {
    try {
      await save();
      return OK;
    } catch (error) {
      this.log?.warn({ err: error }, `smpp: ${what} not stored, SMSC asked to deliver it again`);
      return ESME_RX_T_APPN;
    }
  }
}
