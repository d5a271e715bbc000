// One TCP connection to an SMSC, bound as transceiver, transmitter or receiver. It sends requests and
// matches their answers (or their loss, or a timeout), keeps the link alive with enquire_link, answers
// the SMSC's own enquire_link and unbind, hands deliver_sm and data_sm to the route and answers them
// with the status it resolves, and reports its end exactly once. The route opens a new one per reconnect.
import type { SmppRouteConfig } from './config.ts';
import { batchWrites, INTERFACE_VERSION_34, smpp, type Pdu, type PduFields, type Session } from './wire.ts';

/**
 * `unsent`: the request never reached the socket (the connection had already ended), so the SMSC cannot
 * have it; `lost`: it was written and the connection ended before its answer, so the SMSC may have it.
 */
export type Answer = { kind: 'response'; pdu: Pdu } | { kind: 'unsent' } | { kind: 'lost' } | { kind: 'timeout' };

export type BindAs = 'transceiver' | 'transmitter' | 'receiver';

export interface ConnectionHandlers {
  /** Handles a deliver_sm or data_sm (receipt or reply); resolves the command_status to answer it with. */
  incoming(pdu: Pdu): Promise<number>;
  /** The bound connection is gone (not called when open() fails). */
  closed(reason: string): void;
}

/** Asks the SMSC to deliver the PDU again later. */
export const ESME_RX_T_APPN = 0x64;

const ESME_RINVCMDID = 0x03;
const ANSWERED = new Set(['deliver_sm', 'data_sm', 'enquire_link', 'unbind', 'alert_notification']);

type Timing = Pick<SmppRouteConfig, 'enquireLinkMs' | 'responseTimeoutMs' | 'bindTimeoutMs'>;
type Target = Pick<SmppRouteConfig, 'host' | 'port' | 'systemId' | 'password' | 'systemType'>;

interface Waiter {
  settle(answer: Answer): void;
  timer: NodeJS.Timeout;
}

export class Connection {
  private readonly waiters = new Map<number, Waiter>();
  private keepAlive: NodeJS.Timeout | undefined;
  private ended = false;

  private constructor(
    private readonly session: Session,
    private readonly timing: Timing,
    private readonly handlers: ConnectionHandlers,
  ) {}

  /** Connects and binds; rejects with the reason when either fails. */
  static open(config: Target & Timing, as: BindAs, handlers: ConnectionHandlers): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const session = smpp.connect({ host: config.host, port: config.port });
      const connection = new Connection(session, config, handlers);
      let bound = false;
      let lastError = 'connection closed';
      const bindTimer = setTimeout(() => {
        lastError = `no bind answer within ${config.bindTimeoutMs} ms`;
        session.destroy();
      }, config.bindTimeoutMs);

      session.on('error', (error: Error) => {
        lastError = error.message;
        session.destroy(); // a PDU the library cannot parse leaves the session stuck otherwise
      });
      session.on('close', () => {
        clearTimeout(bindTimer);
        if (bound) connection.end(lastError);
        else reject(new Error(lastError));
      });
      session.on('connect', () => {
        session.socket.setNoDelay(true);
        const bind = new smpp.PDU(`bind_${as}`, {
          system_id: config.systemId,
          password: config.password,
          system_type: config.systemType,
          interface_version: INTERFACE_VERSION_34,
        });
        session.send(bind, (response) => {
          clearTimeout(bindTimer);
          if (response.command_status !== 0) {
            lastError = `bind refused with status 0x${response.command_status.toString(16)}`;
            session.destroy();
            return;
          }
          bound = true;
          connection.listen();
          resolve(connection);
        });
      });
    });
  }

  /** Sends a request and resolves with its answer; never rejects. */
  request(command: string, fields: PduFields, timeoutMs = this.timing.responseTimeoutMs): Promise<Answer> {
    if (this.ended) return Promise.resolve({ kind: 'unsent' });
    const pdu = new smpp.PDU(command, fields);
    return new Promise((resolve) => {
      batchWrites(this.session);
      const sent = this.session.send(pdu, (response) => this.answer(response.sequence_number, { kind: 'response', pdu: response }));
      if (!sent) return resolve({ kind: 'unsent' });
      const seq = pdu.sequence_number;
      const timer = setTimeout(() => this.answer(seq, { kind: 'timeout' }), timeoutMs);
      this.waiters.set(seq, { settle: resolve, timer });
    });
  }

  /** Unbinds politely (bounded by timeoutMs) and closes the socket. */
  async unbind(timeoutMs: number): Promise<void> {
    if (this.ended) return;
    const closed = new Promise<void>((resolve) => this.session.socket.once('close', () => resolve()));
    await this.request('unbind', {}, timeoutMs);
    this.session.close();
    const timer = setTimeout(() => this.session.destroy(), timeoutMs);
    await closed;
    clearTimeout(timer);
  }

  destroy(): void {
    this.session.destroy();
  }

  private answer(seq: number, answer: Answer): void {
    const waiter = this.waiters.get(seq);
    if (!waiter) return; // already timed out or lost
    this.waiters.delete(seq);
    clearTimeout(waiter.timer);
    waiter.settle(answer);
  }

  private listen(): void {
    const { session } = this;
    const incoming = (pdu: Pdu) => {
      void this.handlers
        .incoming(pdu)
        .catch(() => ESME_RX_T_APPN)
        .then((status) => {
          batchWrites(session);
          session.send(pdu.response({ command_status: status }));
        });
    };
    session.on('deliver_sm', incoming);
    session.on('data_sm', incoming);
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
    // Anything else the SMSC asks (query_sm, an unknown command) is politely declined;
    // alert_notification takes no answer.
    session.on('pdu', (pdu: Pdu) => {
      if (pdu.isResponse() || ANSWERED.has(pdu.command)) return;
      session.send(new smpp.PDU('generic_nack', { sequence_number: pdu.sequence_number, command_status: ESME_RINVCMDID }));
    });
    this.keepAlive = setInterval(() => void this.enquireLink(), this.timing.enquireLinkMs);
  }

  private async enquireLink(): Promise<void> {
    const answer = await this.request('enquire_link', {});
    if (answer.kind === 'timeout') this.session.destroy();
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.keepAlive);
    for (const seq of [...this.waiters.keys()]) this.answer(seq, { kind: 'lost' });
    this.handlers.closed(reason);
  }
}
