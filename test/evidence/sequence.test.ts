// Sequencing the ledger on both databases: entries appended in separate transactions get contiguous
// leaf indexes and numbers 1..k within their campaign; the stored tree's root, nodes and frontier
// agree with the pure Merkle code; proofs read from the store verify against the heads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase } from '../support/db.ts';
import type { AnyEvidenceInput } from '../../src/core/evidence/entry.ts';
import { canonicalJson, leafText } from '../../src/core/evidence/entry.ts';
import { appendLeaf, EMPTY_FRONTIER, frontierRoot, leafHash, rootOf, verifyConsistency, verifyInclusion, type Frontier } from '../../src/core/evidence/merkle.ts';
import { leafOfRow, readState, recordedLeafText, sequence } from '../../src/store/evidence/sequence.ts';
import { consistencyProofAt, inclusionProofAt, piecesOf, rootAt, subtreeHashFrom } from '../../src/store/evidence/proofs.ts';

const opened = (campaignId: number | null, messageId: number | null): AnyEvidenceInput => ({ kind: 'page.opened', campaignId, messageId, data: { first: true } });

test('a range splits into the aligned complete subtrees MTH uses', () => {
  assert.deepEqual(piecesOf(0, 8), [[3, 0]]);
  assert.deepEqual(piecesOf(0, 7), [[2, 0], [1, 2], [0, 6]]);
  assert.deepEqual(piecesOf(8, 13), [[2, 2], [0, 12]]);
  assert.deepEqual(piecesOf(5, 5), []);
});

test('the sequencer’s leaf text (put together from the row) is the defined one, for any data the recorder writes', () => {
  const datas: unknown[] = [
    { first: true },
    { counts: { delivered: 3, failed: 0, 'unknown-é': 1 }, z: [1, 'two', null, { b: 1, a: 2 }] },
    { text: 'ab'.repeat(32), intent: null, optOut: false, reply: 9 },
    { s: '改行\n"引用"\u0000\u2028', n: -1.5e-7, big: 12345678901234 },
    {},
  ];
  for (const d of datas) {
    for (const row of [
      { kind: 'page.opened' as const, at: 1_760_000_000_123, campaign_id: 7, message_id: 9, n: 3, data_json: canonicalJson(d) },
      { kind: 'clock.skew' as const, at: 0, campaign_id: null, message_id: null, n: null, data_json: canonicalJson(d) },
    ]) {
      assert.equal(recordedLeafText(row), leafText(leafOfRow(row)));
    }
  }
});

eachDatabase('evidence sequencer', (kind) => {
  test('entries from several transactions: contiguous leaves, per-campaign numbers, the root of all leaf hashes', async () => {
    let clock = 1_760_000_000_000;
    const t = await createTestDb(kind, () => clock);
    try {
      const { db, store } = t;
      const run = () => sequence(db, () => clock, 7);
      assert.deepEqual(await run(), { appended: 0, size: 0, completedCampaigns: 0 });
      // Three transactions of mixed campaigns (and entries with none), sequenced in batches of 7.
      const batches: AnyEvidenceInput[][] = [
        [opened(1, 10), opened(2, 20), opened(null, null), opened(1, 11)],
        [opened(2, 21), opened(1, 12), { kind: 'campaign.completed', campaignId: 2, messageId: null, data: { counts: { delivered: 2 } } }],
        Array.from({ length: 9 }, (_, i) => opened(3, 30 + i)),
      ];
      for (const b of batches) {
        clock += 1000;
        await db.kysely.transaction().execute((trx) => store.evidence.append(trx, b));
      }
      const first = await run();
      assert.deepEqual(first, { appended: 7, size: 7, completedCampaigns: 1 });
      assert.deepEqual(await run(), { appended: 7, size: 14, completedCampaigns: 0 });
      assert.deepEqual(await run(), { appended: 2, size: 16, completedCampaigns: 0 });
      assert.deepEqual(await run(), { appended: 0, size: 16, completedCampaigns: 0 });

      const rows = await db.kysely.selectFrom('evidence_entries').selectAll().orderBy('leaf_index').execute();
      assert.deepEqual(rows.map((r) => Number(r.leaf_index)), [...Array(16).keys()]);
      // Sequenced in the order appended (id order within the batches).
      assert.deepEqual(rows.map((r) => Number(r.id)), [...rows.map((r) => Number(r.id))].sort((a, b) => a - b));
      const numbers = new Map<string, number[]>();
      for (const r of rows) numbers.set(String(r.campaign_id), [...(numbers.get(String(r.campaign_id)) ?? []), r.n === null ? -1 : Number(r.n)]);
      assert.deepEqual(Object.fromEntries(numbers), { '1': [1, 2, 3], '2': [1, 2, 3], null: [-1], '3': [1, 2, 3, 4, 5, 6, 7, 8, 9] });

      // Each leaf hash is recomputable from its row alone, and the tree's root is the root of them all.
      const hashes = rows.map((r) => leafHash(leafText(leafOfRow(r))));
      assert.deepEqual(rows.map((r) => r.leaf_hash), hashes.map((h) => h.toString('hex')));
      assert.equal(leafText(leafOfRow(rows[2]!)), `{"at":${1_760_000_001_000},"c":null,"d":{"first":true},"kind":"page.opened","m":null,"n":null,"v":1}`);
      const state = await readState(db.kysely);
      assert.equal(state.size, 16);
      assert.equal(frontierRoot(state).toString('hex'), rootOf(hashes).toString('hex'));
      assert.equal(state.updatedAt, clock);
      for (let size = 0; size <= 16; size += 1) assert.equal((await rootAt(db.kysely, size)).toString('hex'), rootOf(hashes.slice(0, size)).toString('hex'), `root at ${size}`);

      // Every complete subtree is stored once: 8 pairs, 4 quads, 2 eights, 1 sixteen.
      const nodes = await db.kysely.selectFrom('evidence_nodes').selectAll().execute();
      assert.equal(nodes.length, 15);
      let f: Frontier = EMPTY_FRONTIER;
      const expected = new Map<string, string>();
      for (const h of hashes) {
        const step = appendLeaf(f, h);
        f = step.frontier;
        for (const c of step.completed) expected.set(`${c.level}/${c.idx}`, c.hash.toString('hex'));
      }
      assert.deepEqual(new Map(nodes.map((n) => [`${n.level}/${Number(n.idx)}`, n.hash])), expected);

      // Proofs from the store verify against the roots: every leaf at several sizes, every pair of sizes.
      for (const size of [1, 5, 7, 13, 16]) {
        const root = rootOf(hashes.slice(0, size));
        for (let i = 0; i < size; i += 1) assert.ok(verifyInclusion(hashes[i]!, i, size, await inclusionProofAt(db.kysely, i, size), root), `leaf ${i} of ${size}`);
      }
      for (let m = 0; m <= 16; m += 1) {
        for (let n = m; n <= 16; n += 1) {
          const proof = await consistencyProofAt(db.kysely, m, n);
          assert.ok(verifyConsistency(m, n, rootOf(hashes.slice(0, m)), rootOf(hashes.slice(0, n)), proof), `${m} → ${n}`);
        }
      }
      const subtree = subtreeHashFrom(db.kysely);
      assert.equal((await subtree(3, 11)).toString('hex'), rootOf(hashes.slice(3, 11)).toString('hex'));
      assert.equal((await subtree(3, 11)).toString('hex'), rootOf(hashes.slice(3, 11)).toString('hex'));

      // Later entries continue the numbering of their campaign.
      await db.kysely.transaction().execute((trx) => store.evidence.append(trx, [opened(1, 13), opened(3, 40)]));
      assert.deepEqual(await run(), { appended: 2, size: 18, completedCampaigns: 0 });
      const later = await db.kysely.selectFrom('evidence_entries').select(['campaign_id', 'n', 'leaf_index']).where('leaf_index', '>=', 16).orderBy('leaf_index').execute();
      assert.deepEqual(later.map((r) => [Number(r.campaign_id), Number(r.n), Number(r.leaf_index)]), [[1, 4, 16], [3, 10, 17]]);
    } finally {
      await t.cleanup();
    }
  });

  test('a large batch is sequenced in one call and proofs over it stay right', async () => {
    const t = await createTestDb(kind, () => 1_760_000_000_000);
    try {
      const { db, store } = t;
      const entries = Array.from({ length: 2345 }, (_, i) => opened(1 + (i % 3), i));
      await db.kysely.transaction().execute((trx) => store.evidence.append(trx, entries));
      assert.deepEqual(await sequence(db, () => 1, 5000), { appended: 2345, size: 2345, completedCampaigns: 0 });
      const rows = await db.kysely.selectFrom('evidence_entries').select(['leaf_hash', 'n', 'campaign_id']).orderBy('leaf_index').execute();
      const hashes = rows.map((r) => Buffer.from(r.leaf_hash!, 'hex'));
      const root = rootOf(hashes);
      assert.equal((await rootAt(db.kysely, 2345)).toString('hex'), root.toString('hex'));
      assert.deepEqual(rows.filter((r) => r.campaign_id === 2).map((r) => r.n), Array.from({ length: 782 }, (_, i) => i + 1));
      for (const i of [0, 1, 1023, 1024, 2047, 2048, 2344]) assert.ok(verifyInclusion(hashes[i]!, i, 2345, await inclusionProofAt(db.kysely, i, 2345), root), `leaf ${i}`);
      assert.ok(verifyConsistency(1000, 2345, rootOf(hashes.slice(0, 1000)), root, await consistencyProofAt(db.kysely, 1000, 2345)));
    } finally {
      await t.cleanup();
    }
  });
});
