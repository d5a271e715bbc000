// The ledger on both databases: when heads are made (first entries at once, then once per interval, at
// once when a campaign completes, on demand by seal), that they are signed with the installation's key
// and cover a root the store's proofs lead to; stamping by a real RFC 3161 TSA (openssl ts), a TSA that
// is down (signed head kept without a stamp, the next one stamped) and a clock that is off by more than
// a second (a clock.skew entry, the status for /ready and /metrics).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { startOpensslTsa, type OpensslTsa } from '../support/openssl-tsa.ts';
import { createLedger, type LedgerDeps } from '../../src/evidence/ledger.ts';
import { createTimestamper } from '../../src/evidence/tsa-client.ts';
import { createLogger } from '../../src/log.ts';
import { headDigest, verifyHeadSignature } from '../../src/core/evidence/head.ts';
import { verifyInclusion, verifyConsistency } from '../../src/core/evidence/merkle.ts';
import { verifyTimestampToken } from '../../src/core/evidence/tsa-token.ts';
import { inclusionProofAt, consistencyProofAt, leafHashAt } from '../../src/store/evidence/proofs.ts';
import { listHeads } from '../../src/store/evidence/heads.ts';
import { headOfRow } from '../../src/evidence/verify-database.ts';
import type { AnyEvidenceInput } from '../../src/core/evidence/entry.ts';

const log = createLogger('silent');
const opened = (campaignId: number, messageId: number): AnyEvidenceInput => ({ kind: 'page.opened', campaignId, messageId, data: { first: true } });
const append = (t: TestDb, entries: AnyEvidenceInput[]) => t.db.kysely.transaction().execute((trx) => t.store.evidence.append(trx, entries));

let tsa: OpensslTsa;
before(async () => {
  tsa = await startOpensslTsa();
});
after(async () => {
  await tsa.stop();
});

eachDatabase('evidence ledger', (kind) => {
  test('heads: the first entries at once, then once per interval, at once for a completed campaign, and on demand', async () => {
    let clock = 1_760_000_000_000;
    const t = await createTestDb(kind, () => clock);
    try {
      const ledger = createLedger({ store: t.store, vault: testVault, timestamper: null, now: () => clock, log, headIntervalMs: 120_000 });
      await ledger.tick();
      assert.equal((await listHeads(t.db.kysely)).length, 0, 'no entries, no head');
      await append(t, [opened(1, 1), opened(1, 2), opened(2, 3)]);
      await ledger.tick();
      let heads = await listHeads(t.db.kysely);
      assert.deepEqual(heads.map((h) => [h.tree_size, h.reason, h.signed_at]), [[3, 'interval', clock]]);

      await append(t, [opened(1, 4)]);
      clock += 60_000;
      await ledger.tick();
      assert.equal((await listHeads(t.db.kysely)).length, 1, 'within the interval: sequenced, no head yet');
      clock += 60_000;
      await ledger.tick();
      heads = await listHeads(t.db.kysely);
      assert.deepEqual(heads.map((h) => h.tree_size), [3, 4]);
      clock += 600_000;
      await ledger.tick();
      assert.equal((await listHeads(t.db.kysely)).length, 2, 'nothing new: no head however long');

      clock += 1000;
      await append(t, [{ kind: 'campaign.completed', campaignId: 1, messageId: null, data: { counts: { delivered: 3 } } }]);
      await ledger.tick();
      heads = await listHeads(t.db.kysely);
      assert.deepEqual(heads.map((h) => [h.tree_size, h.reason]).at(-1), [5, 'campaign.completed']);

      clock += 1000;
      await append(t, [opened(2, 5)]);
      const sealed = await ledger.seal('certificate');
      assert.deepEqual([sealed.tree_size, sealed.reason], [6, 'certificate']);
      assert.equal((await ledger.seal('export')).id, sealed.id, 'a head that covers everything is reused');

      // Every head is signed by the installation's key over its root; proofs from the store lead to the roots.
      heads = await listHeads(t.db.kysely);
      for (const h of heads) {
        assert.equal(h.key_id, ledger.key.keyId);
        assert.ok(verifyHeadSignature(headOfRow(h), h.signature, ledger.key.publicKeyPem));
        assert.equal(h.tsa_token, null);
      }
      const last = heads.at(-1)!;
      for (let i = 0; i < last.tree_size; i += 1) {
        const leaf = Buffer.from((await leafHashAt(t.db.kysely, i))!, 'hex');
        assert.ok(verifyInclusion(leaf, i, last.tree_size, await inclusionProofAt(t.db.kysely, i, last.tree_size), Buffer.from(last.root_hash, 'hex')));
      }
      for (const h of heads) {
        assert.ok(verifyConsistency(h.tree_size, last.tree_size, Buffer.from(h.root_hash, 'hex'), Buffer.from(last.root_hash, 'hex'), await consistencyProofAt(t.db.kysely, h.tree_size, last.tree_size)));
      }
      const report = await ledger.verifyDatabase();
      assert.deepEqual({ ...report, lastHeadAt: null }, { ok: true, entries: 6, pending: 0, heads: heads.length, stampedHeads: 0, lastHeadAt: null, failure: null });
      assert.equal(report.lastHeadAt, last.signed_at);
    } finally {
      await t.cleanup();
    }
  });

  test('concurrent ticks and seals in one process make one head per size', async () => {
    const t = await createTestDb(kind);
    try {
      const ledger = createLedger({ store: t.store, vault: testVault, timestamper: null, now: Date.now, log, headIntervalMs: 0 });
      await append(t, [opened(1, 1), opened(1, 2)]);
      const results = await Promise.all([ledger.tick(), ledger.seal('a'), ledger.tick(), ledger.seal('b')]);
      assert.equal((results[1] as { id: number }).id, (results[3] as { id: number }).id);
      assert.deepEqual((await listHeads(t.db.kysely)).map((h) => h.tree_size), [2]);
    } finally {
      await t.cleanup();
    }
  });

  test('with a TSA: heads stamped over their digest; a TSA down leaves a signed head unstamped until the next', async () => {
    const t = await createTestDb(kind);
    try {
      const timestamper = createTimestamper({ url: tsa.url, timeoutMs: 5000, trustedCertsPem: [tsa.caPem] });
      const deps: LedgerDeps = { store: t.store, vault: testVault, timestamper, now: Date.now, log, headIntervalMs: 0, tsaTrustedCertsPem: [tsa.caPem] };
      const ledger = createLedger(deps);
      await append(t, [opened(1, 1)]);
      const first = await ledger.seal('certificate');
      assert.ok(first.tsa_token);
      assert.equal(first.tsa_url, tsa.url);
      const check = await verifyTimestampToken(Buffer.from(first.tsa_token, 'base64'), headDigest(headOfRow(first)), { trustedCertsPem: [tsa.caPem] });
      assert.ok(check.ok && check.genTime === first.tsa_time);
      assert.equal(first.skew_ms, 0, 'the same clock on both sides');
      assert.deepEqual(await ledger.status(), { clockSkewMs: first.skew_ms, unstampedHeads: 0 });

      tsa.setMode('error500');
      await append(t, [opened(1, 2)]);
      const unstamped = await ledger.seal('certificate');
      assert.equal(unstamped.tsa_token, null);
      assert.equal(unstamped.tree_size, 2);
      assert.ok(verifyHeadSignature(headOfRow(unstamped), unstamped.signature, ledger.key.publicKeyPem));
      assert.equal((await ledger.status()).unstampedHeads, 1);
      await append(t, [opened(1, 3)]);
      await ledger.tick();
      assert.equal((await ledger.status()).unstampedHeads, 2);

      tsa.setMode('ok');
      await append(t, [opened(1, 4)]);
      await ledger.tick();
      const heads = await listHeads(t.db.kysely);
      assert.deepEqual(heads.map((h) => h.tsa_token !== null), [true, false, false, true]);
      assert.equal((await ledger.status()).unstampedHeads, 0);
      const report = await ledger.verifyDatabase();
      assert.equal(report.ok, true, report.failure?.en);
      assert.equal(report.stampedHeads, 2);

      // A token changed in the database no longer holds.
      const token = Buffer.from(heads[3]!.tsa_token!, 'base64');
      token[token.length - 10]! ^= 1;
      await t.db.kysely.updateTable('evidence_heads').set({ tsa_token: token.toString('base64') }).where('id', '=', heads[3]!.id).execute();
      const bad = await ledger.verifyDatabase();
      assert.equal(bad.ok, false);
      assert.deepEqual(bad.failure?.where, { headId: heads[3]!.id });
      assert.match(bad.failure!.en, /time stamp does not hold/);
      assert.match(bad.failure!.ja, /タイムスタンプが有効ではありません/);
    } finally {
      tsa.setMode('ok');
      await t.cleanup();
    }
  });

  test('a clock more than a second off the TSA’s: recorded as a clock.skew entry and reported', async () => {
    const skewed = await startOpensslTsa({ skewMs: 5000 });
    const t = await createTestDb(kind);
    try {
      const ledger = createLedger({ store: t.store, vault: testVault, timestamper: createTimestamper({ url: skewed.url, timeoutMs: 5000 }), now: () => skewed.skewedNow(), log, headIntervalMs: 0 });
      await append(t, [opened(1, 1)]);
      const head = await ledger.seal('certificate');
      assert.ok(head.skew_ms! > 3000 && head.skew_ms! <= 5000, `skew ${head.skew_ms}`);
      assert.ok((await ledger.status()).clockSkewMs! > 3000);
      // The entry calls for one more head; while the clock stays off no further entry (an idle ledger rests).
      await ledger.tick();
      await ledger.tick();
      await ledger.tick();
      const heads = await listHeads(t.db.kysely);
      assert.deepEqual(heads.map((h) => [h.tree_size, h.skew_ms! > 3000]), [[1, true], [2, true]]);
      const entries = await t.db.kysely.selectFrom('evidence_entries').select(['kind', 'data_json', 'leaf_index']).where('kind', '=', 'clock.skew').execute();
      assert.equal(entries.length, 1);
      assert.deepEqual(JSON.parse(entries[0]!.data_json), { head: head.id, skewMs: head.skew_ms, tsa: skewed.url });
      assert.equal(entries[0]!.leaf_index, 1, 'sequenced after the head it speaks of');
    } finally {
      await t.cleanup();
      await skewed.stop();
    }
  });
});
