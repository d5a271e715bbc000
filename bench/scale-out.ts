// Scale-out benchmark: one worker process, then two, on one PostgreSQL, against the SMSC simulator in
// this process with a carrier's latency (every submit_sm answered after `latency` ms) and a window of
// `window` per bind; each worker opens its own bind. A web process (dispatcher off) takes the list and
// the send; the workers only send. Prints delivered/s for each and checks that every message reached the
// carrier exactly once (the simulator's count per number) and was recorded delivered exactly once.
// Usage: node --import tsx bench/scale-out.ts [N] [latency ms] [window]   (prints one JSON line;
// BENCH_CPU_PROFILE_DIR=DIR writes each worker process's CPU profile there)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmscSimulator } from '../src/routes/simulator/simulator.ts';
import { dropSchema } from '../src/store/db.ts';
import { freePort, receivedPerNumber, startServerProcess, waitFor, type ServerProcess } from '../test/support/server-process.ts';
import { campaignWithList, sendCampaign } from '../test/support/factories.ts';
import { peakRssMb } from './machine.ts';
import { pgServerCpuMs } from './pg-cpu.ts';

const count = Number(process.argv[2] ?? 5_000);
const latency = Number(process.argv[3] ?? 20);
const window = Number(process.argv[4] ?? 10);
const pgUrl = process.env.TODOKU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Run {
  workers: number;
  seconds: number;
  deliveredPerSecond: number;
  /** Numbers the carrier received a message for; each exactly once when `exactlyOnce`. */
  numbers: number;
  duplicates: number;
  delivered: number;
  exactlyOnce: boolean;
  /** CPU of the worker processes during the send, per message (null where /proc is missing). */
  workerCpuMsPerMessage: number | null;
  /** The PostgreSQL server's CPU during the send, per message (anything else using it meanwhile included). */
  pgCpuMsPerMessage: number | null;
}

/** A process's user + system CPU in ms from /proc (Linux; clock ticks of 10 ms), or null. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
const cpuOf = (ps: ServerProcess[]) => ps.reduce<number | null>((sum, p) => (sum === null ? null : ((c) => (c === null ? null : sum + c))(cpuMs(p.child.pid))), 0);

async function run(simulator: SmscSimulator, workers: number): Promise<Run> {
  const schema = `bench_scale_${process.pid}_${workers}`;
  const dirs: string[] = [];
  const processes: ServerProcess[] = [];
  const env = (role: 'web' | 'worker') => ({
    DATABASE_URL: pgUrl,
    TODOKU_DB_SCHEMA: schema,
    TODOKU_SIMULATOR: 'off',
    TODOKU_SMPP_URL: `smpp://todoku:todoku@127.0.0.1:${simulator.port}`,
    TODOKU_SMPP_WINDOW: String(window),
    // One key for every process: they seal and open the same rows.
    TODOKU_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
    ...(role === 'web' ? { TODOKU_DISPATCHER: 'off' } : { TODOKU_WEB: 'off', PORT: '0' }),
    // BENCH_CPU_PROFILE_DIR: each worker process writes a CPU profile there when it stops.
    ...(role === 'worker' && process.env.BENCH_CPU_PROFILE_DIR ? { NODE_OPTIONS: `--import ${new URL('./cpu-profile-hook.mjs', import.meta.url).pathname}` } : {}),
  });
  const start = async (role: 'web' | 'worker') => {
    const dir = mkdtempSync(join(tmpdir(), `todoku-bench-${role}-`));
    dirs.push(dir);
    const p = await startServerProcess(role === 'web' ? env(role) : { ...env(role), PORT: String(await freePort()) }, dir, { web: role === 'web' });
    processes.push(p);
    return p;
  };
  try {
    simulator.clear();
    const web = await start('web');
    for (let i = 0; i < workers; i++) await start('worker');
    await waitFor('the route seeded by a worker', async () => (await web.api('GET', '/routes/smpp')).status === 200, 60_000);
    const rows = Array.from({ length: count }, (_, i) => `利用者${i},0903${String(i).padStart(7, '0')}`);
    const { id, imported } = await campaignWithList(web, { name: 'scale', template: '{{name}}様 ご連絡です', policyPack: 'none' }, ['氏名,電話番号', ...rows]);
    if (imported.accepted !== count) throw new Error(`imported ${JSON.stringify(imported)}`);
    // Every worker has started and bound before the clock starts.
    await new Promise((r) => setTimeout(r, 5_000));
    const workerProcesses = processes.slice(1);
    const cpuBefore = cpuOf(workerProcesses);
    const pgBefore = pgServerCpuMs();
    const acknowledged = simulator.stats().receiptsAcknowledged;
    const started = performance.now();
    await sendCampaign(web, id);
    // Watched from the simulator in this process until every receipt is acknowledged (a worker acknowledges
    // a receipt once it is stored): polling the API meanwhile would load the very processes being measured.
    while (simulator.stats().receiptsAcknowledged - acknowledged < count && performance.now() - started < 600_000) await new Promise((r) => setTimeout(r, 5));
    const final = await waitFor(
      'every message delivered',
      async () => {
        const c = await web.api<{ counts: Record<string, number> }>('GET', `/campaigns/${id}`);
        return (c.body.counts.delivered ?? 0) >= count ? c.body.counts : undefined;
      },
      600_000,
      20,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpuOf(workerProcesses);
    const pgAfter = pgServerCpuMs();
    const workerCpuMsPerMessage = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / count;
    const perNumber = receivedPerNumber(simulator);
    const duplicates = [...perNumber.values()].filter((n) => n > 1).length;
    const delivered = final.delivered ?? 0;
    return { workers, seconds, deliveredPerSecond: count / seconds, numbers: perNumber.size, duplicates, delivered, exactlyOnce: perNumber.size === count && duplicates === 0 && delivered === count, workerCpuMsPerMessage, pgCpuMsPerMessage: pgBefore === null || pgAfter === null ? null : (pgAfter - pgBefore) / count };
  } finally {
    for (const p of processes) await p.kill('SIGTERM');
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropSchema(pgUrl, schema);
  }
}

const simulator = new SmscSimulator({ port: 0, receiptDelayMs: 10, deliverWindow: 100, submitLatencyMs: latency });
await simulator.start();
try {
  const one = await run(simulator, 1);
  const two = await run(simulator, 2);
  console.log(JSON.stringify({ messages: count, latencyMs: latency, window, one, two, ratio: two.deliveredPerSecond / one.deliveredPerSecond, exactlyOnce: one.exactlyOnce && two.exactlyOnce, peakRssMb: peakRssMb() }));
} finally {
  await simulator.stop();
}
