// The built-in SMSC simulator: a real SMPP 3.4 server on a TCP port, so that Todoku (and its tests)
// run end to end offline. It binds any client (or the configured accounts), answers submit_sm with
// 10-hex-digit ids, decodes and reassembles what it receives, records each message, and after
// receiptDelayMs sends a DELIVRD receipt for each part (when registered_delivery asks for one),
// store-and-forward, to a receiver or transceiver of the same system_id.
import type { AddressInfo } from 'node:net';
import { batchWrites, smpp, type Pdu, type Server, type Session } from '../smpp/wire.ts';
import { Intake, type Accepted, type ReceivedSms } from './intake.ts';
import { MessageIds } from './message-ids.ts';
import { resolveSimulatorOptions, type ResolvedSimulatorOptions, type SimulatorOptions } from './options.ts';
import { ReceiptOutbox } from './receipt-outbox.ts';
import { excerpt } from './receipt-pdu.ts';
import { SimSession, type BindMode } from './session.ts';

export type { ReceivedSms } from './intake.ts';

const STATUS = { RINVCMDID: 0x03, RINVBNDSTS: 0x04, RALYBND: 0x05, RBINDFAIL: 0x0d } as const;
const BINDS: ReadonlyArray<readonly [string, BindMode]> = [
  ['bind_transmitter', 'transmitter'],
  ['bind_receiver', 'receiver'],
  ['bind_transceiver', 'transceiver'],
];
const HANDLED = new Set(['bind_transmitter', 'bind_receiver', 'bind_transceiver', 'submit_sm', 'enquire_link', 'unbind']);

export interface SimulatorStats {
  submits: number;
  /** The most submit_sm received and not yet answered at one time, over all sessions. */
  maxOutstanding: number;
  receiptsOwed: number;
  receiptsAcknowledged: number;
}

export class SmscSimulator {
  private readonly options: ResolvedSimulatorOptions;
  private readonly ids = new MessageIds();
  private readonly intake: Intake;
  private readonly outbox: ReceiptOutbox;
  private readonly answers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private log: ReceivedSms[] = [];
  private submits = 0;
  private outstanding = 0;
  private maxOutstanding = 0;

  constructor(options: SimulatorOptions) {
    this.options = resolveSimulatorOptions(options);
    this.intake = new Intake(this.options.now, this.options.partsMaxAgeMs);
    this.outbox = new ReceiptOutbox(this.options.receiptRetryMs);
  }

  /** The port it listens on (the real one when started with port 0). */
  get port(): number {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : this.options.port;
  }

  start(): Promise<void> {
    if (this.server) return Promise.reject(new Error('simulator already started'));
    const server = smpp.createServer((session) => this.welcome(session));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  received(): ReceivedSms[] {
    return this.log.slice();
  }

  clear(): void {
    this.log = [];
    this.submits = 0;
    this.maxOutstanding = this.outstanding;
  }

  stats(): SimulatorStats {
    return {
      submits: this.submits,
      maxOutstanding: this.maxOutstanding,
      receiptsOwed: this.outbox.owed(),
      receiptsAcknowledged: this.outbox.acknowledged(),
    };
  }

  /** Drops every connection and stops listening. Owed receipts are lost with it. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.outbox.stop();
    for (const timer of this.answers) clearTimeout(timer);
    this.answers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const session of [...server.sessions]) session.destroy();
    await closed;
  }

  /** Drops every connection without unbinding, as a crashed SMSC or a broken network would. */
  dropConnections(): void {
    for (const session of [...(this.server?.sessions ?? [])]) session.destroy();
  }

  private welcome(session: Session): void {
    const sim = new SimSession(session, this.options.deliverWindow);
    session.socket.setNoDelay(true);
    session.on('error', () => session.destroy());
    session.on('close', () => {
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
    const { accounts } = this.options;
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
    const smscId = this.ids.take();
    this.submits += 1;
    this.outstanding += 1;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const accepted = this.intake.accept(sim.systemId, pdu, smscId);
    if (accepted) this.record(accepted);
    this.answer(() => {
      this.outstanding -= 1;
      batchWrites(sim.session);
      sim.session.send(pdu.response({ message_id: smscId }));
    });
  }

  private answer(send: () => void): void {
    const delay = this.options.submitLatencyMs;
    if (delay <= 0) return send();
    const timer = setTimeout(() => {
      this.answers.delete(timer);
      send();
    }, delay);
    this.answers.add(timer);
  }

  private record({ sms, sender, recipient, wantsReceipt }: Accepted): void {
    this.log.push(sms);
    if (!wantsReceipt) return;
    const start = excerpt(sms.text);
    for (const smscId of sms.partIds ?? [sms.smscId]) {
      const job = {
        smscId,
        sender,
        recipient,
        submittedAt: sms.receivedAt,
        doneAt: sms.receivedAt,
        excerpt: start,
        userMessageReference: sms.userMessageReference,
        stat: 'DELIVRD' as const,
        err: '000',
      };
      this.outbox.later(sms.systemId, job, this.options.receiptDelayMs, (due) => (due.doneAt = this.options.now()));
    }
  }
}
