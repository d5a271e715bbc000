// The SMPP route: a carrier's SMSC reached through one transceiver bind, or a transmitter and a
// receiver bind (bindMode), fulfilling the Route interface. Submits wait for a window slot and for the
// pacer; a lost connection turns outstanding submits into retries and is rebuilt with capped
// exponential backoff; receipts and replies arrive through IncomingHandler, on whichever bind receives.
//
// Throttling (ESME_RTHROTTLED, ESME_RMSGQFUL) is handled here, not by failing the message: the refused
// PDU was not accepted, so the route slows its pace and sends it again, for up to throttleWaitMs, and
// only then hands the message back as a retry.
//
// A submit whose answer never came (CONNECTION_LOST, TIMEOUT) may have been accepted: the caller must
// not send it again at once. Every other retry code means the SMSC did not take it.
//
// Long texts go as the route's concatenation says; parts one after another on the same window slot,
// stopping at the first part that is refused. An accepted multipart message reports every part's id.
import type { Logger } from '../../log.ts';
import { TodokuError } from '../../core/errors.ts';
import type { OutboundSms, Route, RouteEvents, SubmitOutcome } from '../route.ts';
import { smppAddress } from './address.ts';
import { Bind } from './bind.ts';
import { smppRouteConfigSchema, sourceAddressType, type SmppRouteConfig, type SmppRouteOptions } from './config.ts';
import { IncomingHandler } from './incoming.ts';
import { Pacer } from './pacer.ts';
import { idFromSubmit } from './smsc-id.ts';
import { outcomeForStatus, slowsDown } from './status.ts';
import { concatReference, concatReference16, submitParts, type SubmitPart } from './submit-parts.ts';
import { Window } from './window.ts';
import type { Pdu, PduFields } from './wire.ts';
import { smppRelativeValidity } from '../delivery-window.ts';

export interface SmppRouteDeps {
  log?: Logger;
  now?: () => Date;
  random?: () => number;
}

type Refusal = Exclude<SubmitOutcome, { kind: 'accepted' }>;
type PartOutcome = Refusal | { kind: 'accepted'; smscId: string };

const retry = (code: string, reason: string, flag?: 'throttled' | 'answerLost' | 'held'): Refusal => ({ kind: 'retry', code, reason, ...(flag ? { [flag]: true } : {}) });
/** A PDU refused for throttling waits this long before it is sent again, doubling up to the max. */
const RESEND_PAUSE_MS = 50;
const RESEND_PAUSE_MAX_MS = 1_000;

export class SmppRoute implements Route {
  readonly name: string;
  readonly window: number;
  private readonly config: SmppRouteConfig;
  private readonly slots: Window;
  private readonly pacer: Pacer;
  /** Submits go here: the transceiver, or the transmitter. */
  private transmitter: Bind | null = null;
  private receiver: Bind | null = null;
  private outstanding = 0;
  private closing = false;
  private closed: Promise<void> | undefined;

  constructor(
    options: SmppRouteOptions,
    private readonly deps: SmppRouteDeps = {},
  ) {
    this.config = smppRouteConfigSchema.parse(options);
    this.name = this.config.name;
    this.window = this.config.window;
    this.slots = new Window(this.config.window);
    this.validity = smppRelativeValidity(this.config.validityMinutes);
    this.pacer = new Pacer({
      maxPerSecond: this.config.maxSubmitsPerSecond,
      minPerSecond: this.config.minSubmitsPerSecond,
      recoverySeconds: this.config.throttleRecoverySeconds,
    });
  }

  inflight(): number {
    return this.outstanding;
  }

  ready(): boolean {
    return this.transmitter?.connection != null && !this.closing;
  }

  /** The send-rate limit now, in submit_sm per second; Infinity when there is none. */
  sendRate(): number {
    return this.pacer.limit();
  }

  /** Resolves once every bind is up for the first time; until then they keep trying, with backoff. */
  async start(events: RouteEvents): Promise<void> {
    if (this.transmitter) throw new Error(`route ${this.name} already started`);
    const { smscIdFormat: idFormat, receiptUtcOffsetMinutes: utcOffsetMinutes, countryCode } = this.config;
    const receipts = { idFormat, utcOffsetMinutes, countryCode };
    const handler = new IncomingHandler(events, receipts, this.deps.now ?? (() => new Date()), this.deps.log);
    const deps = { incoming: (pdu: Pdu) => handler.handle(pdu), log: this.deps.log, random: this.deps.random };
    if (this.config.bindMode === 'transceiver') {
      this.transmitter = new Bind('transceiver', this.config, deps);
      return this.transmitter.start();
    }
    this.transmitter = new Bind('transmitter', this.config, deps);
    this.receiver = new Bind('receiver', this.config, deps);
    await Promise.all([this.transmitter.start(), this.receiver.start()]);
  }

  async submit(sms: OutboundSms): Promise<SubmitOutcome> {
    if (this.closing) return retry('CLOSING', 'route is closing', 'held');
    if (!this.ready()) return retry('NOT_BOUND', 'not bound to the SMSC', 'held');
    let parts: SubmitPart[];
    try {
      const { concatenation, maxLength } = this.config;
      const ref = concatenation === 'udh8' ? concatReference(sms.ref) : concatReference16(sms.ref);
      parts = submitParts(sms.text, { concatenation, ref, maxLength });
    } catch (error) {
      if (!(error instanceof TodokuError)) throw error;
      return { kind: 'failed', code: error.code, reason: `${error.message} / ${error.ja}` };
    }
    if (!(await this.slots.acquire())) return retry('CLOSING', 'route is closing', 'held');
    try {
      const deadline = Date.now() + this.config.throttleWaitMs;
      const ids: string[] = [];
      for (const [i, part] of parts.entries()) {
        const outcome = await this.submitPart(sms, part, deadline);
        if (outcome.kind !== 'accepted') {
          if (parts.length === 1) return outcome;
          const reason = `part ${i + 1}/${parts.length}: ${outcome.reason}`;
          // The answer to a part was lost and the parts after it were never sent: the recipient cannot
          // have the whole text, so this is a plain retry (the same concatenation reference lets the
          // handset complete it), not a message whose fate is merely unknown.
          if (i < parts.length - 1 && outcome.kind === 'retry' && outcome.answerLost) return retry('PARTS_INCOMPLETE', reason, 'held');
          return { ...outcome, reason };
        }
        ids.push(outcome.smscId);
      }
      const [first = ''] = ids;
      return ids.length > 1 ? { kind: 'accepted', smscId: first, partIds: ids } : { kind: 'accepted', smscId: first };
    } finally {
      this.slots.release();
    }
  }

  /** Stops taking submits, lets outstanding ones be answered (bounded by drainTimeoutMs), unbinds. */
  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.slots.close();
    this.pacer.close();
    const deadline = Date.now() + this.config.drainTimeoutMs;
    while (this.outstanding > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const unbindMs = Math.max(100, Math.min(1_000, deadline - Date.now()));
    await Promise.all([this.transmitter?.stop(unbindMs), this.receiver?.stop(unbindMs)]);
  }

  /** One PDU, sent again (slower) while the SMSC says slow down and time remains. */
  private async submitPart(sms: OutboundSms, part: SubmitPart, deadline: number): Promise<PartOutcome> {
    const fields = this.submitFields(sms, part);
    let refusedWith: number | null = null;
    for (let refusals = 0; ; refusals += 1) {
      if (refusals > 0) {
        // The same PDU again: first a short, growing pause of its own, then a slot at the route's pace.
        const pause = Math.min(RESEND_PAUSE_MAX_MS, RESEND_PAUSE_MS * 2 ** (refusals - 1), deadline - Date.now());
        if (pause > 0 && (await this.pacer.sleep(pause)) === 'closed') return retry('CLOSING', 'route is closing', 'held');
      }
      const pace = this.pacer.take(deadline - Date.now());
      if (pace === 'too-long') return this.stillSlowedDown(refusedWith);
      if (pace !== 'now' && (await pace) === 'closed') return retry('CLOSING', 'route is closing', 'held');
      const connection = this.transmitter?.connection;
      if (!connection) return retry('NOT_BOUND', 'not bound to the SMSC', 'held');
      this.outstanding += 1;
      const answer = await connection.request('submit_sm', fields);
      this.outstanding -= 1;
      // Never written: a plain retry, as safe as one that was refused (nothing can reach the handset twice).
      if (answer.kind === 'unsent') return retry('NOT_SENT', 'the connection to the SMSC had ended before the submit was written', 'held');
      if (answer.kind === 'lost') return retry('CONNECTION_LOST', 'connection to the SMSC lost before its answer', 'answerLost');
      if (answer.kind === 'timeout') return retry('TIMEOUT', `no submit_sm_resp within ${this.config.responseTimeoutMs} ms`, 'answerLost');
      const { command_status: status, message_id: id } = answer.pdu;
      const slowDown = slowsDown(status);
      this.pacer.answered(slowDown);
      if (status === 0) return { kind: 'accepted', smscId: idFromSubmit(id ?? '', this.config.smscIdFormat) };
      if (!slowDown) return outcomeForStatus(status);
      refusedWith = status;
      if (this.closing || Date.now() >= deadline) return this.stillSlowedDown(status);
    }
  }

  /** Handed back as a retry: refused for throttling until the time ran out, or never given a send slot. */
  private stillSlowedDown(status: number | null): Refusal {
    const waited = `${this.config.throttleWaitMs} ms`;
    if (status === null) return retry('ESME_RTHROTTLED', `sending is paced after the SMSC throttled; no send slot within ${waited} / 送信レート制限中`, 'throttled');
    const outcome = outcomeForStatus(status);
    return { ...outcome, reason: `${outcome.reason}; still refused after ${waited}` };
  }

  /** The source address fields of the last sender: one route sends from one sender, almost always. */
  private source: { sender: string; ton: number; npi: number; addr: string } | null = null;
  /** validity_period, the same for every submit of this route. */
  private readonly validity: string;

  private sourceOf(sender: string): { ton: number; npi: number; addr: string } {
    if (this.source?.sender !== sender) {
      const { ton, npi } = sourceAddressType(sender, this.config);
      this.source = { sender, ton, npi, addr: smppAddress(sender, ton, this.config.countryCode) };
    }
    return this.source;
  }

  private submitFields(sms: OutboundSms, part: SubmitPart): PduFields {
    const source = this.sourceOf(this.config.sender ?? sms.from);
    const fields: PduFields = {
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: source.addr,
      dest_addr_ton: this.config.destTon,
      dest_addr_npi: this.config.destNpi,
      destination_addr: smppAddress(sms.to, this.config.destTon, this.config.countryCode),
      esm_class: part.esmClass,
      registered_delivery: 1,
      // Relative, so the carrier's clock and zone don't matter: past it, the carrier stops trying and our
      // upkeep stops waiting for the receipt (src/routes/delivery-window.ts).
      validity_period: this.validity,
      data_coding: part.dataCoding,
      short_message: part.shortMessage,
    };
    if (part.messagePayload) fields.message_payload = part.messagePayload;
    if (part.sar) {
      fields.sar_msg_ref_num = part.sar.ref;
      fields.sar_total_segments = part.sar.total;
      fields.sar_segment_seqnum = part.sar.seq;
    }
    // user_message_reference holds 16 bits: only a small numeric ref fits; otherwise it is left out.
    if (/^\d{1,5}$/.test(sms.ref) && Number(sms.ref) <= 0xffff) fields.user_message_reference = Number(sms.ref);
    return fields;
  }
}
