// Receiving replies on both databases: matched to the latest message sent to the number, sealed at rest,
// tagged by intent, stored once even when the carrier delivers it twice; an opt-out suppresses the
// number and queues exactly one confirmation, signed with the organisation's name.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { receiveReply } from '../../src/inbox/receive.ts';
import { inboxDeps, sentCampaign, sms, type Clock } from './fixtures.ts';

const HANAKO = '+819012345678';
const TARO = '+818023456789';
const NOV_23 = Date.parse('2026-11-23T10:00:00+09:00');

async function organisationNamed(t: TestDb, name: string): Promise<void> {
  await t.store.landing.putOrganisation({
    name,
    name_en: null,
    logo_url: null,
    primary_colour: '#1a4f8b',
    accent_colour: '#c0392b',
    contact_phone: null,
    contact_hours: null,
    contact_hours_en: null,
    official_senders_json: '[]',
    link_base: null,
    sample_message: null,
  });
}

async function messagesTo(t: TestDb, phone: string) {
  return t.db.kysely
    .selectFrom('messages')
    .selectAll()
    .where('to_hash', '=', testVault.blindIndex(phone))
    .orderBy('id')
    .execute();
}

eachDatabase('receiving replies', (kind) => {
  let t: TestDb;
  const clock: Clock = { now: NOV_23 };
  beforeEach(async () => {
    clock.now = NOV_23;
    t = await createTestDb(kind, () => clock.now);
  });
  afterEach(async () => t.cleanup());

  test('a reply is matched to the latest message sent to that number and tagged, its number and text sealed', async () => {
    await sentCampaign(t, '10月督促', [HANAKO, TARO], NOV_23 - 30 * 86_400_000);
    const { campaign, messageIds } = await sentCampaign(t, '11月督促', [TARO, HANAKO], NOV_23 - 3_600_000);
    const { inbound, duplicate } = await receiveReply(inboxDeps(t, clock), 'simulator', sms('09012345678', '来週 払います', NOV_23));
    assert.equal(duplicate, false);
    assert.equal(inbound.campaignId, campaign.id);
    assert.equal(inbound.messageId, messageIds[1], "Hanako's message of the later campaign");
    assert.equal(inbound.phone, HANAKO, 'a national number is stored as E.164');
    assert.equal(inbound.fromHash, testVault.blindIndex(HANAKO));
    assert.deepEqual(inbound.tag, { intent: 'promise', rule: 'promise.will_pay', matched: '払います', promisedDate: '2026-12-04' });
    assert.equal(inbound.intent, 'promise');
    assert.equal(inbound.optOut, false);
    assert.equal(inbound.readAt, null);

    const raw = await t.db.kysely.selectFrom('inbound_messages').selectAll().executeTakeFirstOrThrow();
    assert.ok(!raw.text_enc.includes('払います') && !raw.from_enc.includes('9012345678'), 'sealed at rest');
    assert.equal(raw.intent, 'promise');
  });

  test('a reply from a number we never wrote to is kept, unmatched', async () => {
    const { inbound } = await receiveReply(inboxDeps(t, clock), 'simulator', sms('+817011112222', '誰ですか？', NOV_23));
    assert.equal(inbound.campaignId, null);
    assert.equal(inbound.messageId, null);
    assert.equal(inbound.intent, 'question');
  });

  test('the same reply delivered twice (the route asked the carrier again) is stored once', async () => {
    await sentCampaign(t, '11月督促', [HANAKO], NOV_23 - 3_600_000);
    const deps = inboxDeps(t, clock);
    const first = await receiveReply(deps, 'simulator', sms(HANAKO, '払いました', NOV_23));
    const again = await receiveReply(deps, 'simulator', sms(HANAKO, '払いました', NOV_23 + 30_000));
    assert.equal(again.duplicate, true);
    assert.equal(again.inbound.id, first.inbound.id);
    const other = await receiveReply(deps, 'simulator', sms(HANAKO, '領収書をください', NOV_23 + 40_000));
    assert.equal(other.duplicate, false, 'a different text is a different reply');
    const later = await receiveReply(deps, 'simulator', sms(HANAKO, '払いました', NOV_23 + 3_600_000));
    assert.equal(later.duplicate, false, 'the same words an hour later are a new reply');
    const rows = await t.db.kysely.selectFrom('inbound_messages').select('id').execute();
    assert.equal(rows.length, 3);
  });

  test('「停止」 puts the number on the suppression list and queues one confirmation signed by the organisation', async () => {
    await organisationNamed(t, '〇〇大学 学生課');
    const { campaign } = await sentCampaign(t, '11月督促', [HANAKO, TARO], NOV_23 - 3_600_000);
    const pokes = { count: 0 };
    const deps = inboxDeps(t, clock, pokes);
    const { inbound, confirmationId } = await receiveReply(deps, 'simulator', sms(HANAKO, '停止。', NOV_23));
    assert.equal(inbound.intent, 'opt_out');
    assert.equal(inbound.optOut, true);
    assert.ok(confirmationId);
    assert.equal(pokes.count, 1, 'the dispatcher is told at once');

    const suppression = await t.store.suppressions.byId(testVault.blindIndex(HANAKO));
    assert.equal(suppression?.phone, HANAKO);
    assert.equal(suppression?.source, 'reply');
    assert.equal(suppression?.reason, 'opt_out');

    const sent = await messagesTo(t, HANAKO);
    assert.deepEqual(sent.map((m) => [m.campaign_id, m.seq, m.kind, m.state]), [
      [campaign.id, 0, 'campaign', 'delivered'],
      [campaign.id, 1, 'confirmation', 'queued'],
    ]);
    assert.equal(testVault.decrypt(sent[1]!.body_enc!), '配信を停止しました。今後このお知らせはお送りしません。【〇〇大学 学生課】');

    const audit = await t.store.audit.list();
    assert.ok(audit.some((a) => a.action === 'suppression.add' && a.actor === 'recipient' && a.target === `suppression:${suppression!.id}`));
    assert.ok(!JSON.stringify(audit).includes('9012345678'), 'no number in the audit log');
  });

  test('opting out again sends no second confirmation; after removal from the list, a new opt-out does', async () => {
    await sentCampaign(t, '11月督促', [HANAKO], NOV_23 - 3_600_000);
    const deps = inboxDeps(t, clock);
    assert.ok((await receiveReply(deps, 'simulator', sms(HANAKO, '停止', NOV_23))).confirmationId);
    clock.now += 60_000;
    assert.equal((await receiveReply(deps, 'simulator', sms(HANAKO, 'STOP', NOV_23 + 60_000))).confirmationId, null);
    assert.equal((await receiveReply(deps, 'simulator', sms(HANAKO, '停止', NOV_23 + 10 * 60_000))).confirmationId, null);
    assert.equal((await messagesTo(t, HANAKO)).filter((m) => m.kind === 'confirmation').length, 1);

    clock.now += 3_600_000;
    await t.store.suppressions.remove(testVault.blindIndex(HANAKO));
    clock.now += 1000;
    assert.ok((await receiveReply(deps, 'simulator', sms(HANAKO, '配信停止', clock.now))).confirmationId);
    assert.deepEqual((await messagesTo(t, HANAKO)).map((m) => m.seq), [0, 1, 2]);
  });

  test('an opt-out redelivered after a failure finishes the job: the number is suppressed and confirmed once', async () => {
    await sentCampaign(t, '11月督促', [HANAKO], NOV_23 - 3_600_000);
    const deps = inboxDeps(t, clock);
    // The first delivery stored the reply and then failed before suppressing (simulated by undoing it).
    const first = await receiveReply(deps, 'simulator', sms(HANAKO, 'ストップ', NOV_23));
    await t.db.kysely.deleteFrom('messages').where('kind', '=', 'confirmation').execute();
    await t.store.suppressions.remove(first.inbound.fromHash);
    const again = await receiveReply(deps, 'simulator', sms(HANAKO, 'ストップ', NOV_23 + 5000));
    assert.equal(again.duplicate, true);
    assert.ok(again.confirmationId);
    assert.ok(await t.store.suppressions.byId(first.inbound.fromHash));
    assert.equal((await receiveReply(deps, 'simulator', sms(HANAKO, 'ストップ', NOV_23 + 9000))).confirmationId, null);
  });

  test('an opt-out from a number we never wrote to is suppressed, with no confirmation to send', async () => {
    const { confirmationId } = await receiveReply(inboxDeps(t, clock), 'simulator', sms('+817011112222', 'stop', NOV_23));
    assert.equal(confirmationId, null);
    assert.ok(await t.store.suppressions.byId(testVault.blindIndex('+817011112222')));
  });

  test('without organisation settings the confirmation is signed with the sender', async () => {
    await sentCampaign(t, '11月督促', [HANAKO], NOV_23 - 3_600_000);
    await receiveReply(inboxDeps(t, clock), 'simulator', sms(HANAKO, '停止', NOV_23));
    const confirmation = (await messagesTo(t, HANAKO)).find((m) => m.kind === 'confirmation')!;
    assert.equal(testVault.decrypt(confirmation.body_enc!), '配信を停止しました。今後このお知らせはお送りしません。【TODOKU】');
  });
});
