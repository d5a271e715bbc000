// `npm run bench`: every benchmark in its own process, figures printed with the machine they ran on.
// BENCH_ROWS (default 1,000,000) and BENCH_MESSAGES (default 20,000) scale them down for a quick look;
// BENCH_PG=0 skips the PostgreSQL import.
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
} finally {
  rmSync(dir, { recursive: true, force: true });
}
