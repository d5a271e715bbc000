// The slow-receipt crash of issue 10 §5: the carrier (the simulator over real SMPP, in this process, so it
// outlives the kill) sends receipts an hour late, the server is SIGKILLed mid-send and started again with
// the defaults. Past TODOKU_UNCONFIRMED_GRACE_MS nothing is sent twice: the messages whose answer was lost
// keep waiting for their receipt. Then the clock moves past the route's 48 h validity: every message with
// no receipt ends 送達不明 ('unknown') and the campaign completes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmscSimulator } from '../../src/routes/simulator/simulator.ts';
import { carrierEnv, receivedPerNumber, startServerProcess, waitFor, type ServerProcess } from '../support/server-process.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { migrate, openDb } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { createVault } from '../../src/security/vault.ts';
import { createLogger } from '../../src/log.ts';
import { startMaintenance } from '../../src/dispatch/maintenance.ts';

const COUNT = 3_000;
const KEY_BYTE = 10;
const HOUR = 3_600_000;
let simulator: SmscSimulator;
let dataDir: string;
let server: ServerProcess | null = null;

before(async () => {
  // Receipts far slower than the whole test; submits answered after 40 ms, so many are in flight at the kill.
  simulator = new SmscSimulator({ port: 0, receiptDelayMs: HOUR, submitLatencyMs: 40, deliverWindow: 100 });
  await simulator.start();
  dataDir = mkdtempSync(join(tmpdir(), 'todoku-slow-receipts-'));
});

after(async () => {
  await server?.kill('SIGTERM');
  await simulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    ...carrierEnv(simulator, KEY_BYTE),
    TODOKU_WORKER_STALE_MS: '2000',
    // Short, so the test waits well past it: with the defaults it must not matter (the route does not re-send).
    TODOKU_UNCONFIRMED_GRACE_MS: '3000',
  };
}

const phone = (i: number) => `0903${String(i).padStart(7, '0')}`;
type Counts = Record<string, number>;

test('receipts an hour late, SIGKILL mid-send, restart with the defaults: nobody gets the SMS twice; after the validity, 送達不明', { timeout: 180_000 }, async () => {
  server = await startServerProcess(env(), dataDir);
  const rows = Array.from({ length: COUNT }, (_, i) => `利用者${i},${phone(i + 1)}`);
  const { id, imported } = await campaignWithList(server, { name: 'slow-receipts', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, ['氏名,電話番号', ...rows]);
  assert.equal(imported.accepted, COUNT);
  await sendCampaign(server, id);

  await waitFor('a third of the campaign at the SMSC', async () => simulator.received().length >= COUNT / 3, 60_000, 10);
  await server.kill('SIGKILL');
  const atKill = simulator.received().length;
  assert.ok(atKill < COUNT, 'the kill happened mid-send');

  server = await startServerProcess(env(), dataDir);
  const s = server;
  const counts = async () => (await s.api<{ counts: Counts }>('GET', '/campaigns/slow-receipts')).body.counts;
  await waitFor('nothing left to send', async () => {
    const c = await counts();
    return !c.queued && !c.submitting ? c : undefined;
  }, 90_000, 250);
  // Well past the stale-worker time and the grace period: the old rule would have re-sent by now.
  await new Promise((r) => setTimeout(r, 8_000));
  const settled = await counts();

  const twice = [...receivedPerNumber(simulator)].filter(([, n]) => n > 1);
  assert.deepEqual(twice.slice(0, 10), [], `${twice.length} people received the SMS twice`);
  assert.ok((settled.unconfirmed ?? 0) > 0, `some answers were lost in the kill: ${JSON.stringify(settled)}`);
  assert.equal((settled.submitted ?? 0) + (settled.unconfirmed ?? 0), COUNT, `every message submitted or waiting for its receipt: ${JSON.stringify(settled)}`);
  assert.ok(COUNT - receivedPerNumber(simulator).size <= (settled.unconfirmed ?? 0), 'whoever the SMSC never saw is among the unconfirmed, not sent blindly');
  assert.equal((await s.api<{ status: string }>('GET', '/campaigns/slow-receipts')).body.status, 'sending', 'not complete while receipts may come');

  const first = simulator.received()[0]!;
  const validity = first.validUntil!.getTime() - first.receivedAt.getTime();
  assert.ok(Math.abs(validity - 48 * HOUR) < 60_000, `submit_sm carried a 48 h validity_period (${validity} ms)`);

  await server.kill('SIGTERM');
  server = null;

  // The clock moves past the validity (48 h) and the margin for late receipts (1 h): the shared upkeep,
  // reading the route's settings from the routes table, ends every message without a receipt.
  const db = await openDb({ kind: 'sqlite', file: join(dataDir, 'todoku.sqlite') });
  try {
    await migrate(db);
    const later = Date.now() + 50 * HOUR;
    const store = createStore(db, createVault(Buffer.alloc(32, KEY_BYTE)), () => later);
    const upkeep = startMaintenance({ store, workerId: 'clock-moved', log: createLogger('silent'), now: () => later, staleMs: 2000, graceMs: 3000, everyMs: 60_000 });
    await upkeep.runOnce();
    await upkeep.stop();
    assert.deepEqual(await store.messages.countsByState(id), { unknown: COUNT });
    assert.equal((await store.campaigns.byId(id))!.status, 'completed');
  } finally {
    await db.close();
  }
  assert.equal([...receivedPerNumber(simulator)].filter(([, n]) => n > 1).length, 0, 'and nothing was re-sent by itself');
});
