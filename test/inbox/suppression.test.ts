// The suppression list on both databases: kept by keyed hash, listed newest first, loaded once per
// import to flag opted-out rows by line, and checked per dispatch batch so that nothing but the opt-out
// confirmation reaches a suppressed number. Conversation messages go out even after the campaign ended.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { importRecipients } from '../../src/campaign/import-recipients.ts';
import { receiveReply } from '../../src/inbox/receive.ts';
import { replyInConversation } from '../../src/inbox/reply.ts';
import { inboxDeps, sentCampaign, sms, type Clock } from './fixtures.ts';

const HANAKO = '+819012345678';
const TARO = '+818023456789';
const NOV_23 = Date.parse('2026-11-23T10:00:00+09:00');

eachDatabase('suppression list', (kind) => {
  let t: TestDb;
  const clock: Clock = { now: NOV_23 };
  beforeEach(async () => {
    clock.now = NOV_23;
    t = await createTestDb(kind, () => clock.now);
  });
  afterEach(async () => t.cleanup());

  test('a number is added once (its first reason kept), listed newest first, and removed by its id', async () => {
    const first = await t.store.suppressions.add({ phone: HANAKO, reason: 'complaint', source: 'operator' });
    assert.equal(first.added, true);
    clock.now += 1000;
    const again = await t.store.suppressions.add({ phone: HANAKO, reason: 'opt_out', source: 'reply' });
    assert.equal(again.added, false);
    assert.equal(again.suppression.reason, 'complaint');
    await t.store.suppressions.add({ phone: TARO, reason: 'opt_out', source: 'reply' });

    const { total, items } = await t.store.suppressions.list({ limit: 10, offset: 0 });
    assert.equal(total, 2);
    assert.deepEqual(items.map((s) => s.phone), [TARO, HANAKO]);
    assert.equal(first.suppression.id, testVault.blindIndex(HANAKO));
    const raw = await t.db.kysely.selectFrom('suppressions').selectAll().execute();
    assert.ok(raw.every((r) => !r.phone_enc.includes('9012345678') && !r.phone_enc.includes('8023456789')), 'sealed at rest');

    assert.equal((await t.store.suppressions.remove(first.suppression.id))?.phone, HANAKO);
    assert.equal(await t.store.suppressions.remove(first.suppression.id), undefined);
    assert.deepEqual([...(await t.store.suppressions.among([first.suppression.id, testVault.blindIndex(TARO)]))], [testVault.blindIndex(TARO)]);
  });

  test('an import reports an opted-out number by its line as suppressed and does not take it', async () => {
    await t.store.suppressions.add({ phone: HANAKO, reason: 'opt_out', source: 'reply' });
    const c = await t.store.campaigns.create({ name: '12月督促' });
    const csv = ['氏名,電話番号', '山田 太郎,080-2345-6789', '佐藤 花子,090-1234-5678', '鈴木 一郎,070-3456-7890'].join('\r\n');
    const result = await importRecipients(t.store, c, Readable.from([Buffer.from(csv)]));
    assert.equal(result.accepted, 2);
    assert.equal(result.byReason.suppressed, 1);
    const rejected = [];
    for await (const r of t.store.recipients.rejections(c.id)) rejected.push([r.line, r.reason]);
    assert.deepEqual(rejected, [[3, 'suppressed']]);
  });

  test('a dispatch batch learns in one query which messages go to suppressed numbers (the confirmation is exempt) and their recipients', async () => {
    const { campaign } = await sentCampaign(t, '11月督促', [HANAKO, TARO], NOV_23 - 3_600_000);
    await receiveReply(inboxDeps(t, clock), 'simulator', sms(HANAKO, '停止', NOV_23));
    // A later step to both (as a sequence would queue it), and the confirmation to Hanako.
    const later = await t.store.campaigns.create({ name: '12月督促' });
    await t.store.recipients.insertBatch(later.id, [
      { line: 2, phone: HANAKO, fields: {} },
      { line: 3, phone: TARO, fields: {} },
    ]);
    await t.store.messages.materialise(later.id);
    const all = await t.db.kysely.selectFrom('messages').select(['id', 'campaign_id', 'recipient_id', 'kind', 'to_hash']).where('state', '=', 'queued').orderBy('id').execute();
    const { blocked, recipients } = await t.store.claimed.read(all.map((m) => m.id));
    for (const m of all) assert.equal(testVault.blindIndex(recipients.get(m.recipient_id)?.phone ?? ''), m.to_hash, 'and in the same read each one\'s recipient, unsealed');
    const hanako = testVault.blindIndex(HANAKO);
    assert.deepEqual(
      all.filter((m) => blocked.has(m.id)).map((m) => [m.campaign_id, m.kind]),
      [[later.id, 'campaign']],
    );
    assert.ok(all.some((m) => m.campaign_id === campaign.id && m.kind === 'confirmation' && m.to_hash === hanako && !blocked.has(m.id)));
  });

  test("an operator's reply and an opt-out confirmation are claimed although their campaign has completed; its own messages are not", async () => {
    const { campaign } = await sentCampaign(t, '11月督促', [HANAKO, TARO], NOV_23 - 3_600_000, 'completed');
    const deps = inboxDeps(t, clock);
    await receiveReply(deps, 'simulator', sms(HANAKO, '停止', NOV_23));
    const { messageId } = await replyInConversation(deps, { conversationId: testVault.blindIndex(TARO), text: 'ご連絡ありがとうございます。', actor: 'test' });
    // A campaign message left queued in the completed campaign stays where it is.
    await t.db.kysely.updateTable('messages').set({ state: 'queued', next_attempt_at: 0 }).where('campaign_id', '=', campaign.id).where('seq', '=', 0).where('to_hash', '=', testVault.blindIndex(TARO)).execute();
    clock.now += 1000;
    const claimed = await t.store.messages.claim('worker-1', 10);
    const kinds = await t.db.kysely.selectFrom('messages').select(['id', 'kind']).where('id', 'in', claimed.map((c) => c.id)).orderBy('id').execute();
    assert.deepEqual(kinds.map((k) => k.kind), ['confirmation', 'reply']);
    assert.ok(claimed.some((c) => c.id === messageId));
    assert.ok(claimed.every((c) => c.bodyEnc !== null), 'they carry their own text');
  });
});
