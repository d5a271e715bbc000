// The simulator's settings, with their defaults in one place. More knobs (latency spread, refusal and
// throttling rates, receipt outcome mix, dropped connections) will join these; each has a neutral default.

export interface SimulatorOptions {
  /** TCP port; 0 picks a free one (read it back from SmscSimulator.port). */
  port: number;
  host?: string;
  /** Time from accepting a message to sending its delivery receipt. */
  receiptDelayMs?: number;
  /** Time before answering each submit_sm (the SMSC's processing and network latency). */
  submitLatencyMs?: number;
  /** Wait before offering again a receipt that the client refused (deliver_sm_resp status ≠ 0). */
  receiptRetryMs?: number;
  /** Most deliver_sm PDUs outstanding per session. */
  deliverWindow?: number;
  /** Accepted credentials, system_id → password; unset accepts any. */
  accounts?: Readonly<Record<string, string>>;
  /** Incomplete concatenated messages are dropped after this long. */
  partsMaxAgeMs?: number;
  now?: () => Date;
}

export type ResolvedSimulatorOptions = Required<Omit<SimulatorOptions, 'accounts'>> & Pick<SimulatorOptions, 'accounts'>;

export function resolveSimulatorOptions(options: SimulatorOptions): ResolvedSimulatorOptions {
  return {
    host: '127.0.0.1',
    receiptDelayMs: 200,
    submitLatencyMs: 0,
    receiptRetryMs: 1_000,
    deliverWindow: 10,
    partsMaxAgeMs: 10 * 60_000,
    now: () => new Date(),
    ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SimulatorOptions),
  };
}
