// One bind kept up: connect and bind (as transceiver, transmitter or receiver), and after a refused
// bind or a lost connection bind again after a capped exponential backoff with jitter, until stopped.
// A route holds one (transceiver) or two (transmitter + receiver) of these.
import type { Logger } from '../../log.ts';
import { reconnectDelay } from './backoff.ts';
import type { SmppRouteConfig } from './config.ts';
import { Connection, type BindAs } from './connection.ts';
import type { Pdu } from './wire.ts';

export interface BindDeps {
  incoming(pdu: Pdu): Promise<number>;
  log?: Logger | undefined;
  random?: (() => number) | undefined;
}

export class Bind {
  /** The bound connection, or null while (re)connecting or once stopped. */
  connection: Connection | null = null;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private first: { resolve(): void; reject(error: Error): void } | null = null;

  constructor(
    readonly as: BindAs,
    private readonly config: SmppRouteConfig,
    private readonly deps: BindDeps,
  ) {}

  /** Resolves once bound for the first time; until then it keeps trying. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.first = { resolve, reject };
      this.connect();
    });
  }

  /** No more reconnects; unbinds politely within timeoutMs. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.first?.reject(new Error(`${this.config.name}: closed before the ${this.as} bind succeeded`));
    this.first = null;
    const connection = this.connection;
    this.connection = null;
    await connection?.unbind(timeoutMs);
  }

  private connect(): void {
    if (this.stopped) return;
    const log = { route: this.config.name, bind: this.as };
    Connection.open(this.config, this.as, { incoming: this.deps.incoming, closed: (reason) => this.lost(reason) }).then(
      (connection) => {
        if (this.stopped) return void connection.unbind(1_000);
        this.connection = connection;
        this.attempt = 0;
        this.deps.log?.info(log, 'smpp: bound');
        this.first?.resolve();
        this.first = null;
      },
      (error: Error) => {
        this.deps.log?.warn({ ...log, reason: error.message }, 'smpp: bind failed');
        this.later();
      },
    );
  }

  private lost(reason: string): void {
    this.connection = null;
    if (this.stopped) return;
    this.deps.log?.warn({ route: this.config.name, bind: this.as, reason }, 'smpp: connection lost');
    this.later();
  }

  private later(): void {
    if (this.stopped) return;
    const delay = reconnectDelay(this.attempt, { minMs: this.config.reconnectMinMs, maxMs: this.config.reconnectMaxMs }, this.deps.random);
    this.attempt += 1;
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
