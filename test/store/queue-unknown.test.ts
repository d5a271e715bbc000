// 送達不明 on both databases: a message whose submit answer was lost waits for its receipt for the whole
// validity period of its route (no re-send after the 120 s grace unless the route asks for it), then ends
// 'unknown'; one submitted and never receipted ends the same way after the validity plus a margin; late
// receipts still settle both; the operator's knowing re-send creates the next step and never repeats.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';

const HOUR = 3_600_000;
const MARGIN = HOUR;
/** Route 'slow' keeps messages 2 h and never re-sends by itself; 'eager' re-sends lost answers after the grace. */
const waits = {
  byRoute: new Map([
    ['slow', { validityMs: 2 * HOUR, resendUnconfirmed: false }],
    ['eager', { validityMs: 2 * HOUR, resendUnconfirmed: true }],
  ]),
  fallback: { validityMs: 48 * HOUR, resendUnconfirmed: false },
  graceMs: 120_000,
};

eachDatabase('messages that may or may not have arrived', (kind) => {
  let t: TestDb;
  let clock = 10_000_000;
  beforeEach(async () => {
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  async function sending(name: string, n: number) {
    const c = await t.store.campaigns.create({ name, template: 'お知らせ {{name}}' });
    const rows = Array.from({ length: n }, (_, i) => ({ line: i + 2, phone: `+8190${String(20000000 + i)}`, fields: { name: `人${i}` } }));
    await t.store.recipients.insertBatch(c.id, rows);
    await t.store.campaigns.transition(c.id, ['draft'], 'sending');
    await t.store.messages.materialise(c.id);
    return c;
  }
  const phoneHash = async (recipientId: number) => testVault.blindIndex((await t.store.recipients.byIds([recipientId])).get(recipientId)!.phone);
  const states = async (campaignId: number) => (await t.store.messages.list(campaignId, { limit: 100 })).map((m) => m.state);

  test('a lost answer is not sent again after the grace: it waits the route validity, then ends unknown and the campaign completes', async () => {
    const c = await sending('lost', 2);
    const claimed = await t.store.messages.claim('w', 10, 'default', 'slow');
    assert.equal(claimed.length, 2);
    assert.deepEqual((await t.store.messages.list(c.id, { limit: 10 })).map((m) => m.route), ['slow', 'slow'], 'the claiming route is written at once');
    await t.store.messages.record('w', claimed.map((m) => ({ id: m.id, kind: 'unconfirmed' as const, code: 'TIMEOUT', reason: 'no answer', route: 'slow', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })));

    clock += 10 * 60_000; // far past the 120 s grace
    assert.deepEqual(await t.store.messages.reconcileUnconfirmed(waits), { adopted: 0, requeued: 0, unknown: 0 });
    assert.deepEqual(await states(c.id), ['unconfirmed', 'unconfirmed'], 'still waiting for a receipt, not re-queued');
    assert.deepEqual(await t.store.campaigns.completeFinished(), [], 'not complete while they wait');

    clock += 2 * HOUR;
    assert.deepEqual(await t.store.messages.reconcileUnconfirmed(waits), { adopted: 0, requeued: 0, unknown: 2 });
    const ended = await t.store.messages.list(c.id, { limit: 10 });
    assert.deepEqual(ended.map((m) => m.state), ['unknown', 'unknown']);
    assert.equal(ended[0]!.final_at, clock);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [c.id], 'unknown is final');
  });

  test('a route with resendUnconfirmed re-queues a lost answer after the grace period, as before', async () => {
    const c = await sending('eager', 1);
    const [m] = await t.store.messages.claim('w', 10, 'default', 'eager');
    await t.store.messages.record('w', [{ id: m!.id, kind: 'unconfirmed', code: 'TIMEOUT', reason: 'no answer', route: 'eager', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' }]);
    clock += 60_000;
    assert.deepEqual(await t.store.messages.reconcileUnconfirmed(waits), { adopted: 0, requeued: 0, unknown: 0 });
    clock += 60_000;
    assert.deepEqual(await t.store.messages.reconcileUnconfirmed(waits), { adopted: 0, requeued: 1, unknown: 0 });
    assert.deepEqual(await states(c.id), ['queued']);
  });

  test('an orphan of a dead worker waits with its claiming route; a receipt after it ended unknown still adopts it', async () => {
    const c = await sending('orphan', 1);
    await t.store.workers.beat('dead');
    const [m] = await t.store.messages.claim('dead', 10, 'default', 'slow');
    clock += 60_000;
    await t.store.workers.beat('alive');
    assert.equal(await t.store.messages.markOrphansUnconfirmed(clock - 30_000), 1);
    clock += 2 * HOUR;
    assert.equal((await t.store.messages.reconcileUnconfirmed(waits)).unknown, 1);
    assert.deepEqual(await states(c.id), ['unknown']);

    clock += 5 * 60_000;
    const toHash = await phoneHash(m!.recipientId);
    await t.store.messages.applyReceipts('slow', [{ receipt: { smscId: 'late-9', status: 'delivered', carrierState: 'DELIVRD' }, toHash }]);
    assert.equal((await t.store.messages.reconcileUnconfirmed(waits)).adopted, 1);
    const [settled] = await t.store.messages.list(c.id, { limit: 1 });
    assert.equal(settled!.state, 'delivered');
    assert.equal(settled!.smsc_id, 'late-9');
    assert.equal(settled!.delivered_at, clock);
  });

  test('submitted and never receipted: unknown only after the validity plus the margin; a late receipt still settles it', async () => {
    const c = await sending('silent', 2);
    const claimed = await t.store.messages.claim('w', 10, 'default', 'slow');
    await t.store.messages.record('w', claimed.map((m, i) => ({ id: m.id, kind: 'accepted' as const, smscId: `s-${i}`, route: 'slow', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })));

    clock += 2 * HOUR;
    assert.equal(await t.store.messages.expireUnreceipted(waits, MARGIN), 0, 'within the margin, a receipt may still come');
    assert.deepEqual(await states(c.id), ['submitted', 'submitted']);
    clock += MARGIN;
    assert.equal(await t.store.messages.expireUnreceipted(waits, MARGIN), 2);
    assert.deepEqual(await states(c.id), ['unknown', 'unknown']);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [c.id]);

    clock += HOUR;
    await t.store.messages.applyReceipts('slow', [
      { receipt: { smscId: 's-0', status: 'delivered', carrierState: 'DELIVRD' }, toHash: null },
      { receipt: { smscId: 's-1', status: 'undeliverable', carrierState: 'UNDELIV', errorCode: '001' }, toHash: null },
    ]);
    const after = await t.store.messages.list(c.id, { limit: 10 });
    assert.deepEqual(after.map((m) => m.state), ['delivered', 'undeliverable']);
    assert.equal(after[0]!.final_at, clock);
  });

  test('a message of a route no longer in the table ends unknown after the default 48 h', async () => {
    const c = await sending('gone', 1);
    const [m] = await t.store.messages.claim('w', 10, 'default', 'removed-route');
    await t.store.messages.record('w', [{ id: m!.id, kind: 'accepted', smscId: 'g-1', route: 'removed-route', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' }]);
    clock += 10 * HOUR;
    assert.equal(await t.store.messages.expireUnreceipted(waits, MARGIN), 0, "the 2 h routes' cut-off does not apply to it");
    clock += 48 * HOUR;
    assert.equal(await t.store.messages.expireUnreceipted(waits, MARGIN), 1);
    assert.deepEqual(await states(c.id), ['unknown']);
  });

  test('re-sending unknown messages: a new message as the next step, once; the campaign sends again', async () => {
    const c = await sending('resend', 3);
    const claimed = await t.store.messages.claim('w', 10, 'default', 'slow');
    await t.store.messages.record('w', claimed.map((m, i) => ({ id: m.id, kind: 'accepted' as const, smscId: `r-${i}`, route: 'slow', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })));
    await t.store.messages.applyReceipts('slow', [{ receipt: { smscId: 'r-2', status: 'delivered', carrierState: 'DELIVRD' }, toHash: null }]);
    clock += 4 * HOUR;
    assert.equal(await t.store.messages.expireUnreceipted(waits, MARGIN), 2);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [c.id]);

    const one = await t.store.messages.resendUnknown({ campaignId: c.id, messageIds: [claimed[0]!.id, claimed[2]!.id] });
    assert.ok(one.ok);
    assert.deepEqual(one.resent.map((r) => r.from), [claimed[0]!.id], 'only unknown messages; the delivered one is not re-sent');
    assert.equal(one.campaignStatus, 'sending');

    const rest = await t.store.messages.resendUnknown({ campaignId: c.id });
    assert.ok(rest.ok);
    assert.deepEqual(rest.resent.map((r) => r.from), [claimed[1]!.id], 'a message already re-sent is skipped');
    const again = await t.store.messages.resendUnknown({ campaignId: c.id });
    assert.ok(again.ok);
    assert.deepEqual(again.resent, []);

    const rows = await t.store.messages.list(c.id, { limit: 10 });
    const old = rows.find((r) => r.id === claimed[0]!.id)!;
    const fresh = rows.find((r) => r.id === one.resent[0]!.to)!;
    assert.equal(old.state, 'unknown', 'the history stays');
    assert.equal(old.resent_at, clock);
    assert.equal(fresh.state, 'queued');
    assert.equal(fresh.recipient_id, old.recipient_id);
    assert.equal(fresh.seq, old.seq + 1);
    assert.equal(fresh.to_hash, old.to_hash);
    const next = await t.store.messages.claim('w', 10, 'default', 'slow');
    assert.deepEqual(next.map((m) => m.id).sort(), [one.resent[0]!.to, rest.resent[0]!.to].sort(), 'the campaign sends them');
  });

  test('a person who disputed the debt or said the number is not theirs gets no re-send', async () => {
    const c = await sending('disputed', 2);
    const claimed = await t.store.messages.claim('w', 10, 'default', 'slow');
    await t.store.messages.record('w', claimed.map((m, i) => ({ id: m.id, kind: 'accepted' as const, smscId: `d-${i}`, route: 'slow', bodyEnc: 'x', linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })));
    clock += 4 * HOUR;
    assert.equal(await t.store.messages.expireUnreceipted(waits, MARGIN), 2);
    const disputed = claimed[0]!;
    await t.db.kysely
      .insertInto('debtor_actions')
      .values({ campaign_id: c.id, recipient_id: disputed.recipientId, message_id: disputed.id, kind: 'dispute', promised_date: null, amount: null, monthly_amount: null, note_enc: null, state: 'open', created_at: clock, resolved_at: null, resolved_by: null, resolution_note_enc: null })
      .execute();
    const r = await t.store.messages.resendUnknown({ campaignId: c.id });
    assert.ok(r.ok);
    assert.deepEqual(r.resent.map((x) => x.from), [claimed[1]!.id], 'only the person who raised nothing');
  });

  test('re-sending is refused for a cancelled campaign', async () => {
    const c = await sending('cancelled', 1);
    await t.store.campaigns.transition(c.id, ['sending'], 'cancelled');
    const r = await t.store.messages.resendUnknown({ campaignId: c.id });
    assert.deepEqual(r, { ok: false, campaignStatus: 'cancelled' });
  });
});
