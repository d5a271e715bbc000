// The built-in SMSC simulator: a real SMPP 3.4 server on a TCP port, so that Todoku (and its tests)
// run end to end offline, and a carrier's bad days can be staged on purpose. It binds any client (or
// the configured accounts), answers submit_sm with 10-hex-digit ids, reassembles and decodes what it
// receives, and sends receipts (deliver_sm or data_sm) and replies store-and-forward to a receiver or
// transceiver of the same system_id.
//
// Its knobs (settings.ts) change at runtime through configure(): latency, refusals and their statuses,
// throttling above a rate, receipt delay and outcome mix, receipts before the submit's answer,
// dropped connections, replies. Every submit attempt is kept in a log (submits()).
import type { AddressInfo } from 'node:net';
import { RateMeter } from '../smpp/rate-meter.ts';
import { statusByName } from '../smpp/status.ts';
import { batchWrites, smpp, type Pdu, type Server, type Session } from '../smpp/wire.ts';
import { destinationOf, Intake, type Accepted, type ReceivedSms } from './intake.ts';
import { MessageIds } from './message-ids.ts';
import { fixedOptions, initialSettings, type FixedOptions, type SimulatorOptions } from './options.ts';
import { Outbox, type OutboundJob } from './outbox.ts';
import { excerpt, receiptFields, type ReceiptJob } from './receipt-pdu.ts';
import { replyFields, replyJobs, takeReply } from './reply.ts';
import { SimSession, type BindMode, type PduFor } from './session.ts';
import { defaultSettings, pickWeighted, simulatorSettingsPatchSchema, type SimulatorSettings, type SimulatorSettingsPatch } from './settings.ts';
import { SubmitLog, type SubmitRecord } from './submit-log.ts';

export type { ReceivedSms } from './intake.ts';
export type { SubmitRecord } from './submit-log.ts';

const STATUS = { RINVCMDID: 0x03, RINVBNDSTS: 0x04, RALYBND: 0x05, RBINDFAIL: 0x0d, RTHROTTLED: 0x58 } as const;
const BINDS: ReadonlyArray<readonly [string, BindMode]> = [
  ['bind_transmitter', 'transmitter'],
  ['bind_receiver', 'receiver'],
  ['bind_transceiver', 'transceiver'],
];
const HANDLED = new Set(['bind_transmitter', 'bind_receiver', 'bind_transceiver', 'submit_sm', 'enquire_link', 'unbind']);
/** receiptBeforeResponse: the submit is answered anyway if the receipt is not answered within this. */
const RECEIPT_FIRST_MAX_WAIT_MS = 5_000;

export interface SimulatorStats {
  submits: number;
  refused: number;
  throttled: number;
  /** Connections dropped by disconnectRate or dropConnections(). */
  drops: number;
  /** The most submit_sm received and not yet answered at one time, over all sessions. */
  maxOutstanding: number;
  receiptsOwed: number;
  receiptsAcknowledged: number;
  replies: number;
}

/** A reply the simulator sent on a recipient's behalf. */
export interface SentReply {
  from: string;
  to: string;
  text: string;
  at: Date;
}

export class SmscSimulator {
  private readonly fixed: FixedOptions;
  private current: SimulatorSettings;
  private readonly ids: MessageIds;
  private readonly intake: Intake;
  private readonly outbox: Outbox;
  private readonly acceptedRate: RateMeter;
  private readonly submitLog: SubmitLog;
  private readonly sessions = new Set<SimSession>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private log: ReceivedSms[] = [];
  private sentReplies: SentReply[] = [];
  private counts = { submits: 0, refused: 0, throttled: 0, drops: 0 };
  private outstanding = 0;
  private maxOutstanding = 0;

  constructor(options: SimulatorOptions) {
    this.fixed = fixedOptions(options);
    this.current = { ...defaultSettings(), ...simulatorSettingsPatchSchema.parse(initialSettings(options)) };
    this.ids = new MessageIds(this.fixed.random);
    this.intake = new Intake(this.fixed.now, this.fixed.partsMaxAgeMs);
    this.outbox = new Outbox(this.fixed.receiptRetryMs);
    this.acceptedRate = new RateMeter(() => this.fixed.now().getTime());
    this.submitLog = new SubmitLog(this.fixed.submitLogMax);
  }

  /** The port it listens on (the real one when started with port 0). */
  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : this.fixed.port;
  }

  start(): Promise<void> {
    if (this.server) return Promise.reject(new Error('simulator already started'));
    const server = smpp.createServer((session) => this.welcome(session));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.fixed.port, this.fixed.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  /** The knobs as they are now (a copy). */
  settings(): SimulatorSettings {
    return structuredClone(this.current);
  }

  /** Changes some knobs, at once, for every session; throws (a ZodError) on a bad value. */
  configure(patch: SimulatorSettingsPatch): SimulatorSettings {
    this.current = { ...this.current, ...simulatorSettingsPatchSchema.parse(patch) };
    return this.settings();
  }

  /** Messages received (concatenated ones once, when complete), oldest first. */
  received(): ReceivedSms[] {
    return this.log.slice();
  }

  /** Every submit_sm taken, accepted or refused, oldest first. */
  submits(): SubmitRecord[] {
    return this.submitLog.all();
  }

  replies(): SentReply[] {
    return this.sentReplies.slice();
  }

  clear(): void {
    this.log = [];
    this.sentReplies = [];
    this.submitLog.clear();
    this.counts = { submits: 0, refused: 0, throttled: 0, drops: 0 };
    this.maxOutstanding = this.outstanding;
  }

  stats(): SimulatorStats {
    return {
      ...this.counts,
      maxOutstanding: this.maxOutstanding,
      receiptsOwed: this.outbox.owed(),
      receiptsAcknowledged: this.outbox.acknowledged(),
      replies: this.sentReplies.length,
    };
  }

  /** Drops every connection and stops listening. Owed receipts are lost with it. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.outbox.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of [...server.sessions]) session.destroy();
    await closed;
  }

  /** Drops every connection without unbinding, as a crashed SMSC or a broken network would; answers how many. */
  dropConnections(): number {
    const sessions = [...this.sessions].filter((sim) => !sim.dropping);
    for (const sim of sessions) this.drop(sim);
    return sessions.length;
  }

  private drop(sim: SimSession): void {
    if (sim.dropping) return;
    this.counts.drops += 1;
    sim.drop();
  }

  private welcome(session: Session): void {
    const sim = new SimSession(session, this.fixed.deliverWindow, this.pduFor);
    this.sessions.add(sim);
    session.socket.setNoDelay(true);
    session.on('error', () => session.destroy());
    session.on('close', () => {
      this.sessions.delete(sim);
      this.outbox.detach(sim);
      sim.lose();
    });
    for (const [command, mode] of BINDS) session.on(command, (pdu: Pdu) => this.bind(sim, pdu, mode));
    session.on('submit_sm', (pdu: Pdu) => this.submit(sim, pdu));
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('pdu', (pdu: Pdu) => {
      if (pdu.isResponse() || HANDLED.has(pdu.command)) return;
      session.send(new smpp.PDU('generic_nack', { sequence_number: pdu.sequence_number, command_status: STATUS.RINVCMDID }));
    });
  }

  private bind(sim: SimSession, pdu: Pdu, mode: BindMode): void {
    const systemId = pdu.system_id ?? '';
    if (sim.mode) return void sim.session.send(pdu.response({ command_status: STATUS.RALYBND }));
    const { accounts } = this.fixed;
    if (accounts && accounts[systemId] !== pdu.password) {
      sim.session.send(pdu.response({ command_status: STATUS.RBINDFAIL }));
      return sim.session.close();
    }
    sim.systemId = systemId;
    sim.mode = mode;
    sim.session.send(pdu.response({ system_id: 'TODOKU-SIM' }));
    if (sim.canReceive()) this.outbox.attach(sim);
  }

  private submit(sim: SimSession, pdu: Pdu): void {
    if (!sim.canSubmit()) return void sim.session.send(pdu.response({ command_status: STATUS.RINVBNDSTS }));
    if (sim.dropping) return;
    const { random } = this.fixed;
    this.counts.submits += 1;
    this.outstanding += 1;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const base = { systemId: sim.systemId, to: destinationOf(pdu), answered: false, at: this.fixed.now() };
    const status = this.verdict();
    if (status !== 0) {
      const record = this.submitLog.add({ ...base, status });
      return this.answer(sim, record, pdu.response({ command_status: status }), null);
    }
    const smscId = this.ids.take();
    this.acceptedRate.add();
    const record = this.submitLog.add({ ...base, status: 0, smscId });
    const accepted = this.intake.accept(sim.systemId, pdu, smscId);
    const receiptsAnswered = accepted ? this.keep(accepted) : null;
    if (this.current.disconnectRate > 0 && random() < this.current.disconnectRate) {
      this.outstanding -= 1;
      return this.drop(sim);
    }
    this.answer(sim, record, pdu.response({ message_id: smscId }), receiptsAnswered);
  }

  /** 0 to accept, or the command_status of a refusal. */
  private verdict(): number {
    const { throttleAbove, refuseRate, refuseStatuses } = this.current;
    if (throttleAbove > 0 && this.acceptedRate.count() >= throttleAbove) {
      this.counts.throttled += 1;
      return STATUS.RTHROTTLED;
    }
    if (refuseRate > 0 && this.fixed.random() < refuseRate) {
      this.counts.refused += 1;
      return statusByName(pickWeighted(refuseStatuses, this.fixed.random())) ?? STATUS.RTHROTTLED;
    }
    return 0;
  }

  /** Writes the submit's answer after the latency, and after the receipts are answered when asked to. */
  private answer(sim: SimSession, record: SubmitRecord, response: Pdu, after: Promise<boolean> | null): void {
    const { submitLatencyMs, submitLatencyJitterMs } = this.current;
    const delay = submitLatencyMs + (submitLatencyJitterMs > 0 ? Math.round(this.fixed.random() * submitLatencyJitterMs) : 0);
    const send = () => {
      this.outstanding -= 1;
      if (sim.dropping) return;
      batchWrites(sim.session);
      record.answered = sim.session.send(response);
    };
    const schedule = () => void (delay <= 0 ? send() : this.after(delay, send));
    if (!after) return schedule();
    void after.then((first) => {
      record.receiptFirst = first;
      schedule();
    });
  }

  /**
   * Records a complete message, picks its receipts' outcome, and schedules its receipts (one per part)
   * and any reply. With receiptBeforeResponse, resolves once every receipt is answered (true) or the
   * wait ran out (false).
   */
  private keep({ sms, sender, recipient, wantsReceipt }: Accepted): Promise<boolean> | null {
    const s = this.current;
    this.log.push(sms);
    if (!wantsReceipt) return null;
    const stat = pickWeighted(s.outcomes, this.fixed.random());
    sms.outcome = stat;
    const first = s.receiptBeforeResponse;
    const answered: Promise<void>[] = [];
    const delay = () => (first ? 0 : s.receiptDelayMs + (s.receiptDelayJitterMs > 0 ? Math.round(this.fixed.random() * s.receiptDelayJitterMs) : 0));
    const lead = delay();
    for (const [i, smscId] of (sms.partIds ?? [sms.smscId]).entries()) {
      const job: ReceiptJob = {
        kind: 'receipt',
        smscId,
        sender,
        recipient,
        submittedAt: sms.receivedAt,
        doneAt: sms.receivedAt,
        excerpt: excerpt(sms.text),
        userMessageReference: sms.userMessageReference,
        stat,
        err: s.errorCodes[stat] ?? '000',
      };
      if (first) answered.push(new Promise<void>((resolve) => (job.settled = resolve)));
      this.outbox.later(sms.systemId, job, lead, (due) => {
        due.doneAt = this.fixed.now();
        if (i === 0 && stat === 'DELIVRD') this.reply(sms, sender, recipient);
      });
    }
    if (!first) return null;
    return new Promise((resolve) => {
      const timer = this.after(RECEIPT_FIRST_MAX_WAIT_MS, () => resolve(false));
      void Promise.all(answered).then(() => {
        clearTimeout(timer);
        this.timers.delete(timer);
        resolve(true);
      });
    });
  }

  /** The recipient answers a delivered message: the next scripted reply, or a canned one at moRate. */
  private reply(sms: ReceivedSms, sender: Accepted['sender'], recipient: Accepted['recipient']): void {
    const text = takeReply(this.current, sms.to, this.fixed.random);
    if (text === null) return;
    this.sentReplies.push({ from: sms.to, to: sms.from, text, at: this.fixed.now() });
    const ref = Math.floor(this.fixed.random() * 256);
    for (const job of replyJobs(text, recipient, sender, ref)) this.outbox.later(sms.systemId, job, this.current.moDelayMs);
  }

  private readonly pduFor: PduFor = (job: OutboundJob) => {
    if (job.kind === 'reply') return { command: 'deliver_sm', fields: replyFields(job) };
    return { command: this.current.receiptsAs, fields: receiptFields(job, this.current.receiptsAs) };
  };

  private after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}
