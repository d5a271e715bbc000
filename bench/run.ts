// `npm run bench`: every benchmark in its own process, figures printed with the machine they ran on,
// and for each goal of issue 15 Todoku's figure beside a ceiling measured in the same run and their
// ratio. `npm run bench -- --json FILE` also writes that table as JSON (one key per path: value, unit,
// ceiling, ratio, goal, peak_rss_mb where it applies), so a regression shows in one diff.
// BENCH_ROWS (default 1,000,000), BENCH_MESSAGES (default 20,000) and BENCH_SCALE_MESSAGES (default
// 5,000) scale them down for a quick look; BENCH_PG=0 skips what needs PostgreSQL (TODOKU_TEST_PG_URL).
// The landing page benchmarks run their load generator in a separate process (bench/load-generator.ts,
// keep-alive node:http), so nothing needs installing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine } from './machine.ts';
import { writeCp932Csv } from './fixtures.ts';
import { printRatios, type Ratio } from './ratios.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const scaleMessages = Number(process.env.BENCH_SCALE_MESSAGES ?? 5_000);
const withPg = process.env.BENCH_PG !== '0';
const pgUrl = process.env.TODOKU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const jsonIndex = process.argv.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? process.argv[jsonIndex + 1] : undefined;
if (jsonIndex >= 0 && !jsonFile) throw new Error('usage: npm run bench -- [--json FILE]');

type Figures = Record<string, number | string | boolean>;
const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } })
      .trim()
      .split('\n')
      .pop()!,
  ) as Figures;
const fmt = (n: unknown, digits = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });
const ratios: Record<string, Ratio> = {};

const machine = machineLine();
console.log(`Todoku benchmarks — ${machine}`);
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-'));
try {
  const file = join(dir, 'recipients-cp932.csv');
  const bytes = await writeCp932Csv(file, rows);
  console.log(`\nCSV import: ${fmt(rows)} rows, CP932, ${fmt(bytes / 2 ** 20, 1)} MB (decode, parse, normalise, dedupe, encrypt, store)`);
  const ceiling = run('bench/ceiling-import.ts', [file]);
  console.log(`  ceiling   ${fmt(ceiling.rowsPerSecond)} rows/s  ${fmt(ceiling.seconds, 1)} s  CPU ${fmt(ceiling.cpuSeconds, 1)} s  peak RSS ${fmt(ceiling.peakRssMb)} MB  (CP932 decode + csv-parse + libphonenumber mobile check, nothing stored)`);
  const imports: Record<string, Figures> = {};
  for (const kind of withPg ? ['sqlite', 'postgres'] : ['sqlite']) {
    const r = (imports[kind] = run('bench/import.ts', [file, kind]));
    console.log(`  ${kind.padEnd(9)} ${fmt(r.rowsPerSecond)} rows/s  ${fmt(r.seconds, 1)} s  CPU ${fmt(r.cpuSeconds, 1)} s  peak RSS ${fmt(r.peakRssMb)} MB  (accepted ${fmt(r.accepted)}, rejected ${fmt(r.rejected)})`);
  }
  const sqlite = imports.sqlite!;
  ratios.import_sqlite = { what: `import ${fmt(rows)} CP932 rows, SQLite`, value: Number(sqlite.seconds), unit: 's', ceiling: Number(ceiling.seconds), ceilingIs: 'bare decode + parse + phone pipeline', ratio: Number(sqlite.seconds) / Number(ceiling.seconds), goal: '≤ 1.1 (and ≤ 15 s, ≤ 256 MB)', peak_rss_mb: Number(sqlite.peakRssMb), cpu_s: Number(sqlite.cpuSeconds), ceiling_cpu_s: Number(ceiling.cpuSeconds) };
  if (imports.postgres) {
    const pg = imports.postgres;
    ratios.import_pg = { what: `import ${fmt(rows)} CP932 rows, PostgreSQL`, value: Number(pg.seconds), unit: 's', ceiling: Number(sqlite.seconds), ceilingIs: 'the SQLite import', ratio: Number(pg.seconds) / Number(sqlite.seconds), goal: '≤ 1.3', peak_rss_mb: Number(pg.peakRssMb), cpu_s: Number(pg.cpuSeconds) };
  }

  console.log(`\nSending: ${fmt(messages)} messages through the SMSC simulator over SMPP on 127.0.0.1 (one process, receipts on)`);
  const sends: Record<string, Figures> = {};
  for (const [label, window, env] of [['SQLite', '10', {}], ['SQLite', '100', {}], ...(withPg ? [['PostgreSQL', '100', { BENCH_PG_URL: pgUrl }]] : [])] as [string, string, Record<string, string>][]) {
    const r = run('bench/throughput.ts', [String(messages), window], env);
    // throughput.ts names the database it ran on; one that does not know BENCH_PG_URL ran on SQLite.
    if (label === 'PostgreSQL' && r.database !== 'postgres') continue;
    sends[`${label} ${window}`] = r;
    console.log(`  ${label.padEnd(10)} window ${window.padStart(3)}: ${fmt(r.submittedPerSecond)} submitted/s, ${fmt(r.deliveredPerSecond)} delivered/s end to end, CPU ${fmt(r.cpuMsPerMessage, 3)} ms/message, peak RSS ${fmt(r.peakRssMb)} MB`);
  }
  const bare = run('bench/ceiling-smpp.ts', [String(messages), '100', '10']);
  console.log(`  ceiling    window 100: ${fmt(bare.submittedPerSecond)} submitted/s, ${fmt(bare.deliveredPerSecond)} delivered/s (bare node-smpp submit + receipt loop, same simulator), CPU ${fmt(bare.cpuMsPerMessage, 3)} ms/message`);
  const send = sends['SQLite 100']!;
  ratios.send = { what: `send ${fmt(messages)}, one bind, window 100, receipts, SQLite`, value: Number(send.deliveredPerSecond), unit: 'delivered/s', ceiling: Number(bare.deliveredPerSecond), ceilingIs: 'bare node-smpp submit + receipt loop', ratio: Number(send.deliveredPerSecond) / Number(bare.deliveredPerSecond), goal: '≥ 0.55 (and ≥ 10,000/s)', peak_rss_mb: Number(send.peakRssMb), cpu_ms_per_message: Number(send.cpuMsPerMessage), ceiling_cpu_ms_per_message: Number(bare.cpuMsPerMessage) };
  const sendPg = sends['PostgreSQL 100'];
  if (sendPg) {
    ratios.send_pg = { what: `send ${fmt(messages)}, one bind, window 100, receipts, PostgreSQL`, value: Number(sendPg.deliveredPerSecond), unit: 'delivered/s', ceiling: Number(send.deliveredPerSecond), ceilingIs: 'the SQLite send', ratio: Number(sendPg.deliveredPerSecond) / Number(send.deliveredPerSecond), goal: '≥ 0.8', peak_rss_mb: Number(sendPg.peakRssMb) };
  }

  // The ledger's cost: the same send with the evidence ledger on and off, alternating, best of two each.
  const best = (mode: string) => {
    const runs = [0, 1].map(() => run('bench/throughput.ts', [String(messages), '100', `ledger=${mode}`]));
    return runs.reduce((a, b) => (Number(b.deliveredPerSecond) > Number(a.deliveredPerSecond) ? b : a));
  };
  const off = best('off');
  const on = best('on');
  const cost = 1 - Number(on.deliveredPerSecond) / Number(off.deliveredPerSecond);
  console.log(`\nEvidence ledger's cost (window 100, best of two runs each; goal ≤ 15 %)`);
  const cpuCost = Number(on.cpuMsPerMessage) / Number(off.cpuMsPerMessage) - 1;
  console.log(`  ledger off: ${fmt(off.deliveredPerSecond)} delivered/s, CPU ${fmt(off.cpuMsPerMessage, 3)} ms/message`);
  console.log(`  ledger on:  ${fmt(on.deliveredPerSecond)} delivered/s, CPU ${fmt(on.cpuMsPerMessage, 3)} ms/message, ${fmt(on.ledgerEntries)} entries, all in the tree ${fmt(on.ledgerSeconds, 1)} s after the start`);
  console.log(`  cost:       ${fmt(cost * 100, 1)} % of delivered/s, ${fmt(cpuCost * 100, 1)} % more CPU per message`);
  ratios.ledger = { what: 'send with the evidence ledger on, against off', value: Number(on.deliveredPerSecond), unit: 'delivered/s', ceiling: Number(off.deliveredPerSecond), ceilingIs: 'the same send, ledger off', ratio: Number(on.deliveredPerSecond) / Number(off.deliveredPerSecond), goal: '≥ 0.85', cpu_ms_per_message: Number(on.cpuMsPerMessage), cpu_ms_per_message_off: Number(off.cpuMsPerMessage) };

  const smpp = run('bench/smpp.ts', ['3']);
  const perWindow = smpp.submitsPerSecond as unknown as Record<string, number>;
  console.log('\nSMPP route alone: one bind to the SMSC simulator over 127.0.0.1, no database, 3 s per figure');
  for (const window of ['1', '10', '100']) console.log(`  window ${window.padStart(3)}: ${fmt(perWindow[window])} submits/s`);
  console.log(`  receipts:   ${fmt(smpp.receiptsPerSecond)} processed/s (${fmt(smpp.receiptsProcessed)} piled up at the SMSC, deliver window 100)`);

  const landing = run('bench/landing.ts', ['200', '8,32', '10']) as unknown as { pageBytes: number; noticeCharacters: number; runs: Record<string, number>[]; peakRssMb: number };
  const page = run('bench/ceiling-page.ts', [String(landing.pageBytes), '32', '10']) as unknown as { runs: Record<string, number>[] };
  console.log(`\nLanding page: verified views of a ${fmt(landing.noticeCharacters)}-character notice (${fmt(landing.pageBytes / 1024, 1)} KB page, open recorded), keep-alive load from another process on 127.0.0.1 (SQLite, one process); goal ≥ 10,000 views/s at p99 < 20 ms with 32 connections`);
  const line = (label: string, r: Record<string, number>) =>
    `  ${label} ${String(r.connections).padStart(2)} connections: ${fmt(r.perSecond)} views/s  p50 ${fmt(r.p50Ms, 1)} ms  p99 ${fmt(r.p99Ms, 1)} ms  server CPU ${fmt(r.serverCpuMsPerView, 3)} ms/view  errors ${fmt(r.errors)}`;
  for (const r of landing.runs) console.log(line('Todoku ', r));
  const staticPage = page.runs[0]!;
  console.log(line('ceiling', staticPage) + '  (a static Fastify page of the same size)');
  const views = landing.runs.find((r) => r.connections === 32)!;
  ratios.landing = { what: 'verified landing-page views, 32 connections', value: views.perSecond!, unit: 'views/s', ceiling: staticPage.perSecond!, ceilingIs: 'a static Fastify page of the same size', ratio: views.perSecond! / staticPage.perSecond!, goal: '≥ 0.33 (and ≥ 10,000/s at p99 < 20 ms)', p99_ms: views.p99Ms!, peak_rss_mb: landing.peakRssMb };

  if (withPg) {
    const scale = run('bench/scale-out.ts', [String(scaleMessages), '20', '10']) as unknown as { one: Figures; two: Figures; ratio: number; exactlyOnce: boolean };
    console.log(`\nScale-out: ${fmt(scaleMessages)} messages, PostgreSQL, carrier latency 20 ms per submit, window 10 per bind, each worker its own bind`);
    for (const r of [scale.one, scale.two]) {
      console.log(`  ${r.workers} worker${r.workers === 1 ? ' ' : 's'}: ${fmt(r.deliveredPerSecond)} delivered/s (${fmt(r.seconds, 1)} s); ${fmt(r.numbers)} numbers reached, ${fmt(r.duplicates)} more than once, ${fmt(r.delivered)} recorded delivered`);
    }
    console.log(`  exactly once: ${scale.exactlyOnce ? 'yes' : 'NO'}`);
    ratios.scale_out = { what: 'two worker processes against one, PostgreSQL', value: Number(scale.two.deliveredPerSecond), unit: 'delivered/s', ceiling: Number(scale.one.deliveredPerSecond), ceilingIs: 'one worker process', ratio: scale.ratio, goal: '≥ 1.7, exactly once', exactly_once: scale.exactlyOnce };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

printRatios(ratios);
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify({ machine, date: new Date().toISOString(), rows, messages, ...ratios }, null, 2)}\n`);
  console.log(`\nwritten to ${jsonFile}`);
}
