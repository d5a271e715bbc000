// 「配達待ち」 then 「完了」, on SQLite and PostgreSQL: a campaign whose messages have all been handed to
// the carriers waits for their receipts, completes (and says so by webhook) only when every message is
// final, refuses pause and cancel while waiting (nothing is left to hold back), and goes back to sending
// when the operator re-sends a message whose delivery is unknown.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { cancelCampaign, pauseCampaign } from '../../src/campaign/control.ts';
import { TodokuError } from '../../src/core/errors.ts';
import { CAMPAIGN_STATUS_LABELS } from '../../src/core/labels.ts';

const receipt = (smscId: string, status: 'delivered' | 'undeliverable') => ({ receipt: { smscId, status, carrierState: status === 'delivered' ? 'DELIVRD' : 'UNDELIV' }, toHash: null });

eachDatabase('campaign states: awaiting receipts, then completed', (kind) => {
  let t: TestDb;
  let clock = 1_800_000_000_000;
  beforeEach(async () => {
    t = await createTestDb(kind, () => clock);
  });
  afterEach(async () => t.cleanup());

  /** A sending campaign of `n` people, `handed` of whose messages the carrier has accepted. */
  async function sendingCampaign(n: number, handed: number) {
    const c = await t.store.campaigns.create({ name: `c${n}-${handed}`, template: 'お知らせ {{name}}' });
    await t.store.recipients.insertBatch(c.id, Array.from({ length: n }, (_, i) => ({ line: i + 2, phone: `+8190${String(30000000 + i)}`, fields: { name: `人${i}` } })));
    await t.store.campaigns.transition(c.id, ['draft'], 'sending');
    await t.store.messages.materialise(c.id);
    const claimed = await t.store.messages.claim('w', handed);
    await t.store.messages.record('w', claimed.map((m) => ({ id: m.id, kind: 'accepted' as const, smscId: `s-${m.id}`, route: 'r', bodyEnc: testVault.encrypt('本文'), linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })));
    return { id: c.id, ids: claimed.map((m) => m.id) };
  }
  const statusOf = async (id: number) => (await t.store.campaigns.byId(id))!.status;

  test('sending while a message is left to hand over; 配達待ち after the last hand-over; 完了 with the last receipt, once', async () => {
    const { id, ids } = await sendingCampaign(3, 2);
    assert.deepEqual(await t.store.campaigns.completeFinished(), []);
    assert.equal(await statusOf(id), 'sending', 'one message still queued');

    const last = await t.store.messages.claim('w', 1);
    await t.store.messages.record('w', last.map((m) => ({ id: m.id, kind: 'accepted' as const, smscId: `s-${m.id}`, route: 'r', bodyEnc: testVault.encrypt('本文'), linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })));
    const all = [...ids, ...last.map((m) => m.id)];
    assert.deepEqual(await t.store.campaigns.completeFinished(), []);
    assert.equal(await statusOf(id), 'awaiting_receipts');
    assert.equal(CAMPAIGN_STATUS_LABELS[await statusOf(id)].ja, '配達待ち');
    assert.equal((await t.store.campaigns.byId(id))!.completed_at, null);

    await t.store.messages.applyReceipts('r', [receipt(`s-${all[0]}`, 'delivered'), receipt(`s-${all[1]}`, 'undeliverable')]);
    assert.deepEqual(await t.store.campaigns.completeFinished(), []);
    assert.equal(await statusOf(id), 'awaiting_receipts', 'one receipt still to come');

    clock += 5_000;
    await t.store.messages.applyReceipts('r', [receipt(`s-${all[2]}`, 'delivered')]);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [id]);
    assert.deepEqual(await t.store.campaigns.completeFinished(), []);
    const done = (await t.store.campaigns.byId(id))!;
    assert.equal(done.status, 'completed');
    assert.equal(Number(done.completed_at), clock);
  });

  test('a campaign whose messages all ended without a receipt (failed, cancelled) completes in one sweep', async () => {
    const { id } = await sendingCampaign(2, 0);
    assert.equal(await t.store.messages.cancelQueued(id), 2);
    assert.deepEqual(await t.store.campaigns.completeFinished(), [id]);
    assert.equal(await statusOf(id), 'completed');
  });

  test('pause and cancel are refused while awaiting receipts, saying nothing is left to send', async () => {
    const { id } = await sendingCampaign(1, 1);
    await t.store.campaigns.completeFinished();
    const c = (await t.store.campaigns.byId(id))!;
    assert.equal(c.status, 'awaiting_receipts');
    for (const act of [() => pauseCampaign(t.store, c), () => cancelCampaign(t.store, c)]) {
      await assert.rejects(act, (err: unknown) => {
        assert.ok(err instanceof TodokuError);
        assert.equal(err.code, 'TODOKU_E_CAMPAIGN_STATE');
        assert.match(err.ja, /配達待ち/);
        assert.match(err.message, /awaiting receipts/);
        return true;
      });
    }
    assert.equal(await statusOf(id), 'awaiting_receipts');
  });

  test('re-sending an unknown message from 配達待ち puts the campaign back to sending', async () => {
    const { id, ids } = await sendingCampaign(2, 2);
    await t.store.messages.applyReceipts('r', [receipt(`s-${ids[0]}`, 'delivered')]);
    await t.db.kysely.updateTable('messages').set({ state: 'unknown' }).where('id', '=', ids[1]!).execute();
    await t.store.campaigns.completeFinished();
    assert.equal(await statusOf(id), 'completed');
    // A second campaign stays in 配達待ち and is re-sent from there.
    const other = await sendingCampaign(1, 1);
    await t.store.campaigns.completeFinished();
    await t.db.kysely.updateTable('messages').set({ state: 'unknown' }).where('id', '=', other.ids[0]!).execute();
    await t.db.kysely.updateTable('campaigns').set({ status: 'awaiting_receipts' }).where('id', '=', other.id).execute();
    const r = await t.store.messages.resendUnknown({ campaignId: other.id });
    assert.ok(r.ok);
    assert.equal(r.campaignStatus, 'sending');
    assert.equal(await statusOf(other.id), 'sending');
  });
});
