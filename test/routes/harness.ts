// Test harness for routes over real TCP: a simulator on a free port, an SMPP route bound to it, and
// events that record what the route hands to the dispatcher.
import type { TestContext } from 'node:test';
import type { InboundSms, Receipt } from '../../src/core/carrier.ts';
import type { RouteEvents } from '../../src/routes/route.ts';
import { SmppRoute } from '../../src/routes/smpp/client.ts';
import type { SmppRouteOptions } from '../../src/routes/smpp/config.ts';
import { SmscSimulator } from '../../src/routes/simulator/simulator.ts';
import type { SimulatorOptions } from '../../src/routes/simulator/options.ts';

export async function startSimulator(t: TestContext, options: Partial<SimulatorOptions> = {}): Promise<SmscSimulator> {
  const simulator = new SmscSimulator({ port: 0, receiptDelayMs: 20, ...options });
  await simulator.start();
  t.after(() => simulator.stop());
  return simulator;
}

export function routeTo(t: TestContext, port: number, options: Partial<SmppRouteOptions> = {}): SmppRoute {
  const route = new SmppRoute({
    name: 'test',
    host: '127.0.0.1',
    port,
    systemId: 'todoku',
    password: 'secret',
    sender: 'TODOKU',
    reconnectMinMs: 20,
    reconnectMaxMs: 200,
    ...options,
  });
  t.after(() => route.close());
  return route;
}

/** Events that store everything; `failNext` makes the store fail for chosen receipts. */
export class RecordingEvents implements RouteEvents {
  readonly receipts: Receipt[] = [];
  readonly inbounds: InboundSms[] = [];
  readonly attempts = new Map<string, number>();
  failFor = new Set<string>();

  async receipt(r: Receipt): Promise<void> {
    this.attempts.set(r.smscId, (this.attempts.get(r.smscId) ?? 0) + 1);
    if (this.failFor.delete(r.smscId)) throw new Error('database unavailable');
    this.receipts.push(r);
  }

  async inbound(m: InboundSms): Promise<void> {
    this.inbounds.push(m);
  }

  receiptFor(smscId: string): Receipt | undefined {
    return this.receipts.find((r) => r.smscId === smscId);
  }
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sms = (ref: string, text: string, to = '+819012345678') => ({ ref, to, from: 'TODOKU', text });

/** A repeatable random source (mulberry32), so that shares drawn by the simulator are the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts of each value. */
export function tally<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
