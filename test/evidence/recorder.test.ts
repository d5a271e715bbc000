// Appending evidence inside a transaction: an entry exists exactly when its fact was committed, and
// sealed content opens to what its commitment says, on both databases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault } from '../support/db.ts';
import { openContent } from '../../src/store/evidence/recorder.ts';
import { opensTo } from '../../src/core/evidence/commitment.ts';

eachDatabase('evidence recorder', (kind) => {
  test('entries commit with their transaction, and a rolled-back fact leaves none', async () => {
    const t = await createTestDb(kind, () => 1_700_000_000_000);
    try {
      const { store, db } = t;
      await db.kysely.transaction().execute(async (trx) => {
        const [text] = await store.evidence.seal(trx, ['山田様 お支払いのお願い']);
        await store.evidence.append(trx, [{ kind: 'page.opened', campaignId: 1, messageId: 2, data: { first: true } }, { kind: 'reply.received', campaignId: 1, messageId: 2, data: { text: text!, intent: null, optOut: false, reply: 9 } }]);
      });
      await assert.rejects(
        db.kysely.transaction().execute(async (trx) => {
          await store.evidence.append(trx, [{ kind: 'page.opened', campaignId: 1, messageId: 3, data: { first: true } }]);
          throw new Error('the fact failed');
        }),
      );
      const rows = await db.kysely.selectFrom('evidence_entries').selectAll().orderBy('id').execute();
      assert.deepEqual(rows.map((r) => [r.kind, r.message_id, r.leaf_index, r.at]), [['page.opened', 2, null, 1_700_000_000_000], ['reply.received', 2, null, 1_700_000_000_000]]);
      const commitment = (JSON.parse(rows[1]!.data_json) as { text: string }).text;
      assert.doesNotMatch(rows.map((r) => r.data_json).join(''), /山田/);
      const opened = await openContent(db.kysely, testVault, commitment, null);
      assert.equal(opened?.content, '山田様 お支払いのお願い');
      assert.ok(opensTo(commitment, opened!.nonce, opened!.content));
      assert.ok(!opensTo(commitment, opened!.nonce, '山田様 お支払いのお願い!'));
    } finally {
      await t.cleanup();
    }
  });
});
