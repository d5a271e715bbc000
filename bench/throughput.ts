// Sending benchmark: one process as `npm start` runs it (SQLite, dispatcher, SMSC simulator over real
// SMPP on 127.0.0.1), a campaign of N messages; prints messages/s submitted and delivered.
// With `ledger=off` the evidence ledger is switched off (TODOKU_EVIDENCE_LEDGER=off), to measure what it
// costs; with it on, the run also waits until every entry has its place in the tree (ledgerSeconds).
// With BENCH_PG_URL set, the same on PostgreSQL (a fresh schema, dropped afterwards); with
// BENCH_CPU_PROFILE=FILE, a CPU profile of the sending phase only (from the send to the last receipt).
// Usage: node --import tsx bench/throughput.ts [N] [window] [ledger=on|off]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { startApp } from '../src/app.ts';
import { dropSchema } from '../src/store/db.ts';
import { peakRssMb } from './machine.ts';
import { pgServerCpuMs } from './pg-cpu.ts';

const count = Number(process.argv[2] ?? 20_000);
const window = process.argv[3] ?? '100';
const ledger = (process.argv[4] ?? 'ledger=on') !== 'ledger=off';
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-'));
const pgUrl = process.env.BENCH_PG_URL;
const schema = `bench_${randomBytes(4).toString('hex')}`;
const app = await startApp(
  loadConfig({
    PORT: '0',
    TODOKU_DATA_DIR: dir,
    TODOKU_SIMULATOR_PORT: '0',
    TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '10',
    TODOKU_SMPP_WINDOW: window,
    TODOKU_LOG_LEVEL: 'warn',
    // Benchmarks run at any hour.
    TODOKU_DEFAULT_POLICY: 'none',
    TODOKU_EVIDENCE_LEDGER: ledger ? 'on' : 'off',
    ...(pgUrl ? { DATABASE_URL: pgUrl, TODOKU_DB_SCHEMA: schema } : {}),
  }),
);
const headers = { authorization: `Bearer ${app.devApiKey}` };
const api = async (method: string, path: string, body?: string, type = 'application/json') => {
  const r = await fetch(`${app.url}/api/v1${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': type } : {}) }, ...(body ? { body } : {}) });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<{ counts: Record<string, number> }>;
};
await api('POST', '/campaigns', JSON.stringify({ name: 'bench', template: '{{name}}様 {{amount|yen}}のお支払いをお願いします。{{url}}' }));
const csv = ['name,phone,amount,external_id', ...Array.from({ length: count }, (_, i) => `利用者${i},0901${String(i).padStart(7, "0")},${1000 + i},${String(i).padStart(6, '0')}`)].join('\n');
await api('POST', '/campaigns/bench/recipients', csv, 'text/csv');
// {{url}} is sent only with a recipient page to open.
await api('PUT', '/campaigns/bench/landing', JSON.stringify({ verification: { method: 'id_suffix' }, expiresAt: null, notice: 'お知らせ' }));
const profileFile = process.env.BENCH_CPU_PROFILE;
const profiler = profileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const pg0 = pgUrl ? pgServerCpuMs() : null;
const elu0 = performance.eventLoopUtilization();
await api('POST', '/campaigns/bench/send', '{}');
// Watching must cost little: the API's counts are a grouped query over the campaign's messages
// (10–20 ms at 20k rows), which polled every 50 ms took a fifth of the process's CPU. So the SMSC's own
// counters (in memory) are watched until it has every submit, then every receipt acknowledged (Todoku
// acknowledges a receipt only once it is stored), and only then the API is asked, until it confirms.
const sim = app.simulator;
if (!sim) throw new Error('the benchmark needs the built-in SMSC simulator');
const until = async (cheap: () => boolean, confirmed: (c: { counts: Record<string, number> }) => boolean) => {
  while (!cheap()) await new Promise((r) => setTimeout(r, 10));
  while (!confirmed(await api('GET', '/campaigns/bench'))) await new Promise((r) => setTimeout(r, 20));
  return performance.now();
};
const submittedAt = await until(
  () => sim.stats().submits >= count,
  (c) => (c.counts.submitted ?? 0) + (c.counts.delivered ?? 0) >= count,
);
await until(
  () => sim.stats().receiptsAcknowledged >= count,
  (c) => (c.counts.delivered ?? 0) >= count,
);
const t1 = performance.now();
// Below 1: the event loop waited with nothing to do (a stall: the window empty, a timer), not CPU-bound.
const busy = performance.eventLoopUtilization(elu0).utilization;
if (profiler && profileFile) writeFileSync(profileFile, JSON.stringify((await profiler.post('Profiler.stop')).profile));
// The ledger sequences entries in the worker's upkeep loop: the run is over when none waits any more.
const unsequenced = async () => Number((await app.store.db.kysely.selectFrom('evidence_entries').select((e) => e.fn.countAll().as('n')).where('leaf_index', 'is', null).executeTakeFirstOrThrow()).n);
while (ledger && (await unsequenced()) > 0) await new Promise((r) => setTimeout(r, 50));
const t2 = performance.now();
// CPU of this one process (web, dispatcher, simulator, ledger) per message: steadier than wall time on a busy machine.
const cpu = process.cpuUsage(cpu0);
const pg1 = pg0 === null ? null : pgServerCpuMs();
const entries = Number((await app.store.db.kysely.selectFrom('evidence_entries').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
await app.stop();
if (pgUrl) await dropSchema(pgUrl, schema);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    messages: count,
    window: Number(window),
    submitSeconds: (submittedAt - t0) / 1000,
    submittedPerSecond: count / ((submittedAt - t0) / 1000),
    deliveredPerSecond: count / ((t1 - t0) / 1000),
    database: pgUrl ? 'postgres' : 'sqlite',
    ledger,
    ledgerEntries: entries,
    // Until the last entry had its place in the tree, from the start.
    ledgerSeconds: (t2 - t0) / 1000,
    cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / count,
    // The PostgreSQL server's, from /proc over the same span (anything else using it meanwhile included).
    ...(pg0 !== null && pg1 !== null ? { pgCpuMsPerMessage: (pg1 - pg0) / count } : {}),
    // From the send to the last delivery.
    eventLoopBusy: busy,
    peakRssMb: peakRssMb(),
  }),
);
