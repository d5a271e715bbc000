// Two worker processes share one PostgreSQL; one is killed with SIGKILL at random moments during a
// 50,000-message campaign and started again: the SMSC receives each recipient's message exactly once.
// Receipts come in 50 ms and the route re-sends lost answers after the grace period (resendUnconfirmed),
// so the whole campaign gets delivered; slow-receipt-crash.test.ts covers the default, which never re-sends.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmscSimulator } from '../../src/routes/simulator/simulator.ts';
import { carrierEnv, receivedPerNumber, startCarrier, startServerProcess, waitFor, type ServerProcess } from '../support/server-process.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { PG_URL, uniqueSchema } from '../support/db.ts';
import { dropSchema } from '../../src/store/db.ts';

const COUNT = 50_000;
const schema = uniqueSchema();
let simulator: SmscSimulator;
const dirs: string[] = [];
const processes: ServerProcess[] = [];

function env(role: 'web' | 'worker'): Record<string, string> {
  return {
    DATABASE_URL: PG_URL,
    TODOKU_DB_SCHEMA: schema,
    ...carrierEnv(simulator, 4),
    TODOKU_WORKER_STALE_MS: '2000',
    TODOKU_UNCONFIRMED_GRACE_MS: '10000',
    ...(role === 'web' ? { TODOKU_DISPATCHER: 'off' } : { TODOKU_WEB: 'off' }),
  };
}

async function start(role: 'web' | 'worker'): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), `todoku-${role}-`));
  dirs.push(dir);
  const p = await startServerProcess(env(role), dir, { web: role === 'web' });
  processes.push(p);
  return p;
}

before(async () => {
  simulator = await startCarrier();
});

after(async () => {
  for (const p of processes) await p.kill('SIGTERM');
  await simulator.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await dropSchema(PG_URL, schema);
});

test('two workers on PostgreSQL, one SIGKILLed three times mid-campaign: each recipient exactly once', { timeout: 300_000 }, async () => {
  const web = await start('web');
  await start('worker');
  // The first worker seeds the route from TODOKU_SMPP_URL; this test wants the old re-send after the grace
  // period (fast receipts, full delivery expected), so that setting is added to the seeded one.
  const route = await waitFor('the seeded route', async () => {
    const r = await web.api<{ sender: string; config: Record<string, unknown> }>('GET', '/routes/smpp');
    return r.status === 200 ? r.body : undefined;
  });
  const set = await web.api('PUT', '/routes/smpp', { kind: 'smpp', sender: route.sender, config: { ...route.config, resendUnconfirmed: true } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  let victim = await start('worker');

  const rows = Array.from({ length: COUNT }, (_, i) => `利用者${i},0902${String(i).padStart(7, '0')}`);
  const { id, imported } = await campaignWithList(web, { name: 'multi', template: '{{name}}様 ご連絡です' }, ['氏名,電話番号', ...rows]);
  assert.equal(imported.accepted, COUNT, JSON.stringify(imported));
  await sendCampaign(web, id);

  for (const share of [0.15, 0.35, 0.6]) {
    await waitFor(`${share * 100}% at the SMSC`, async () => simulator.received().length >= COUNT * share + Math.random() * 2000, 120_000, 20);
    await victim.kill('SIGKILL');
    victim = await start('worker');
  }

  const final = await waitFor(
    'every message delivered and the campaign completed',
    async () => {
      const c = await web.api<{ status: string; counts: Record<string, number> }>('GET', '/campaigns/multi');
      return c.body.counts.delivered === COUNT && c.body.status === 'completed' ? c.body : undefined;
    },
    200_000,
    500,
    async () => ({
      campaign: (await web.api<{ counts: Record<string, number>; status: string }>('GET', '/campaigns/multi')).body,
      atSmsc: simulator.received().length,
      workerLog: processes.map((p) => p.output().split('\n').filter((l) => /"level":(40|50)/.test(l)).slice(-3)),
    }),
  );
  assert.equal(final.counts.delivered, COUNT);

  const perNumber = receivedPerNumber(simulator);
  assert.deepEqual([...perNumber].filter(([, n]) => n > 1), [], 'nobody received the message twice');
  assert.equal(perNumber.size, COUNT, 'everybody received it');
});
