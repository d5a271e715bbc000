// The guessing budget is one for every process: two web processes on one PostgreSQL database, a client
// guessing link codes on both by turns is refused after MISS_BUDGET misses in all, as on one process
// (with per-process budgets it would get twice as many), and both then refuse it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, waitFor as until, type ServerProcess } from '../support/server-process.ts';
import { PG_URL, uniqueSchema } from '../support/db.ts';
import { dropSchema } from '../../src/store/db.ts';
import { MISS_BUDGET } from '../../src/landing/policy.ts';

const schema = uniqueSchema();
const dirs: string[] = [];
const processes: ServerProcess[] = [];

/** The second process finds the database's development key made already, so it is only waited for here. */
async function startWeb(first: boolean): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-web-'));
  dirs.push(dir);
  const p = await startServerProcess(
    {
      DATABASE_URL: PG_URL,
      TODOKU_DB_SCHEMA: schema,
      TODOKU_DISPATCHER: 'off',
      TODOKU_SIMULATOR: 'off',
      // One organisation, one key: the keyed hash of an address is the same in every process.
      TODOKU_SECRET_KEY: Buffer.alloc(32, 6).toString('base64'),
    },
    dir,
    { web: first },
  );
  processes.push(p);
  if (!first) await until('the second process answers', async () => (await fetch(`${p.url}/health`).catch(() => null))?.ok || undefined, 30_000);
  return p;
}

let a: ServerProcess;
let b: ServerProcess;
before(async () => {
  // One after the other: the first creates the schema.
  a = await startWeb(true);
  b = await startWeb(false);
});

after(async () => {
  for (const p of processes) await p.kill('SIGTERM');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await dropSchema(PG_URL, schema);
});

test(`${MISS_BUDGET} guesses spread over two processes lock the address as fast as on one`, { timeout: 120_000 }, async () => {
  const statuses: number[] = [];
  for (let i = 0; i < MISS_BUDGET; i++) {
    const server = i % 2 === 0 ? a : b;
    statuses.push((await fetch(`${server.url}/l/Qq${String(i).padStart(9, '0')}`)).status);
  }
  assert.deepEqual(statuses, Array(MISS_BUDGET).fill(404), 'each unknown code is answered until the budget is spent');
  for (const server of [a, b]) {
    const refused = await fetch(`${server.url}/l/Qq999999999`);
    assert.equal(refused.status, 429, `${server.url} refuses: the budget was spent across both`);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
  }
  // The anti-smishing page is refused by the same spent budget, on either process.
  const check = await fetch(`${b.url}/verify`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'q=Qq000000000' });
  assert.equal(check.status, 429);
});
