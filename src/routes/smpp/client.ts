// The SMPP route: one transceiver bind to a carrier's SMSC, fulfilling the Route interface. Submits
// wait for a window slot; a lost connection turns outstanding submits into retries and is rebuilt
// with capped exponential backoff; receipts and replies arrive through DeliverSmHandler.
//
// Long texts go as concatenated parts, one after another on the same window slot, stopping at the
// first part that is refused. The accepted smscId of a multipart message is its FIRST part's id:
// receipts for the other parts carry ids the dispatcher does not know and are simply not matched
// (events.receipt must resolve for unknown ids, or the SMSC will keep re-delivering them).
import type { Logger } from '../../log.ts';
import type { OutboundSms, Route, RouteEvents, SubmitOutcome } from '../route.ts';
import { reconnectDelay } from './backoff.ts';
import { smppRouteConfigSchema, sourceAddressType, type SmppRouteConfig, type SmppRouteOptions } from './config.ts';
import { Connection } from './connection.ts';
import { DeliverSmHandler } from './deliver-sm.ts';
import { idFromSubmit } from './smsc-id.ts';
import { outcomeForStatus } from './status.ts';
import { concatReference, submitParts, type SubmitPart } from './submit-parts.ts';
import { Window } from './window.ts';
import type { PduFields } from './wire.ts';

export interface SmppRouteDeps {
  log?: Logger;
  now?: () => Date;
  random?: () => number;
}

type Refusal = Exclude<SubmitOutcome, { kind: 'accepted' }>;

const retry = (code: string, reason: string): Refusal => ({ kind: 'retry', code, reason });

export class SmppRoute implements Route {
  readonly name: string;
  readonly window: number;
  private readonly config: SmppRouteConfig;
  private readonly slots: Window;
  private connection: Connection | null = null;
  private deliverSm: DeliverSmHandler | null = null;
  private outstanding = 0;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private closed: Promise<void> | undefined;
  private started: { resolve(): void; reject(error: Error): void } | null = null;

  constructor(
    options: SmppRouteOptions,
    private readonly deps: SmppRouteDeps = {},
  ) {
    this.config = smppRouteConfigSchema.parse(options);
    this.name = this.config.name;
    this.window = this.config.window;
    this.slots = new Window(this.config.window);
  }

  inflight(): number {
    return this.outstanding;
  }

  ready(): boolean {
    return this.connection !== null && !this.closing;
  }

  /** Resolves once bound for the first time; until then it keeps trying, with backoff. */
  start(events: RouteEvents): Promise<void> {
    if (this.deliverSm) return Promise.reject(new Error(`route ${this.name} already started`));
    const receipts = { idFormat: this.config.smscIdFormat, utcOffsetMinutes: this.config.receiptUtcOffsetMinutes };
    this.deliverSm = new DeliverSmHandler(events, receipts, this.deps.now ?? (() => new Date()), this.deps.log);
    return new Promise((resolve, reject) => {
      this.started = { resolve, reject };
      this.connect();
    });
  }

  async submit(sms: OutboundSms): Promise<SubmitOutcome> {
    if (this.closing) return retry('CLOSING', 'route is closing');
    if (!this.connection) return retry('NOT_BOUND', 'not bound to the SMSC');
    let parts: SubmitPart[];
    try {
      parts = submitParts(sms.text, concatReference(sms.ref));
    } catch (error) {
      return { kind: 'failed', code: 'TODOKU_E_TEXT_TOO_LONG', reason: (error as Error).message };
    }
    if (!(await this.slots.acquire())) return retry('CLOSING', 'route is closing');
    try {
      let firstId: string | undefined;
      for (const [i, part] of parts.entries()) {
        const outcome = await this.submitPart(sms, part);
        if (outcome.kind !== 'accepted') {
          return parts.length === 1 ? outcome : { ...outcome, reason: `part ${i + 1}/${parts.length}: ${outcome.reason}` };
        }
        firstId ??= outcome.smscId;
      }
      return { kind: 'accepted', smscId: firstId ?? '' };
    } finally {
      this.slots.release();
    }
  }

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.slots.close();
    clearTimeout(this.reconnectTimer);
    this.started?.reject(new Error(`route ${this.name} closed before it could bind`));
    this.started = null;
    const deadline = Date.now() + this.config.drainTimeoutMs;
    while (this.outstanding > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const connection = this.connection;
    this.connection = null;
    await connection?.unbind(Math.max(100, Math.min(1_000, deadline - Date.now())));
  }

  private async submitPart(sms: OutboundSms, part: SubmitPart): Promise<SubmitOutcome> {
    const connection = this.connection;
    if (!connection) return retry('NOT_BOUND', 'not bound to the SMSC');
    this.outstanding += 1;
    const answer = await connection.request('submit_sm', this.submitFields(sms, part));
    this.outstanding -= 1;
    if (answer.kind === 'lost') return retry('CONNECTION_LOST', 'connection to the SMSC lost before its answer');
    if (answer.kind === 'timeout') return retry('TIMEOUT', `no submit_sm_resp within ${this.config.responseTimeoutMs} ms`);
    const { command_status: status, message_id: id } = answer.pdu;
    if (status !== 0) return outcomeForStatus(status);
    return { kind: 'accepted', smscId: idFromSubmit(id ?? '', this.config.smscIdFormat) };
  }

  private submitFields(sms: OutboundSms, part: SubmitPart): PduFields {
    const sender = this.config.sender ?? sms.from;
    const source = sourceAddressType(sender, this.config);
    const fields: PduFields = {
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: sender.replace(/^\+/, ''),
      dest_addr_ton: this.config.destTon,
      dest_addr_npi: this.config.destNpi,
      destination_addr: sms.to.replace(/^\+/, ''),
      esm_class: part.esmClass,
      registered_delivery: 1,
      data_coding: part.dataCoding,
      short_message: part.shortMessage,
    };
    // user_message_reference holds 16 bits: only a small numeric ref fits; otherwise it is left out.
    if (/^\d{1,5}$/.test(sms.ref) && Number(sms.ref) <= 0xffff) fields.user_message_reference = Number(sms.ref);
    return fields;
  }

  private connect(): void {
    const handler = this.deliverSm;
    if (!handler || this.closing) return;
    Connection.open(this.config, {
      deliverSm: (pdu) => handler.handle(pdu),
      closed: (reason) => this.lost(reason),
    }).then(
      (connection) => {
        if (this.closing) return void connection.unbind(1_000);
        this.connection = connection;
        this.attempt = 0;
        this.deps.log?.info({ route: this.name }, 'smpp: bound');
        this.started?.resolve();
        this.started = null;
      },
      (error: Error) => {
        this.deps.log?.warn({ route: this.name, reason: error.message }, 'smpp: bind failed');
        this.reconnectLater();
      },
    );
  }

  private lost(reason: string): void {
    this.connection = null;
    if (this.closing) return;
    this.deps.log?.warn({ route: this.name, reason }, 'smpp: connection lost');
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.closing) return;
    const delay = reconnectDelay(this.attempt, { minMs: this.config.reconnectMinMs, maxMs: this.config.reconnectMaxMs }, this.deps.random);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
