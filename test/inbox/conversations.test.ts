// The operator's side on both databases: conversations with unread counts and filters, a timeline of
// what was sent and what came back, a reply queued as the next step, refused for a suppressed number,
// and intent corrections that keep the rule's own reading.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { receiveReply } from '../../src/inbox/receive.ts';
import { replyInConversation } from '../../src/inbox/reply.ts';
import { correctIntent } from '../../src/inbox/correct.ts';
import { listConversations, markConversationRead, showConversation } from '../../src/inbox/conversations.ts';
import { TodokuError } from '../../src/core/errors.ts';
import { inboxDeps, sentCampaign, sms, type Clock } from './fixtures.ts';

const HANAKO = '+819012345678';
const TARO = '+818023456789';
const JIRO = '+817034567890';
const NOV_23 = Date.parse('2026-11-23T10:00:00+09:00');
const page = { limit: 50, offset: 0 };

function rejectsWith(code: string) {
  return (err: unknown) => err instanceof TodokuError && err.code === code;
}

eachDatabase('inbox conversations', (kind) => {
  let t: TestDb;
  const clock: Clock = { now: NOV_23 };
  beforeEach(async () => {
    clock.now = NOV_23;
    t = await createTestDb(kind, () => clock.now);
  });
  afterEach(async () => t.cleanup());

  async function scene() {
    const october = await sentCampaign(t, '10月督促', [JIRO], NOV_23 - 30 * 86_400_000);
    const november = await sentCampaign(t, '11月督促', [HANAKO, TARO], NOV_23 - 3_600_000);
    const deps = inboxDeps(t, clock);
    await receiveReply(deps, 'simulator', sms(HANAKO, '誰ですか？', NOV_23));
    await receiveReply(deps, 'simulator', sms(HANAKO, '来週払います', NOV_23 + 60_000));
    await receiveReply(deps, 'simulator', sms(TARO, '払いました', NOV_23 + 120_000));
    await receiveReply(deps, 'simulator', sms(JIRO, '人違いです', NOV_23 + 180_000));
    return { deps, october: october.campaign, november: november.campaign };
  }

  test('one conversation per number, newest first, with the latest intent and the unread count', async () => {
    const { deps, november } = await scene();
    const list = await listConversations(deps, page);
    assert.deepEqual(
      list.map((c) => [c.phone, c.intent, c.unread, c.replies, c.campaign?.name]),
      [
        ['070-****-7890', 'wrong_person', 1, 1, '10月督促'],
        ['080-****-6789', 'paid', 1, 1, '11月督促'],
        ['090-****-5678', 'promise', 2, 2, '11月督促'],
      ],
    );
    const hanako = list[2]!;
    assert.equal(hanako.id, testVault.blindIndex(HANAKO), 'named by the keyed hash, never the number');
    assert.equal(hanako.promisedDate, '2026-12-04');
    assert.deepEqual(hanako.lastMessage, { direction: 'in', text: '来週払います', at: NOV_23 + 60_000 });

    assert.deepEqual((await listConversations(deps, { ...page, campaignId: november.id })).map((c) => c.phone), ['080-****-6789', '090-****-5678']);
    assert.deepEqual((await listConversations(deps, { ...page, intent: 'promise' })).map((c) => c.phone), ['090-****-5678']);
    assert.deepEqual((await listConversations(deps, { ...page, intent: 'question' })).map((c) => c.phone), [], 'filtered by the latest reply');

    assert.equal(await markConversationRead(deps, hanako.id, 'operator:1'), 2);
    assert.deepEqual((await listConversations(deps, { ...page, unread: true })).map((c) => c.phone), ['070-****-7890', '080-****-6789']);
  });

  test('a reply is queued as the next step to the person, marks the conversation read, and shows last in its timeline', async () => {
    const { deps, november } = await scene();
    const id = testVault.blindIndex(HANAKO);
    clock.now = NOV_23 + 600_000;
    const queued = await replyInConversation(deps, { conversationId: id, text: '  ご連絡ありがとうございます。来週のお支払いをお待ちしております。 ', actor: 'operator:1' });
    assert.equal(queued.campaignId, november.id);
    const row = await t.db.kysely.selectFrom('messages').selectAll().where('id', '=', queued.messageId).executeTakeFirstOrThrow();
    assert.deepEqual([row.seq, row.kind, row.state, row.to_hash], [1, 'reply', 'queued', id]);
    assert.equal(testVault.decrypt(row.body_enc!), 'ご連絡ありがとうございます。来週のお支払いをお待ちしております。');

    const conversation = await showConversation(deps, id);
    assert.equal(conversation.phone, '090-****-5678');
    assert.equal(conversation.unread, 0);
    assert.deepEqual(
      conversation.timeline.map((i) => [i.direction, i.direction === 'in' ? i.text : i.kind]),
      [
        ['out', 'campaign'],
        ['in', '誰ですか？'],
        ['in', '来週払います'],
        ['out', 'reply'],
      ],
    );
    const [summary] = await listConversations(deps, { ...page, intent: 'promise' });
    assert.equal(summary!.lastMessage.direction, 'out');

    const audit = await t.store.audit.list();
    assert.ok(audit.some((a) => a.action === 'inbox.reply' && a.target === `conversation:${id}` && a.actor === 'operator:1'));
  });

  test('replies are refused to a suppressed number, to one never written to, and beyond the route maximum', async () => {
    const { deps } = await scene();
    await receiveReply(deps, 'simulator', sms(TARO, '停止', NOV_23 + 300_000));
    await assert.rejects(replyInConversation(deps, { conversationId: testVault.blindIndex(TARO), text: 'お待ちください', actor: 'a' }), rejectsWith('TODOKU_E_SUPPRESSED'));
    await receiveReply(deps, 'simulator', sms('+817099998888', 'こんにちは', NOV_23));
    await assert.rejects(replyInConversation(deps, { conversationId: testVault.blindIndex('+817099998888'), text: 'はい', actor: 'a' }), rejectsWith('TODOKU_E_REPLY_UNMATCHED'));
    await assert.rejects(replyInConversation(deps, { conversationId: 'f'.repeat(32), text: 'はい', actor: 'a' }), rejectsWith('TODOKU_E_NOT_FOUND'));
    await assert.rejects(replyInConversation(deps, { conversationId: testVault.blindIndex(HANAKO), text: 'あ'.repeat(300), actor: 'a' }), rejectsWith('TODOKU_E_REPLY_TOO_LONG'));
    await assert.rejects(replyInConversation(deps, { conversationId: testVault.blindIndex(HANAKO), text: '   ', actor: 'a' }), rejectsWith('TODOKU_E_REPLY_EMPTY'));
  });

  test("an operator's correction is in force, the rule's tag is kept, and the change is audited", async () => {
    const { deps } = await scene();
    const [hanako] = await t.store.inbound.repliesFrom(testVault.blindIndex(HANAKO));
    assert.equal(hanako!.intent, 'question');
    clock.now = NOV_23 + 900_000;
    const { inbound } = await correctIntent(deps, { inboundId: hanako!.id, intent: 'promise', promisedDate: '2026-12-10', actor: 'operator:1' });
    assert.equal(inbound.intent, 'promise');
    assert.deepEqual(inbound.tag, { intent: 'question', rule: 'question.words', matched: '誰' });
    assert.deepEqual(inbound.correction, { intent: 'promise', promisedDate: '2026-12-10', actor: 'operator:1', at: NOV_23 + 900_000 });
    const audit = (await t.store.audit.list()).find((a) => a.action === 'inbound.intent')!;
    assert.deepEqual(JSON.parse(audit.details_json!), { from: 'question', to: 'promise', rule: 'question.words', ruleIntent: 'question' });
    await assert.rejects(correctIntent(deps, { inboundId: hanako!.id, intent: 'paid', promisedDate: '2026-12-10', actor: 'a' }), rejectsWith('TODOKU_E_VALIDATION'));
    await assert.rejects(correctIntent(deps, { inboundId: 999_999, intent: 'paid', actor: 'a' }), rejectsWith('TODOKU_E_NOT_FOUND'));
  });

  test('correcting a reply to opt-out suppresses the number and confirms once, as the word would have', async () => {
    const { deps } = await scene();
    const [jiro] = await t.store.inbound.repliesFrom(testVault.blindIndex(JIRO));
    const { inbound, confirmationId } = await correctIntent(deps, { inboundId: jiro!.id, intent: 'opt_out', actor: 'operator:1' });
    assert.equal(inbound.optOut, true);
    assert.ok(confirmationId);
    const suppression = await t.store.suppressions.byId(testVault.blindIndex(JIRO));
    assert.equal(suppression?.source, 'operator');
    assert.equal((await correctIntent(deps, { inboundId: jiro!.id, intent: 'opt_out', actor: 'operator:1' })).confirmationId, null);
  });
});
