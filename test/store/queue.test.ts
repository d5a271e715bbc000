// The message queue on both databases: materialise once, claim without overlap, record outcomes,
// receipts that race their submit's answer, and recovery of what a dead worker left in flight.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';

async function campaignWithRecipients(t: TestDb, name: string, n: number) {
  const c = await t.store.campaigns.create({ name, template: 'こんにちは {{name}}' });
  const rows = Array.from({ length: n }, (_, i) => ({ line: i + 2, phone: `+8190${String(10000000 + i)}`, fields: { name: `人${i}` } }));
  const r = await t.store.recipients.insertBatch(c.id, rows);
  assert.equal(r.inserted, n);
  await t.store.campaigns.transition(c.id, ['draft'], 'sending');
  return c;
}

eachDatabase('message queue', (kind) => {
  let t: TestDb;
  let clock = 1_000_000;
  beforeEach(async () => {
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  test('a recipient number already in the campaign is reported as a duplicate, not stored twice', async () => {
    const c = await t.store.campaigns.create({ name: 'dupes' });
    const first = await t.store.recipients.insertBatch(c.id, [{ line: 2, phone: '+819011112222', fields: {} }]);
    const again = await t.store.recipients.insertBatch(c.id, [
      { line: 2, phone: '+819011112222', fields: {} },
      { line: 3, phone: '+819011113333', fields: {} },
    ]);
    assert.equal(first.inserted, 1);
    assert.equal(again.inserted, 1);
    assert.deepEqual(again.duplicates.map((d) => d.line), [2]);
    const sameFileAgain = await t.store.recipients.insertBatch(c.id, [{ line: 3, phone: '+819011113333', fields: {} }]);
    assert.deepEqual(sameFileAgain.duplicates.map((d) => d.line), [3], 'the same line of the same file uploaded twice is a duplicate');
  });

  test('personal data is sealed at rest', async () => {
    const c = await t.store.campaigns.create({ name: 'sealed' });
    await t.store.recipients.insertBatch(c.id, [{ line: 2, phone: '+819099998888', fields: { name: '山田 太郎' } }]);
    const raw = await t.db.kysely.selectFrom('recipients').selectAll().where('campaign_id', '=', c.id).executeTakeFirstOrThrow();
    assert.ok(!raw.fields_enc.includes('9099998888'));
    assert.ok(!raw.fields_enc.includes('山田'));
    assert.ok(testVault.decrypt(raw.fields_enc).includes('+819099998888'));
  });

  test('materialising twice creates each message once', async () => {
    const c = await campaignWithRecipients(t, 'once', 25);
    assert.equal(await t.store.messages.materialise(c.id), 25);
    assert.equal(await t.store.messages.materialise(c.id), 0);
    assert.deepEqual(await t.store.messages.countsByState(c.id), { queued: 25 });
  });

  test('two workers claiming at the same time never get the same message', async () => {
    const c = await campaignWithRecipients(t, 'race', 60);
    await t.store.messages.materialise(c.id);
    const [a, b] = await Promise.all([t.store.messages.claim('w-a', 40), t.store.messages.claim('w-b', 40)]);
    const ids = [...a!, ...b!].map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids.length, 60);
  });

  test('a paused campaign is not claimed', async () => {
    const c = await campaignWithRecipients(t, 'paused', 3);
    await t.store.messages.materialise(c.id);
    await t.store.campaigns.transition(c.id, ['sending'], 'paused');
    const claimed = await t.store.messages.claim('w-p', 100);
    assert.equal(claimed.filter((m) => m.campaignId === c.id).length, 0);
  });

  test('outcomes: accepted, transient retry with backoff, permanent failure', async () => {
    const c = await campaignWithRecipients(t, 'outcomes', 3);
    await t.store.messages.materialise(c.id);
    const claimed = (await t.store.messages.claim('w1', 100)).filter((m) => m.campaignId === c.id);
    assert.equal(claimed.length, 3);
    const [m1, m2, m3] = claimed as [typeof claimed[0], typeof claimed[0], typeof claimed[0]];
    await t.store.messages.record('w1', [
      { id: m1.id, kind: 'accepted', smscId: 'abc1', route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' },
      { id: m2.id, kind: 'retry', code: 'ESME_RTHROTTLED', reason: 'throttled', attempts: m2.attempts },
      { id: m3.id, kind: 'failed', code: 'ESME_RINVDSTADR', reason: 'invalid destination' },
    ]);
    const msgs = await t.store.messages.list(c.id, { limit: 10 });
    const byId = new Map(msgs.map((m) => [m.id, m]));
    assert.equal(byId.get(m1.id)!.state, 'submitted');
    assert.equal(byId.get(m1.id)!.smsc_id, 'abc1');
    assert.equal(byId.get(m2.id)!.state, 'queued');
    assert.equal(byId.get(m2.id)!.next_attempt_at, clock + 5_000);
    assert.equal(byId.get(m3.id)!.state, 'failed');
    assert.equal(byId.get(m3.id)!.error_code, 'ESME_RINVDSTADR');
  });

  test('a receipt that arrives before its submit answer is stored is applied afterwards', async () => {
    const c = await campaignWithRecipients(t, 'race-receipt', 1);
    await t.store.messages.materialise(c.id);
    const [m] = (await t.store.messages.claim('w2', 100)).filter((x) => x.campaignId === c.id);
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'early1', status: 'delivered', carrierState: 'DELIVRD' }, toHash: null }]);
    assert.equal((await t.store.messages.list(c.id, { limit: 1 }))[0]!.state, 'submitting');
    await t.store.messages.record('w2', [{ id: m!.id, kind: 'accepted', smscId: 'early1', route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' }]);
    const [stored] = await t.store.messages.list(c.id, { limit: 1 });
    assert.equal(stored!.state, 'delivered');
    assert.equal(stored!.carrier_state, 'DELIVRD');
  });

  test("a dead worker's in-flight message is adopted by a late receipt, or re-queued after the grace period on a route that re-sends", async () => {
    const c = await campaignWithRecipients(t, 'orphans', 2);
    await t.store.messages.materialise(c.id);
    await t.store.workers.beat('dead');
    const claimed = (await t.store.messages.claim('dead', 100)).filter((x) => x.campaignId === c.id);
    assert.equal(claimed.length, 2);
    clock += 60_000;
    await t.store.workers.beat('alive');
    assert.equal(await t.store.messages.markOrphansUnconfirmed(clock - 30_000), 2);
    const recipients = await t.store.recipients.byIds(claimed.map((m) => m.recipientId));
    const firstPhone = recipients.get(claimed[0]!.recipientId)!.phone;
    await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'late1', status: 'delivered', carrierState: 'DELIVRD' }, toHash: testVault.blindIndex(firstPhone) }]);
    const resending = { byRoute: new Map(), fallback: { validityMs: 48 * 3_600_000, resendUnconfirmed: true }, graceMs: 10_000 };
    const first = await t.store.messages.reconcileUnconfirmed(resending);
    assert.deepEqual(first, { adopted: 1, requeued: 0, unknown: 0 });
    clock += 10_000;
    const second = await t.store.messages.reconcileUnconfirmed(resending);
    assert.deepEqual(second, { adopted: 0, requeued: 1, unknown: 0 });
    const counts = await t.store.messages.countsByState(c.id);
    assert.deepEqual(counts, { delivered: 1, queued: 1 });
  });

  test('cancel leaves submitted messages alone and cancels the queued ones', async () => {
    const c = await campaignWithRecipients(t, 'cancel', 4);
    await t.store.messages.materialise(c.id);
    const claimed = await t.store.messages.claim('w3', 1);
    assert.equal(claimed.length, 1);
    const [m] = claimed;
    await t.store.messages.record('w3', [{ id: m!.id, kind: 'accepted', smscId: 'c1', route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' }]);
    assert.equal(await t.store.messages.cancelQueued(c.id), 3);
    assert.deepEqual(await t.store.messages.countsByState(c.id), { submitted: 1, cancelled: 3 });
  });

  test('messages a worker claimed ahead and gives back: queued again if their campaign is paused, cancelled with their ledger entries if it was cancelled meanwhile', async () => {
    const paused = await campaignWithRecipients(t, 'ahead-paused', 2);
    const cancelled = await campaignWithRecipients(t, 'ahead-cancelled', 3);
    await t.store.messages.materialise(paused.id);
    await t.store.messages.materialise(cancelled.id);
    const claimed = await t.store.messages.claim('w-ahead', 100);
    assert.equal(claimed.length, 5);
    await t.store.campaigns.transition(paused.id, ['sending'], 'paused');
    await t.store.campaigns.transition(cancelled.id, ['sending'], 'cancelled');
    assert.equal(await t.store.messages.cancelQueued(cancelled.id), 0, 'nothing queued when the operator cancelled: all five sat in the worker');
    assert.equal((await t.store.messages.stillMayGo('w-ahead', claimed.map((m) => m.id))).size, 0);
    await t.store.messages.release('w-ahead', claimed.map((m) => m.id));
    assert.deepEqual(await t.store.messages.countsByState(paused.id), { queued: 2 }, 'a paused campaign resumes with them');
    assert.deepEqual(await t.store.messages.countsByState(cancelled.id), { cancelled: 3 }, 'none left queued for ever in a cancelled campaign');
    const rows = await t.db.kysely.selectFrom('messages').select(['attempts', 'worker_id']).where('campaign_id', '=', paused.id).execute();
    assert.deepEqual(rows.map((r) => [r.attempts, r.worker_id]), [[0, null], [0, null]], 'the claim is not counted as an attempt');
    const finals = await t.db.kysely.selectFrom('evidence_entries').select('data_json').where('campaign_id', '=', cancelled.id).where('kind', '=', 'message.final').execute();
    assert.equal(finals.length, 3);
    assert.ok(finals.every((f) => JSON.parse(f.data_json).state === 'cancelled'));
    // Given back twice (a retry after an error): nothing changes.
    await t.store.messages.release('w-ahead', claimed.map((m) => m.id));
    assert.deepEqual(await t.store.messages.countsByState(cancelled.id), { cancelled: 3 });
  });

  test('a receipt stored as waiting while its answer was being recorded elsewhere is applied by the sweep', async () => {
    const c = await campaignWithRecipients(t, 'sweep', 1);
    await t.store.messages.materialise(c.id);
    const [m] = await t.store.messages.claim('w4', 1);
    // The answer is recorded first, the receipt was stored as waiting concurrently (it did not see the answer).
    await t.store.messages.record('w4', [{ id: m!.id, kind: 'accepted', smscId: 'swept1', route: 'r', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' }]);
    await t.db.kysely
      .insertInto('pending_receipts')
      .values({ route: 'r', smsc_id: 'swept1', to_hash: null, status: 'delivered', carrier_state: 'DELIVRD', error_code: null, done_at: null, received_at: clock })
      .execute();
    assert.equal(await t.store.messages.applyWaitingReceipts(), 1);
    assert.deepEqual(await t.store.messages.countsByState(c.id), { delivered: 1 });
    assert.equal(await t.store.messages.applyWaitingReceipts(), 0);
  });

  test('a receipt that found no message is named back, and applied by the second look once its answer is recorded', async () => {
    const c = await campaignWithRecipients(t, 'second look', 1);
    await t.store.messages.materialise(c.id);
    const [m] = await t.store.messages.claim('w5', 1);
    const missed = await t.store.messages.applyReceipts('r', [{ receipt: { smscId: 'looked1', status: 'delivered', carrierState: 'DELIVRD' }, toHash: null }]);
    // SQLite has one writer: a receipt and an answer never miss each other there.
    assert.deepEqual(missed, kind === 'postgres' ? ['looked1'] : []);
    assert.deepEqual(await t.store.messages.applyWaitingFor(['looked1']), kind === 'postgres' ? ['looked1'] : [], 'no answer yet: still waiting');
    // Recorded as if by a statement that began before the receipt was kept (it does not apply it itself).
    await t.db.kysely
      .updateTable('messages')
      .set({ state: 'submitted', smsc_id: 'looked1', route: 'r', submitted_at: clock })
      .where('id', '=', m!.id)
      .execute();
    if (kind === 'postgres') {
      assert.deepEqual(await t.store.messages.applyWaitingFor(['looked1']), []);
      assert.deepEqual(await t.store.messages.countsByState(c.id), { delivered: 1 });
      assert.equal(await t.store.messages.applyWaitingReceipts(), 0, 'nothing left for the sweep');
    }
  });
});
