// `npm run bench`: every benchmark in its own process, figures printed with the machine they ran on.
// BENCH_ROWS (default 1,000,000) and BENCH_MESSAGES (default 20,000) scale them down for a quick look;
// BENCH_PG=0 skips the PostgreSQL import. The landing page benchmark runs its load generator in a
// separate process (bench/load-generator.ts, keep-alive node:http), so nothing needs installing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine } from './machine.ts';
import { writeCp932Csv } from './fixtures.ts';

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const messages = Number(process.env.BENCH_MESSAGES ?? 20_000);
const run = (script: string, args: string[]) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!) as Record<string, number | string>;
const fmt = (n: unknown, digits = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: digits });

console.log(`Todoku benchmarks — ${machineLine()}`);
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-'));
try {
  const file = join(dir, 'recipients-cp932.csv');
  const bytes = await writeCp932Csv(file, rows);
  console.log(`\nCSV import: ${fmt(rows)} rows, CP932, ${fmt(bytes / 2 ** 20, 1)} MB (decode, parse, normalise, dedupe, encrypt, store)`);
  for (const kind of process.env.BENCH_PG === '0' ? ['sqlite'] : ['sqlite', 'postgres']) {
    const r = run('bench/import.ts', [file, kind]);
    console.log(`  ${kind.padEnd(9)} ${fmt(r.rowsPerSecond)} rows/s  ${fmt(r.seconds, 1)} s  peak RSS ${fmt(r.peakRssMb)} MB  (accepted ${fmt(r.accepted)}, rejected ${fmt(r.rejected)})`);
  }
  console.log(`\nSending: ${fmt(messages)} messages through the SMSC simulator over SMPP on 127.0.0.1 (SQLite, one process)`);
  for (const window of ['10', '100']) {
    const r = run('bench/throughput.ts', [String(messages), window]);
    console.log(`  window ${window.padStart(3)}: ${fmt(r.submittedPerSecond)} submitted/s, ${fmt(r.deliveredPerSecond)} delivered/s end to end, peak RSS ${fmt(r.peakRssMb)} MB`);
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
  const smpp = run('bench/smpp.ts', ['3']);
  const perWindow = smpp.submitsPerSecond as unknown as Record<string, number>;
  console.log('\nSMPP route alone: one bind to the SMSC simulator over 127.0.0.1, no database, 3 s per figure');
  for (const window of ['1', '10', '100']) console.log(`  window ${window.padStart(3)}: ${fmt(perWindow[window])} submits/s`);
  console.log(`  receipts:   ${fmt(smpp.receiptsPerSecond)} processed/s (${fmt(smpp.receiptsProcessed)} piled up at the SMSC, deliver window 100)`);
  const landing = run('bench/landing.ts', ['200', '8,32', '10']) as unknown as { pageBytes: number; noticeCharacters: number; runs: Record<string, number>[] };
  console.log(`\nLanding page: verified views of a ${fmt(landing.noticeCharacters)}-character notice (${fmt(landing.pageBytes / 1024, 1)} KB page, open recorded), keep-alive load from another process on 127.0.0.1 (SQLite, one process); goal ≥3,000 views/s at p99 < 50 ms`);
  for (const r of landing.runs) {
    console.log(`  ${String(r.connections).padStart(2)} connections: ${fmt(r.perSecond)} views/s  p50 ${fmt(r.p50Ms, 1)} ms  p99 ${fmt(r.p99Ms, 1)} ms  server CPU ${fmt(r.serverCpuMsPerView, 2)} ms/view  errors ${fmt(r.errors)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
