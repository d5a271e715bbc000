// Import benchmark: a generated CP932 CSV through the whole pipeline (decode, parse, normalise phone
// numbers, dedupe, encrypt, store). Run as its own process so peak RSS is the import's alone.
// Usage: node --import tsx bench/import.ts FILE sqlite|postgres
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDb, dropSchema, type DbConfig } from '../src/store/db.ts';
import { createVault } from '../src/security/vault.ts';
import { createStore } from '../src/store/index.ts';
import { importRecipients } from '../src/campaign/import-recipients.ts';
import { peakRssMb } from './machine.ts';

const [file, kind = 'sqlite'] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/import.ts FILE sqlite|postgres');
const pgUrl = process.env.TODOKU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-'));
const schema = `bench_${process.pid}`;
const config: DbConfig = kind === 'postgres' ? { kind: 'postgres', url: pgUrl, schema } : { kind: 'sqlite', file: join(dir, 'bench.sqlite') };
const db = await openDb(config);
await migrate(db);
const store = createStore(db, createVault(Buffer.alloc(32, 3)));
const campaign = await store.campaigns.create({ name: 'bench' });
// Where the peak comes from: this thread's heap beside the whole process (sampled; the reading worker's
// own heap and SQLite's page cache are the rest).
let peakHeapMb = 0;
const sampler = setInterval(() => (peakHeapMb = Math.max(peakHeapMb, process.memoryUsage().heapTotal / 2 ** 20)), 100);
// This thread's own CPU (Linux: /proc/thread-self/stat, utime + stime in clock ticks of 10 ms): the
// rest of cpuSeconds is the reading worker, the garbage collector's helpers and libuv's pool.
const threadCpu = (): number | undefined => {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
};
const thread0 = threadCpu();
const started = performance.now();
const cpu0 = process.cpuUsage();
const result = await importRecipients(store, campaign, createReadStream(file));
const seconds = (performance.now() - started) / 1000;
// CPU of the whole process, worker threads included: steadier than wall time on a busy machine.
const cpu = process.cpuUsage(cpu0);
const thread1 = threadCpu();
clearInterval(sampler);
await db.close();
if (kind === 'postgres') await dropSchema(pgUrl, schema);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    kind,
    rows: result.rows,
    accepted: result.accepted,
    rejected: result.rejected,
    mb: statSync(file).size / 2 ** 20,
    seconds,
    rowsPerSecond: result.rows / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainThreadCpuSeconds: thread0 === undefined || thread1 === undefined ? null : thread1 - thread0,
    peakRssMb: peakRssMb(),
    peakHeapMb,
  }),
);
