// The ledger inside the running app, on both databases: the worker's upkeep sequences what was recorded
// and signs heads stamped by a real TSA (openssl ts); /metrics shows the clock's skew and unstamped
// heads; /ready stays ready and says "degraded" with a clock check when a head was stamped by a TSA
// whose clock is seconds away; a TSA that is down leaves signed heads unstamped (counted); a graceful
// stop sequences what came last.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { startOpensslTsa, type OpensslTsa } from '../support/openssl-tsa.ts';
import { openDb } from '../../src/store/db.ts';
import { createLedger } from '../../src/evidence/ledger.ts';
import { createTimestamper } from '../../src/evidence/tsa-client.ts';
import { createVault } from '../../src/security/vault.ts';
import { createLogger } from '../../src/log.ts';
import { listHeads } from '../../src/store/evidence/heads.ts';
import type { AnyEvidenceInput } from '../../src/core/evidence/entry.ts';

let tsa: OpensslTsa;
let skewed: OpensslTsa;
before(async () => {
  [tsa, skewed] = await Promise.all([startOpensslTsa(), startOpensslTsa({ skewMs: 5000 })]);
});
after(async () => {
  await Promise.all([tsa.stop(), skewed.stop()]);
});

const opened = (messageId: number): AnyEvidenceInput => ({ kind: 'page.opened', campaignId: 1, messageId, data: { first: true } });

async function gauge(t: TestApp, name: string): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  assert.ok(line, `${name} in /metrics`);
  return Number(line.split(' ')[1]);
}

eachDatabase('the ledger in the app', (kind) => {
  test('the worker sequences and signs stamped heads; /metrics and /ready report the clock and the TSA', { timeout: 120_000 }, async () => {
    const t = await startTestApp(kind, { TODOKU_TSA_URL: tsa.url, TODOKU_TSA_CA_FILE: tsa.caFile, TODOKU_EVIDENCE_HEAD_INTERVAL_S: '1' });
    try {
      const { store } = t.app;
      const k = store.db.kysely;
      assert.ok(t.app.ledger);
      await k.transaction().execute((trx) => store.evidence.append(trx, [opened(1), opened(2)]));
      const first = await until('a stamped head from the worker', async () => (await listHeads(k)).find((h) => h.tree_size >= 2 && h.tsa_token !== null), 20_000, 100);
      assert.equal(first.tsa_url, tsa.url);
      assert.equal(await gauge(t, 'todoku_clock_skew_seconds'), 0);
      assert.equal(await gauge(t, 'todoku_evidence_unstamped_heads'), 0);
      assert.deepEqual((await t.api('GET', '/ready', undefined, { key: null })).body, { status: 'ready' });

      // A head stamped by a TSA five seconds behind our clock (another process of the installation).
      const elsewhere = createLedger({ store, vault: createVault(Buffer.alloc(32, 5)), timestamper: createTimestamper({ url: skewed.url, timeoutMs: 5000 }), now: () => skewed.skewedNow(), log: createLogger('silent'), headIntervalMs: 0 });
      await k.transaction().execute((trx) => store.evidence.append(trx, [opened(3)]));
      await elsewhere.seal('test');
      const ready = await t.api('GET', '/ready', undefined, { key: null });
      assert.equal(ready.status, 200);
      assert.equal(ready.body.status, 'degraded');
      assert.match(ready.body.checks.clock, /the local clock is [45]\.\d s off the time-stamp authority's/);
      assert.ok((await gauge(t, 'todoku_clock_skew_seconds')) >= 4);

      // The TSA goes down: the worker keeps signing heads, unstamped, and counts them.
      tsa.setMode('error500');
      await k.transaction().execute((trx) => store.evidence.append(trx, [opened(4)]));
      await until('an unstamped head', async () => (await listHeads(k)).some((h) => h.tsa_token === null && h.tree_size >= 4), 20_000, 100);
      assert.ok((await gauge(t, 'todoku_evidence_unstamped_heads')) >= 1);
      tsa.setMode('ok');
      await k.transaction().execute((trx) => store.evidence.append(trx, [opened(5)]));
      await until('stamped again', async () => (await listHeads(k)).some((h) => h.tsa_token !== null && h.tree_size >= 6), 20_000, 100);
      assert.equal(await gauge(t, 'todoku_evidence_unstamped_heads'), 0);
      assert.equal(await gauge(t, 'todoku_clock_skew_seconds'), 0);
      assert.deepEqual((await t.api('GET', '/ready', undefined, { key: null })).body, { status: 'ready' });

      // Recorded just before a graceful stop: sequenced by the stop itself.
      await k.transaction().execute((trx) => store.evidence.append(trx, Array.from({ length: 50 }, (_, i) => opened(100 + i))));
      const config = t.app.config.database;
      await t.app.stop();
      const db = await openDb(config);
      try {
        const waiting = await db.kysely.selectFrom('evidence_entries').select('id').where('leaf_index', 'is', null).execute();
        assert.deepEqual(waiting, []);
      } finally {
        await db.close();
      }
    } finally {
      tsa.setMode('ok');
      await t.stop();
    }
  });
});
