// The simulator's fixed settings (where it listens, whom it binds, its windows), with their defaults
// in one place. What can change while it runs lives in settings.ts; the constructor takes both, so
// `new SmscSimulator({ port: 0, receiptDelayMs: 20, refuseRate: 0.1 })` sets the starting knobs too.
import type { SimulatorSettingsPatch } from './settings.ts';

export interface SimulatorOptions extends SimulatorSettingsPatch {
  /** TCP port; 0 picks a free one (read it back from SmscSimulator.port). */
  port: number;
  host?: string;
  /** Wait before offering again a receipt or reply that the client refused (status ≠ 0). */
  receiptRetryMs?: number;
  /** Most deliver_sm / data_sm PDUs outstanding per session. */
  deliverWindow?: number;
  /** Accepted credentials, system_id → password; unset accepts any. */
  accounts?: Readonly<Record<string, string>>;
  /** Incomplete concatenated messages are dropped after this long. */
  partsMaxAgeMs?: number;
  /** Most submit attempts kept in the submit log (oldest dropped first). */
  submitLogMax?: number;
  now?: () => Date;
  random?: () => number;
}

export interface FixedOptions {
  port: number;
  host: string;
  receiptRetryMs: number;
  deliverWindow: number;
  accounts: Readonly<Record<string, string>> | undefined;
  partsMaxAgeMs: number;
  submitLogMax: number;
  now: () => Date;
  random: () => number;
}

export function fixedOptions(options: SimulatorOptions): FixedOptions {
  return {
    port: options.port,
    host: options.host ?? '127.0.0.1',
    receiptRetryMs: options.receiptRetryMs ?? 1_000,
    deliverWindow: options.deliverWindow ?? 10,
    accounts: options.accounts,
    partsMaxAgeMs: options.partsMaxAgeMs ?? 10 * 60_000,
    submitLogMax: options.submitLogMax ?? 1_000_000,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
  };
}

/** The knobs among the constructor's options (undefined ones left out). */
export function initialSettings(options: SimulatorOptions): SimulatorSettingsPatch {
  const fixed = new Set(['port', 'host', 'receiptRetryMs', 'deliverWindow', 'accounts', 'partsMaxAgeMs', 'submitLogMax', 'now', 'random']);
  return Object.fromEntries(Object.entries(options).filter(([key, value]) => !fixed.has(key) && value !== undefined)) as SimulatorSettingsPatch;
}
