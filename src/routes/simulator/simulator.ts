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
import { destinationOf, Intake, type ReceivedSms } from './intake.ts';
import { MessageIds } from './message-ids.ts';
import { fixedOptions, initialSettings, type FixedOptions, type SimulatorOptions } from './options.ts';
import { Outbox, type OutboundJob } from './outbox.ts';
import { Deliveries, type SentReply } from './deliveries.ts';
import { receiptFields } from './receipt-pdu.ts';
import { replyFields } from './reply.ts';
import { SimSession, type BindMode, type PduFor } from './session.ts';
import { Timers } from './timers.ts';
import { defaultSettings, pickWeighted, simulatorSettingsPatchSchema, type SimulatorSettings, type SimulatorSettingsPatch } from './settings.ts';
import { SubmitLog, type SubmitRecord } from './submit-log.ts';

export type { ReceivedSms } from './intake.ts';
export type { SubmitRecord } from './submit-log.ts';

const STATUS = { RINVCMDID: 0x03, RINVBNDSTS: 0x04, RALYBND: 0x05, RSYSERR: 0x08, RBINDFAIL: 0x0d, RTHROTTLED: 0x58 } as const;
const BINDS: ReadonlyArray<readonly [string, BindMode]> = [
  ['bind_transmitter', 'transmitter'],
  ['bind_receiver', 'receiver'],
  ['bind_transceiver', 'transceiver'],
];
const HANDLED = new Set(['bind_transmitter', 'bind_receiver', 'bind_transceiver', 'submit_sm', 'enquire_link', 'unbind']);

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

export type { SentReply } from './deliveries.ts';

export class SmscSimulator {
  private readonly fixed: FixedOptions;
  private current: SimulatorSettings;
  private readonly ids: MessageIds;
  private readonly intake: Intake;
  private readonly outbox: Outbox;
  private readonly acceptedRate: RateMeter;
  private readonly submitLog: SubmitLog;
  private readonly sessions = new Set<SimSession>();
  private readonly timers = new Timers();
  private readonly deliveries: Deliveries;
  private server: Server | null = null;
  private log: ReceivedSms[] = [];
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
    const { random, now } = this.fixed;
    this.deliveries = new Deliveries({ outbox: this.outbox, timers: this.timers, settings: () => this.current, random, now });
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
    return this.deliveries.replies.slice();
  }

  clear(): void {
    this.log = [];
    this.deliveries.replies = [];
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
      replies: this.deliveries.replies.length,
    };
  }

  /** Drops every connection and stops listening. Owed receipts are lost with it. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.outbox.stop();
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
    if (accepted) this.log.push(accepted.sms);
    const receiptsAnswered = accepted ? this.deliveries.schedule(accepted) : null;
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
      // The settings schema admits only names from the status table.
      return statusByName(pickWeighted(refuseStatuses, this.fixed.random())) ?? STATUS.RSYSERR;
    }
    return 0;
  }

  /** Writes the submit's answer after the latency, and after the receipts are answered when asked to. */
  private answer(sim: SimSession, record: SubmitRecord, response: Pdu, after: Promise<boolean> | null): void {
    const { submitLatencyMs, submitLatencyJitterMs } = this.current;
    const delay = submitLatencyMs + (submitLatencyJitterMs > 0 ? Math.round(this.fixed.random() * submitLatencyJitterMs) : 0);
    // No closures made per submit when none is needed: at full speed every submit comes through here.
    if (!after) return this.answerAfter(delay, sim, record, response);
    void after.then((first) => {
      record.receiptFirst = first;
      this.answerAfter(delay, sim, record, response);
    });
  }

  private answerAfter(delay: number, sim: SimSession, record: SubmitRecord, response: Pdu): void {
    if (delay <= 0) this.sendAnswer(sim, record, response);
    else this.timers.after(delay, () => this.sendAnswer(sim, record, response));
  }

  private sendAnswer(sim: SimSession, record: SubmitRecord, response: Pdu): void {
    this.outstanding -= 1;
    if (sim.dropping) return;
    batchWrites(sim.session);
    record.answered = sim.session.send(response);
  }

  private readonly pduFor: PduFor = (job: OutboundJob) => {
    if (job.kind === 'reply') return { command: 'deliver_sm', fields: replyFields(job) };
    return { command: this.current.receiptsAs, fields: receiptFields(job, this.current.receiptsAs) };
  };
}
