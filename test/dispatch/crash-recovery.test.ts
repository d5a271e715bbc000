// Killing the server with SIGKILL in the middle of a 20,000-message campaign and starting it again:
// the SMSC (the simulator, over real SMPP) receives every accepted recipient exactly once. Receipts come
// in 50 ms here, and the route re-sends lost answers after the grace period (resendUnconfirmed, an
// explicit setting): the campaign gets delivered in full. With the default (no re-send) and slow
// receipts, see slow-receipt-crash.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmscSimulator } from '../../src/routes/simulator/simulator.ts';
import { carrierEnv, receivedPerNumber, startCarrier, startServerProcess, waitFor, type ServerProcess } from '../support/server-process.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { openDb } from '../../src/store/db.ts';
import { createVault } from '../../src/security/vault.ts';
import { signingKey } from '../../src/evidence/signing-key.ts';
import { verifyDatabase } from '../../src/evidence/verify-database.ts';

const COUNT = 20_000;
let simulator: SmscSimulator;
let dataDir: string;
let server: ServerProcess | null = null;

before(async () => {
  simulator = await startCarrier();
  dataDir = mkdtempSync(join(tmpdir(), 'todoku-crash-'));
});

after(async () => {
  await server?.kill('SIGTERM');
  await simulator.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function env(): Record<string, string> {
  return {
    ...carrierEnv(simulator, 9),
    TODOKU_WORKER_STALE_MS: '2000',
    TODOKU_UNCONFIRMED_GRACE_MS: '10000',
  };
}

/** The route's explicit choice to re-send a message whose answer was lost once the grace period has passed. */
async function resendLostAnswers(p: ServerProcess): Promise<void> {
  const route = await p.api<{ sender: string }>('GET', '/routes/smpp');
  const r = await p.api('PUT', '/routes/smpp', { kind: 'smpp', sender: route.body.sender, config: { resendUnconfirmed: true } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

const phone = (i: number) => `0901${String(i).padStart(7, "0")}`;

test('SIGKILL mid-campaign, restart: every recipient received exactly once', { timeout: 240_000 }, async () => {
  server = await startServerProcess(env(), dataDir);
  await resendLostAnswers(server);
  const rows = Array.from({ length: COUNT }, (_, i) => `利用者${i},${phone(i + 1)},${1000 + i}`);
  const { id, imported } = await campaignWithList(server, { name: 'crash', template: '{{name}}様 お支払いのお願い {{amount|yen}}' }, ['氏名,電話番号,金額', ...rows]);
  assert.equal(imported.accepted, COUNT);
  await sendCampaign(server, id);

  await waitFor('a quarter of the campaign at the SMSC', async () => simulator.received().length >= COUNT / 4, 60_000, 20);
  await server.kill('SIGKILL');
  const atKill = simulator.received().length;
  assert.ok(atKill < COUNT, 'the kill happened mid-campaign');

  server = await startServerProcess(env(), dataDir);
  const s = server;
  const final = await waitFor(
    'every message delivered after the restart',
    async () => {
      const c = await s.api<{ status: string; counts: Record<string, number> }>('GET', '/campaigns/crash');
      return c.body.counts.delivered === COUNT && c.body.status === 'completed' ? c.body : undefined;
    },
    180_000,
    500,
  );
  assert.equal(final.status, 'completed');

  const perNumber = receivedPerNumber(simulator);
  const twice = [...perNumber].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], 'nobody received the message twice');
  assert.equal(perNumber.size, COUNT, 'everybody received it');

  // The SIGKILL left the evidence ledger consistent: every entry in its place, every head holding.
  const db = await openDb({ kind: 'sqlite', file: join(dataDir, 'todoku.sqlite') });
  try {
    const key = signingKey(createVault(Buffer.alloc(32, 9)));
    const ledger = await waitFor(
      'the ledger sequenced and verified',
      async () => {
        const r = await verifyDatabase(db.kysely, { publicKeyPem: key.publicKeyPem, keyId: key.keyId });
        assert.equal(r.ok, true, r.failure?.en);
        return r.pending === 0 && r.heads > 0 ? r : undefined;
      },
      30_000,
      500,
    );
    assert.ok(ledger.entries >= COUNT, `${ledger.entries} entries for ${COUNT} messages`);
  } finally {
    await db.close();
  }
});
