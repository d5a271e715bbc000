// SMPP benchmark: the route alone against the SMSC simulator in this process, over real TCP on
// 127.0.0.1, no database. Submits per second through one transceiver bind at windows 1, 10 and 100
// (each for a few seconds, every submit answered at once), then delivery receipts processed per
// second: receipts piled up at the SMSC while the route held them, then let go.
// Usage: node --import tsx bench/smpp.ts [seconds per measurement]   (prints one JSON line)
import { SmppRoute } from '../src/routes/smpp/client.ts';
import { SmscSimulator } from '../src/routes/simulator/simulator.ts';
import type { RouteEvents } from '../src/routes/route.ts';
import { peakRssMb } from './machine.ts';

const seconds = Number(process.argv[2] ?? 3);
const TEXT = '山田様、授業料のお支払い期限は5月31日です。詳しくはこちら https://t.example/abc';
const ignore: RouteEvents = { receipt: async () => {}, inbound: async () => {} };

function routeTo(port: number, window: number): SmppRoute {
  return new SmppRoute({ name: 'bench', host: '127.0.0.1', port, systemId: 'bench', password: 'bench', sender: 'TODOKU', window });
}

/** Keeps the window full for `ms`; returns accepted submits per second. */
async function submitFor(route: SmppRoute, ms: number): Promise<number> {
  let accepted = 0;
  let n = 0;
  const started = performance.now();
  const end = started + ms;
  const worker = async () => {
    while (performance.now() < end) {
      const i = n++;
      const outcome = await route.submit({ ref: String(i), to: `+8190${String(10_000_000 + (i % 1_000_000))}`, from: 'TODOKU', text: TEXT });
      if (outcome.kind === 'accepted') accepted += 1;
    }
  };
  await Promise.all(Array.from({ length: route.window * 2 }, worker));
  return accepted / ((performance.now() - started) / 1000);
}

// Receipts would compete with the submits being measured: they are held back for an hour.
const simulator = new SmscSimulator({ port: 0, receiptDelayMs: 3_600_000, deliverWindow: 100 });
await simulator.start();
const submitsPerSecond: Record<string, number> = {};
for (const window of [1, 10, 100]) {
  const route = routeTo(simulator.port, window);
  await route.start(ignore);
  submitsPerSecond[window] = await submitFor(route, seconds * 1000);
  await route.close();
}
await simulator.stop();

// Receipts: the route stores nothing until let go, so they pile up at the SMSC (store and forward).
const receiptsSim = new SmscSimulator({ port: 0, receiptDelayMs: 0, deliverWindow: 100 });
await receiptsSim.start();
let letGo: () => void = () => {};
const gate = new Promise<void>((resolve) => (letGo = resolve));
let processed = 0;
const route = routeTo(receiptsSim.port, 100);
await route.start({
  receipt: async () => {
    await gate;
    processed += 1;
  },
  inbound: async () => {},
});
await submitFor(route, Math.min(2_000, seconds * 1000));
const piled = receiptsSim.stats().receiptsOwed;
const started = performance.now();
letGo();
const deadline = started + seconds * 1000;
while (processed < piled && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
const receiptsPerSecond = processed / ((performance.now() - started) / 1000);
await route.close();
await receiptsSim.stop();

console.log(JSON.stringify({ seconds, submitsPerSecond, receiptsPerSecond, receiptsPiled: piled, receiptsProcessed: processed, peakRssMb: peakRssMb() }));
