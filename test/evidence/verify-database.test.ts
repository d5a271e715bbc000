// `verify --database` finds each kind of tampering with the ledger's rows and names it: an edited entry,
// an edited leaf hash, two entries' times swapped, an edited number, a head's root, signature or time
// changed, a node deleted or changed, an entry deleted (in the middle or at the end), the stored frontier
// changed, a head beyond the tree. Each change is undone before the next, on one ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault } from '../support/db.ts';
import { createLedger } from '../../src/evidence/ledger.ts';
import { createLogger } from '../../src/log.ts';
import { listHeads } from '../../src/store/evidence/heads.ts';
import type { AnyEvidenceInput } from '../../src/core/evidence/entry.ts';
import { verifyDatabase, type DatabaseVerifyReport } from '../../src/evidence/verify-database.ts';
import { createVault } from '../../src/security/vault.ts';

const opened = (campaignId: number, messageId: number, at: number): AnyEvidenceInput => ({ kind: 'page.opened', campaignId, messageId, at, data: { first: messageId % 2 === 0 } });

eachDatabase('verify --database', (kind) => {
  test('each kind of tampering is found and named, and the ledger verifies again once it is undone', async () => {
    let clock = 1_760_000_000_000;
    const t = await createTestDb(kind, () => clock);
    try {
      const { db, store } = t;
      const k = db.kysely;
      const ledger = createLedger({ store, vault: testVault, timestamper: null, now: () => clock, log: createLogger('silent'), headIntervalMs: 120_000 });
      await k.transaction().execute((trx) => store.evidence.append(trx, Array.from({ length: 20 }, (_, i) => opened(1 + (i % 2), i, clock + i * 1000))));
      const h1 = await ledger.seal('test');
      clock += 10_000;
      await k.transaction().execute((trx) => store.evidence.append(trx, Array.from({ length: 13 }, (_, i) => opened(1, 100 + i, clock + i * 1000))));
      const h2 = await ledger.seal('test');
      assert.deepEqual([h1.tree_size, h2.tree_size], [20, 33]);
      const good = await ledger.verifyDatabase();
      assert.deepEqual({ ...good, lastHeadAt: 0 }, { ok: true, entries: 33, pending: 0, heads: 2, stampedHeads: 0, lastHeadAt: 0, failure: null });

      const entry = async (leafIndex: number) => (await k.selectFrom('evidence_entries').selectAll().where('leaf_index', '=', leafIndex).executeTakeFirstOrThrow());
      const expectFailure = async (report: DatabaseVerifyReport, where: unknown, en: RegExp, ja: RegExp) => {
        assert.equal(report.ok, false);
        assert.deepEqual(report.failure?.where, where);
        assert.match(report.failure!.en, en);
        assert.match(report.failure!.ja, ja);
      };
      const undone = async () => {
        const again = await ledger.verifyDatabase();
        assert.equal(again.ok, true, again.failure?.en);
      };

      // An entry's data edited (a receipt "delivered" that was not, say).
      const e5 = await entry(5);
      await k.updateTable('evidence_entries').set({ data_json: '{"first":true}' }).where('id', '=', e5.id).execute();
      assert.notEqual(e5.data_json, '{"first":true}');
      await expectFailure(await ledger.verifyDatabase(), { leafIndex: 5 }, /leaf index 5 does not match its leaf hash/, /記録 #5 の内容がハッシュ値と一致しません/);
      await k.updateTable('evidence_entries').set({ data_json: e5.data_json }).where('id', '=', e5.id).execute();
      await undone();

      // A leaf hash rewritten to match an edited entry is still caught: the tree above it disagrees.
      const e7 = await entry(7);
      await k.updateTable('evidence_entries').set({ leaf_hash: 'ab'.repeat(32) }).where('id', '=', e7.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { leafIndex: 7 }, /leaf index 7 does not match/, /記録 #7/);
      await k.updateTable('evidence_entries').set({ leaf_hash: e7.leaf_hash }).where('id', '=', e7.id).execute();
      await undone();

      // Two entries' times swapped.
      const [e10, e11] = [await entry(10), await entry(11)];
      assert.notEqual(e10.at, e11.at);
      await k.updateTable('evidence_entries').set({ at: e11.at }).where('id', '=', e10.id).execute();
      await k.updateTable('evidence_entries').set({ at: e10.at }).where('id', '=', e11.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { leafIndex: 10 }, /leaf index 10 does not match/, /記録 #10/);
      await k.updateTable('evidence_entries').set({ at: e10.at }).where('id', '=', e10.id).execute();
      await k.updateTable('evidence_entries').set({ at: e11.at }).where('id', '=', e11.id).execute();
      await undone();

      // A campaign number changed (say, to hide a gap left by a deleted entry).
      const e12 = await entry(12);
      await k.updateTable('evidence_entries').set({ n: 99 }).where('id', '=', e12.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { leafIndex: 12 }, /does not match/, /一致しません/);
      await k.updateTable('evidence_entries').set({ n: e12.n }).where('id', '=', e12.id).execute();
      await undone();

      // A head's root, signature, or time changed.
      await k.updateTable('evidence_heads').set({ root_hash: 'cd'.repeat(32) }).where('id', '=', h1.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { headId: h1.id }, new RegExp(`tree head ${h1.id} \\(20 entries\\): its root hash`), /ルートハッシュが記録から計算した値と一致しません/);
      await k.updateTable('evidence_heads').set({ root_hash: h1.root_hash }).where('id', '=', h1.id).execute();
      const sig = Buffer.from(h2.signature, 'base64');
      sig[0]! ^= 1;
      await k.updateTable('evidence_heads').set({ signature: sig.toString('base64') }).where('id', '=', h2.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { headId: h2.id }, /signature does not verify/, /署名を検証できません/);
      await k.updateTable('evidence_heads').set({ signature: h2.signature }).where('id', '=', h2.id).execute();
      await k.updateTable('evidence_heads').set({ signed_at: h2.signed_at - 3_600_000 }).where('id', '=', h2.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { headId: h2.id }, /signature does not verify/, /署名/);
      await k.updateTable('evidence_heads').set({ signed_at: h2.signed_at }).where('id', '=', h2.id).execute();
      await undone();

      // A node deleted, or changed.
      const node = await k.selectFrom('evidence_nodes').selectAll().where('level', '=', 2).where('idx', '=', 1).executeTakeFirstOrThrow();
      await k.deleteFrom('evidence_nodes').where('level', '=', 2).where('idx', '=', 1).execute();
      await expectFailure(await ledger.verifyDatabase(), { node: { level: 2, idx: 1 } }, /tree node 2\/1 \(entries 4–7\) is missing/, /木のノード 2\/1（記録 #4〜#7）がありません/);
      await k.insertInto('evidence_nodes').values({ ...node, hash: '00'.repeat(32) }).execute();
      await expectFailure(await ledger.verifyDatabase(), { node: { level: 2, idx: 1 } }, /does not match the entries under it/, /一致しません/);
      await k.updateTable('evidence_nodes').set({ hash: node.hash }).where('level', '=', 2).where('idx', '=', 1).execute();
      await undone();

      // The stored frontier changed.
      const state = await k.selectFrom('evidence_state').selectAll().executeTakeFirstOrThrow();
      await k.updateTable('evidence_state').set({ frontier_json: JSON.stringify(['00'.repeat(32)]) }).execute();
      await expectFailure(await ledger.verifyDatabase(), { state: true }, /right edge/, /右端/);
      await k.updateTable('evidence_state').set({ frontier_json: state.frontier_json }).execute();
      await undone();

      // A head claiming more than the tree holds.
      await k.updateTable('evidence_heads').set({ tree_size: 40 }).where('id', '=', h2.id).execute();
      await expectFailure(await ledger.verifyDatabase(), { headId: h2.id }, /covers 40 entries but the tree has 33/, /33 件しかありません/);
      await k.updateTable('evidence_heads').set({ tree_size: 33 }).where('id', '=', h2.id).execute();
      await undone();

      // The last entry deleted: the tree's size still says 33.
      await k.deleteFrom('evidence_entries').where('leaf_index', '=', 32).execute();
      await expectFailure(await ledger.verifyDatabase(), { leafIndex: 32 }, /leaf index 32 is missing \(the tree has 33 entries\)/, /記録 #32 がありません/);

      // An entry deleted in the middle: named as missing (before anything after it is read).
      await k.deleteFrom('evidence_entries').where('leaf_index', '=', 3).execute();
      await expectFailure(await ledger.verifyDatabase(), { leafIndex: 3 }, /leaf index 3 is missing \(deleted/, /記録 #3 がありません（台帳から削除されています）/);
      assert.equal((await listHeads(k)).length, 2);
    } finally {
      await t.cleanup();
    }
  });

  test('entries read page by page: a small page size gives the same verdicts', async () => {
    const t = await createTestDb(kind);
    try {
      const { db, store } = t;
      const ledger = createLedger({ store, vault: testVault, timestamper: null, now: Date.now, log: createLogger('silent'), headIntervalMs: 0 });
      for (let round = 0; round < 5; round += 1) {
        await db.kysely.transaction().execute((trx) => store.evidence.append(trx, Array.from({ length: 7 + round }, (_, i) => opened(round, i, 1_760_000_000_000 + i))));
        await ledger.seal('test');
      }
      const options = { publicKeyPem: ledger.key.publicKeyPem, keyId: ledger.key.keyId };
      for (const pageSize of [1, 3, 8, 1000]) {
        const report = await verifyDatabase(db.kysely, { ...options, pageSize });
        assert.equal(report.ok, true, `page ${pageSize}: ${report.failure?.en}`);
        assert.equal(report.entries, 45);
      }
      const node = await db.kysely.selectFrom('evidence_nodes').selectAll().where('level', '=', 3).where('idx', '=', 4).executeTakeFirstOrThrow();
      await db.kysely.deleteFrom('evidence_nodes').where('level', '=', 3).where('idx', '=', 4).execute();
      for (const pageSize of [1, 3, 8, 1000]) assert.deepEqual((await verifyDatabase(db.kysely, { ...options, pageSize })).failure?.where, { node: { level: 3, idx: 4 } }, `page ${pageSize}`);
      await db.kysely.insertInto('evidence_nodes').values(node).execute();
      assert.equal((await verifyDatabase(db.kysely, options)).ok, true);
      // Another installation's key (another TODOKU_SECRET_KEY) does not accept these heads.
      const other = createLedger({ store, vault: createVault(Buffer.alloc(32, 9)), timestamper: null, now: Date.now, log: createLogger('silent'), headIntervalMs: 0 });
      const report = await other.verifyDatabase();
      assert.equal(report.ok, false);
      const first = (await listHeads(db.kysely))[0]!;
      assert.deepEqual(report.failure?.where, { headId: first.id });
      assert.match(report.failure!.en, new RegExp(`names key ${ledger.key.keyId}, not this installation's key ${other.key.keyId}`));
    } finally {
      await t.cleanup();
    }
  });
});
