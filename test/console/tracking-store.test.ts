// What the tracking dashboard reads, on SQLite and PostgreSQL: five people, their messages in every
// state, page opens and an identity check, a download, a survey answer, a payment and replies; the
// funnel counts people once, the chart counts each step in its minute, the recipient table knows when
// each person got how far, and a message's story comes out in time order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { messageTimeline } from '../../src/tracking/message-timeline.ts';

const T0 = Date.UTC(2026, 11, 1, 0, 0, 0); // 09:00 in Tokyo
const MIN = 60_000;
const PHONES = ['+819011110001', '+819011110002', '+819011110003', '+819011110004', '+819011110005'];

eachDatabase('tracking store', (kind) => {
  let t: TestDb;
  let campaignId: number;
  let ids: number[];

  before(async () => {
    t = await createTestDb(kind, () => T0);
    const { store } = t;
    const db = store.db.kysely;
    campaignId = (await store.campaigns.create({ name: 'funnel', template: '{{name}}様 {{url}}', sender: null })).id;
    await store.recipients.insertBatch(
      campaignId,
      PHONES.map((phone, i) => ({ line: i + 2, phone, fields: { name: `宛先${i + 1}`, phone } })),
    );
    await store.messages.materialise(campaignId);
    const messages = await db.selectFrom('messages').select(['id', 'recipient_id']).where('campaign_id', '=', campaignId).orderBy('id').execute();
    ids = messages.map((m) => m.id);
    const [m1, m2, m3, m4] = ids as [number, number, number, number, number];
    const set = (id: number, values: Record<string, unknown>) => db.updateTable('messages').set(values).where('id', '=', id).execute();
    await set(m1, { state: 'delivered', submitted_at: T0 + 1_000, delivered_at: T0 + 2_000, final_at: T0 + 2_000, route: 'simulator', smsc_id: 'a1', parts: 2, carrier_state: 'DELIVRD' });
    await set(m2, { state: 'delivered', submitted_at: T0 + 1_500, delivered_at: T0 + MIN + 5_000, final_at: T0 + MIN + 5_000 });
    await set(m3, { state: 'undeliverable', submitted_at: T0 + 1_500, final_at: T0 + 2 * MIN, error_code: '001', carrier_state: 'UNDELIV' });
    await set(m4, { state: 'submitted', submitted_at: T0 + 3 * MIN });
    // An operator's answer to the first person is a later message: it is not the campaign's.
    await db
      .insertInto('messages')
      .values({ campaign_id: campaignId, recipient_id: messages[0]!.recipient_id, seq: 1, kind: 'reply', state: 'delivered', next_attempt_at: T0, created_at: T0 + 10 * MIN, updated_at: T0, submitted_at: T0 + 10 * MIN })
      .execute();

    await store.landing.recordEvents([
      { messageId: m1, campaignId, kind: 'open', at: T0 + 5 * MIN, browser: 'Safari', os: 'iOS' },
      { messageId: m1, campaignId, kind: 'open', at: T0 + 30 * MIN },
      { messageId: m1, campaignId, kind: 'verified', at: T0 + 6 * MIN },
      { messageId: m2, campaignId, kind: 'open', at: T0 + 7 * MIN },
      { messageId: m2, campaignId, kind: 'verify_failed', at: T0 + 8 * MIN },
    ]);
    await db.insertInto('landing_states').values({ message_id: m2, failed_attempts: 5, locked_at: T0 + 9 * MIN, verified_at: null, session_generation: 1, updated_at: T0 }).execute();
    const doc = await store.documents.issue({ campaignId, recipientId: messages[0]!.recipient_id, source: 'invoice', nameEnc: testVault.encrypt('invoice.pdf'), size: 3, sha256: 'x', content: Buffer.from('pdf') });
    await db.insertInto('document_downloads').values({ document_id: doc.id, campaign_id: campaignId, message_id: m1, at: T0 + 11 * MIN }).execute();
    await store.surveys.saveAnswers(campaignId, m1, testVault.encrypt('{}'), [], {});
    await db
      .insertInto('payments')
      .values({ message_id: m1, campaign_id: campaignId, amount: 12000, currency: 'jpy', state: 'paid', provider: 'simulator', checkout_id: 'cs_1', paid_amount: 12000, paid_at: T0 + 12 * MIN, created_at: T0, updated_at: T0 })
      .execute();
    const reply = (phone: string, messageId: number, text: string, optOut: boolean, at: number) =>
      store.inbound.insert({
        route: 'simulator',
        phone,
        fromHash: testVault.blindIndex(phone),
        to: 'TODOKU',
        text,
        receivedAt: at,
        campaignId,
        messageId,
        recipientId: null,
        tag: { intent: optOut ? 'opt_out' : 'promise', rule: optOut ? 'opt_out' : 'promise' },
        optOut,
      });
    await reply(PHONES[0]!, m1, '来週払います', false, T0 + 13 * MIN);
    await reply(PHONES[0]!, m1, '振り込みました', false, T0 + 14 * MIN);
    await reply(PHONES[1]!, m2, '停止', true, T0 + 15 * MIN);
  });
  after(() => t?.cleanup());

  test('the funnel counts people once at each step, and only the campaign’s own messages', async () => {
    const { funnel, states } = await t.store.tracking.funnel(campaignId);
    assert.deepEqual(funnel, { targeted: 5, sent: 4, delivered: 2, failed: 1, opened: 2, verified: 1, locked: 1, downloaded: 1, answered: 1, paid: 1, replied: 2, optedOut: 1 });
    assert.deepEqual(states, { delivered: 2, undeliverable: 1, submitted: 1, queued: 1 });
  });

  test('the chart puts each step in its minute, a person’s first open only once', async () => {
    const buckets = await t.store.tracking.timeline(campaignId, MIN);
    assert.deepEqual(
      buckets.map((b) => b.at - T0),
      // 14: the first person's second reply is not a step (the chart counts people at their first reply, as the funnel does).
      [0, 1, 2, 3, 5, 6, 7, 11, 12, 13, 15].map((m) => m * MIN),
    );
    const sum = (k: keyof (typeof buckets)[number]) => buckets.reduce((n, b) => n + (b[k] as number), 0);
    assert.deepEqual(
      { sent: sum('sent'), delivered: sum('delivered'), failed: sum('failed'), opened: sum('opened'), verified: sum('verified'), downloaded: sum('downloaded'), answered: sum('answered'), paid: sum('paid'), replied: sum('replied') },
      { sent: 4, delivered: 2, failed: 1, opened: 2, verified: 1, downloaded: 1, answered: 1, paid: 1, replied: 2 },
    );
    assert.equal(buckets[0]!.sent, 3, 'three handed to the carrier in the first minute');
    assert.equal(buckets.find((b) => b.at === T0 + MIN)!.delivered, 1);
    const hourly = await t.store.tracking.timeline(campaignId, 60 * MIN);
    assert.equal(hourly.length, 1);
    assert.equal(hourly[0]!.at, T0);
  });

  test('the recipient table knows when each person reached each step', async () => {
    const page = await t.store.tracking.recipientPage(campaignId, { afterId: 0, limit: 10 });
    assert.deepEqual(
      page.map((r) => [r.line, r.message?.state ?? null]),
      [
        [2, 'delivered'],
        [3, 'delivered'],
        [4, 'undeliverable'],
        [5, 'submitted'],
        [6, 'queued'],
      ],
    );
    assert.deepEqual(JSON.parse(testVault.decrypt(page[0]!.fieldsEnc)).fields.name, '宛先1');
    const delivered = await t.store.tracking.recipientPage(campaignId, { afterId: 0, limit: 10, state: 'delivered' });
    assert.deepEqual(delivered.map((r) => r.line), [2, 3]);
    const after = await t.store.tracking.recipientPage(campaignId, { afterId: page[2]!.recipientId, limit: 10 });
    assert.deepEqual(after.map((r) => r.line), [5, 6]);

    const flags = await t.store.tracking.progress(ids.slice(0, 3));
    assert.deepEqual(flags.get(ids[0]!), {
      openedAt: T0 + 5 * MIN,
      verifiedAt: T0 + 6 * MIN,
      downloadedAt: T0 + 11 * MIN,
      answeredAt: T0,
      paidAt: T0 + 12 * MIN,
      repliedAt: T0 + 13 * MIN,
      locked: false,
    });
    assert.equal(flags.get(ids[1]!)!.locked, true);
    assert.equal(flags.get(ids[1]!)!.verifiedAt, null);
    assert.deepEqual(flags.get(ids[2]!), { openedAt: null, verifiedAt: null, downloadedAt: null, answeredAt: null, paidAt: null, repliedAt: null, locked: false });
  });

  test('a message’s story in time order, with the carrier’s error code when it failed', async () => {
    const first = (await t.store.tracking.message(ids[0]!))!;
    const events = messageTimeline(first.record, await t.store.tracking.history(first.record));
    assert.deepEqual(
      events.map((e) => e.kind),
      // The survey answer was stored at T0 by the store's clock: same instant as queued, listed after it.
      ['queued', 'answered', 'submitted', 'delivered', 'opened', 'verified', 'follow_up', 'downloaded', 'paid', 'replied', 'replied', 'opened'],
    );
    assert.deepEqual(events[2]!.detail, { route: 'simulator', smscId: 'a1', parts: 2, attempts: 0 });
    assert.deepEqual(events[4]!.detail, { browser: 'Safari', os: 'iOS' });
    assert.equal(events.find((e) => e.kind === 'replied')!.replyId !== undefined, true);
    // Answers changed later show both times.
    const answered = messageTimeline(first.record, { ...(await t.store.tracking.history(first.record)), answer: { createdAt: T0 + 20 * MIN, updatedAt: T0 + 21 * MIN } });
    assert.deepEqual(answered.filter((e) => e.kind.startsWith('answer')).map((e) => e.kind), ['answered', 'answer_changed']);

    const failed = (await t.store.tracking.message(ids[2]!))!;
    const story = messageTimeline(failed.record, await t.store.tracking.history(failed.record));
    assert.deepEqual(story.map((e) => e.kind), ['queued', 'submitted', 'undeliverable']);
    assert.equal(story[2]!.detail.errorCode, '001');
    assert.equal(story[2]!.detail.carrierState, 'UNDELIV');
    assert.equal(story[2]!.at, T0 + 2 * MIN);
  });
});

test('a campaign nobody was imported into has an empty funnel and chart', async () => {
  const t = await createTestDb('sqlite');
  try {
    const c = await t.store.campaigns.create({ name: 'empty', template: null, sender: null });
    const { funnel, states } = await t.store.tracking.funnel(c.id);
    assert.equal(Object.values(funnel).every((n) => n === 0), true);
    assert.deepEqual(states, {});
    assert.deepEqual(await t.store.tracking.timeline(c.id, MIN), []);
  } finally {
    await t.cleanup();
  }
});
