// SIGTERM in the middle of a campaign (the real `npm start` process, a carrier simulated over real SMPP
// in this test process): the process drains what is in flight and exits 0 within the bound; the
// database then holds no message in flight and records every message the carrier took; started again,
// it sends the rest, and every recipient gets the message exactly once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmscSimulator } from '../../src/routes/simulator/simulator.ts';
import { openDb } from '../../src/store/db.ts';
import { carrierEnv, receivedPerNumber, startCarrier, startServerProcess, waitFor, type ServerProcess } from '../support/server-process.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

const COUNT = 3000;
const BOUND_MS = 15_000;
let simulator: SmscSimulator;
let dataDir: string;
let server: ServerProcess | null = null;

before(async () => {
  simulator = await startCarrier();
  dataDir = mkdtempSync(join(tmpdir(), 'todoku-sigterm-'));
});

after(async () => {
  await server?.kill('SIGKILL');
  await simulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = (): Record<string, string> => ({
  ...carrierEnv(simulator, 8),
  TODOKU_SHUTDOWN_TIMEOUT_MS: String(BOUND_MS),
});

const phone = (i: number) => `0902${String(i).padStart(7, '0')}`;

test('SIGTERM mid-campaign: drained, exit 0 in time, nothing lost; the restart finishes it exactly once', { timeout: 240_000 }, async () => {
  server = await startServerProcess(env(), dataDir);
  const rows = Array.from({ length: COUNT }, (_, i) => `利用者${i},${phone(i + 1)}`);
  const { id, imported } = await campaignWithList(server, { name: 'sigterm', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, ['氏名,電話番号', ...rows]);
  assert.equal(imported.accepted, COUNT);
  await sendCampaign(server, id);

  await waitFor('a tenth of the campaign at the SMSC', async () => simulator.received().length >= COUNT / 10, 60_000, 10);
  const started = Date.now();
  const exited = new Promise<number | null>((resolve) => server!.child.once('exit', (code) => resolve(code)));
  server.child.kill('SIGTERM');
  const code = await exited;
  const took = Date.now() - started;
  const atExit = simulator.received().length;
  assert.equal(code, 0, `exit code 0 after draining:\n${server.output()}`);
  assert.ok(took < BOUND_MS, `stopped in ${took} ms`);
  assert.ok(atExit < COUNT, 'the signal came mid-campaign');

  const db = await openDb({ kind: 'sqlite', file: join(dataDir, 'todoku.sqlite') });
  try {
    const rows = await db.kysely.selectFrom('messages').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    const byState = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    assert.equal(byState.submitting, undefined, 'no message left claimed in flight');
    assert.equal(byState.unconfirmed, undefined, 'no answer lost');
    const carried = await db.kysely.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('smsc_id', 'is not', null).executeTakeFirstOrThrow();
    assert.equal(Number(carried.n), atExit, 'every message the carrier accepted is recorded with its id');
  } finally {
    await db.close();
  }

  server = await startServerProcess(env(), dataDir);
  const s = server;
  await waitFor(
    'every message delivered after the restart',
    async () => {
      const c = await s.api<{ status: string; counts: Record<string, number> }>('GET', '/campaigns/sigterm');
      return c.body.counts.delivered === COUNT && c.body.status === 'completed';
    },
    180_000,
    500,
  );
  const perNumber = receivedPerNumber(simulator);
  assert.deepEqual([...perNumber].filter(([, n]) => n > 1), [], 'nobody received it twice');
  assert.equal(perNumber.size, COUNT, 'everybody received it');
});
