// Webhooks in the store, on SQLite and PostgreSQL: subscriptions with sealed secrets, events written by
// the code that changes state (receipts, failed submits, campaign completion) only when someone
// listens, one delivery per (event, subscription), claims that never overlap, retries, the log.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { createWebhookService } from '../../src/webhooks/service.ts';
import type { WebhookEventType } from '../../src/core/webhook-events.ts';

async function submittedCampaign(t: TestDb, name: string, n: number) {
  const c = await t.store.campaigns.create({ name, template: 'お知らせ {{name}}' });
  const rows = Array.from({ length: n }, (_, i) => ({ line: i + 2, phone: `+8190${String(20000000 + i)}`, fields: { name: `人${i}` } }));
  await t.store.recipients.insertBatch(c.id, rows);
  await t.store.campaigns.transition(c.id, ['draft'], 'sending');
  await t.store.messages.materialise(c.id);
  const claimed = await t.store.messages.claim('w', n);
  await t.store.messages.record(
    'w',
    claimed.map((m) => ({ id: m.id, kind: 'accepted' as const, smscId: `${name}-${m.id}`, route: 'r', bodyEnc: testVault.encrypt('本文'), linkCode: null, parts: 1, textCommitment: 'text', toCommitment: 'to' })),
  );
  return { campaign: c, ids: claimed.map((m) => m.id) };
}

const receipt = (smscId: string, status: 'delivered' | 'undeliverable' | 'accepted', carrierState: string) => ({ receipt: { smscId, status, carrierState }, toHash: null });

eachDatabase('webhooks store', (kind) => {
  let t: TestDb;
  let clock = 1_800_000_000_000;
  let service: ReturnType<typeof createWebhookService>;
  const subscribe = (events: WebhookEventType[], enabled = true) => service.subscribe({ url: 'https://hooks.example.jp/todoku', events, description: null, enabled });
  const eventsOf = () => t.db.kysely.selectFrom('webhook_events').selectAll().orderBy('id').execute();
  const deliveriesOf = () => t.db.kysely.selectFrom('webhook_deliveries').selectAll().orderBy('id').execute();

  beforeEach(async () => {
    t = await createTestDb(kind, () => clock);
    service = createWebhookService({ store: t.store, now: () => clock });
  });
  afterEach(async () => t.cleanup());

  test('a subscription keeps its secret sealed; the secret is returned once, never listed', async () => {
    const { subscription, secret } = await subscribe(['message.status']);
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    const raw = await t.db.kysely.selectFrom('webhook_subscriptions').selectAll().where('id', '=', subscription.id).executeTakeFirstOrThrow();
    assert.ok(!raw.secret_enc.includes(secret.slice(6)));
    assert.equal(testVault.decrypt(raw.secret_enc), secret);
    const [listed] = await t.store.webhooks.subscriptions.list();
    assert.deepEqual(listed!.events, ['message.status']);
    assert.ok(!JSON.stringify(listed).includes(secret.slice(6)));
  });

  test('with nobody subscribed, receipts and completion write no events at all', async () => {
    const { campaign, ids } = await submittedCampaign(t, 'quiet', 2);
    await t.store.messages.applyReceipts('r', ids.map((id) => receipt(`quiet-${id}`, 'delivered', 'DELIVRD')));
    assert.deepEqual(await t.store.campaigns.completeFinished(), [campaign.id]);
    assert.equal((await eventsOf()).length, 0);
  });

  test('each message that becomes final is one message.status event, sent to each enabled subscription wanting it', async () => {
    const wants = await subscribe(['message.status', 'campaign.completed']);
    await subscribe(['campaign.completed']);
    await subscribe(['message.status'], false);
    const { campaign, ids } = await submittedCampaign(t, 'final', 3);
    const [m1, m2, m3] = ids as [number, number, number];
    clock += 5_000;
    await t.store.messages.applyReceipts('r', [receipt(`final-${m1}`, 'delivered', 'DELIVRD'), receipt(`final-${m2}`, 'undeliverable', 'UNDELIV'), receipt(`final-${m3}`, 'accepted', 'ACCEPTD')]);
    // The same receipt again changes nothing and tells nobody twice.
    await t.store.messages.applyReceipts('r', [receipt(`final-${m1}`, 'delivered', 'DELIVRD')]);

    const events = await eventsOf();
    assert.deepEqual(events.map((e) => e.type), ['message.status', 'message.status']);
    const data = events.map((e) => JSON.parse(testVault.decrypt(e.payload_enc)));
    assert.deepEqual(
      data.map((d) => [d.messageId, d.state, d.carrierState]).sort(),
      [[m1, 'delivered', 'DELIVRD'], [m2, 'undeliverable', 'UNDELIV']].sort(),
    );
    assert.equal(data[0].campaignId, campaign.id);
    assert.equal(data[0].finalAt, new Date(clock).toISOString());
    assert.ok(!events[0]!.payload_enc.includes('DELIVRD'), 'payloads are sealed at rest');

    const deliveries = await deliveriesOf();
    assert.equal(deliveries.length, 2, 'only the enabled subscription wanting message.status gets them');
    assert.ok(deliveries.every((d) => d.subscription_id === wants.subscription.id && d.status === 'pending' && d.attempts === 0));
  });

  test('a submit refused for good and a cancelled queue are message.status events too', async () => {
    await subscribe(['message.status']);
    const c = await t.store.campaigns.create({ name: 'refused' });
    await t.store.recipients.insertBatch(c.id, [0, 1, 2].map((i) => ({ line: i + 2, phone: `+8180${String(30000000 + i)}`, fields: {} })));
    await t.store.campaigns.transition(c.id, ['draft'], 'sending');
    await t.store.messages.materialise(c.id);
    const [m] = await t.store.messages.claim('w', 1);
    await t.store.messages.record('w', [{ id: m!.id, kind: 'failed', code: 'ESME_RINVDSTADR', reason: 'invalid destination' }]);
    assert.equal(await t.store.messages.cancelQueued(c.id), 2);
    const data = (await eventsOf()).map((e) => JSON.parse(testVault.decrypt(e.payload_enc)));
    assert.deepEqual(data.map((d) => d.state).sort(), ['cancelled', 'cancelled', 'failed']);
    assert.equal(data.find((d) => d.state === 'failed').errorCode, 'ESME_RINVDSTADR');
  });

  test('a completed campaign is one campaign.completed event with its messages counted by state, however often completion runs', async () => {
    await subscribe(['campaign.completed']);
    const { campaign, ids } = await submittedCampaign(t, 'done', 2);
    await t.store.messages.applyReceipts('r', [receipt(`done-${ids[0]}`, 'delivered', 'DELIVRD')]);
    // One message still waits for its receipt: 配達待ち, no event yet.
    assert.deepEqual(await t.store.campaigns.completeFinished(), []);
    assert.equal((await t.store.campaigns.byId(campaign.id))!.status, 'awaiting_receipts');
    assert.equal((await eventsOf()).length, 0);
    await t.store.messages.applyReceipts('r', [receipt(`done-${ids[1]}`, 'undeliverable', 'UNDELIV')]);
    clock += 1_000;
    assert.deepEqual(await t.store.campaigns.completeFinished(), [campaign.id]);
    assert.deepEqual(await t.store.campaigns.completeFinished(), []);
    const events = await eventsOf();
    assert.equal(events.length, 1);
    assert.deepEqual(JSON.parse(testVault.decrypt(events[0]!.payload_enc)), {
      campaignId: campaign.id,
      name: 'done',
      completedAt: new Date(clock).toISOString(),
      counts: { delivered: 1, undeliverable: 1 },
    });
  });

  test('a reply, a survey answer and a payment are events written with the change, the reply sealed at rest', async () => {
    await subscribe(['message.reply', 'survey.answered', 'payment.succeeded']);
    const { campaign, ids } = await submittedCampaign(t, 'actions', 1);
    const messageId = ids[0]!;
    const phone = '+819020000000';
    const reply = await t.store.inbound.insert({
      route: 'r', phone, fromHash: testVault.blindIndex(phone), to: 'TODOKU', text: '明日払います', receivedAt: clock,
      campaignId: campaign.id, messageId, recipientId: null, tag: { intent: 'promise', rule: 'promise' }, optOut: false,
    });
    await t.store.surveys.putDefinition(campaign.id, JSON.stringify({ title: 'ご意向', questions: [] }));
    await t.store.surveys.saveAnswers(campaign.id, messageId, testVault.encrypt('{}'), [], { plan: 'monthly' });
    await t.store.surveys.saveAnswers(campaign.id, messageId, testVault.encrypt('{}'), [], { plan: 'once' });
    await t.store.payments.startCheckout({ messageId, campaignId: campaign.id, amount: 12_345, currency: 'jpy', provider: 'simulator', checkoutId: 'cs_1', url: 'https://pay.example/cs_1' });
    const paid = { provider: 'simulator', type: 'checkout.completed', checkoutId: 'cs_1', messageId, amount: 12_345 };
    await t.store.payments.applyEvent({ ...paid, eventId: 'evt_1' }, () => 'paid');
    await t.store.payments.applyEvent({ ...paid, eventId: 'evt_1' }, () => 'paid');

    const events = await eventsOf();
    assert.deepEqual(events.map((e) => e.type), ['message.reply', 'survey.answered', 'survey.answered', 'payment.succeeded']);
    assert.ok(!events[0]!.payload_enc.includes('9020000000'), 'the phone number is sealed');
    const [r, first, changed, payment] = events.map((e) => JSON.parse(testVault.decrypt(e.payload_enc)));
    assert.deepEqual([r.replyId, r.from, r.text, r.intent, r.messageId], [reply.id, phone, '明日払います', 'promise', messageId]);
    assert.deepEqual([first.first, first.answers, changed.first, changed.answers], [true, { plan: 'monthly' }, false, { plan: 'once' }]);
    assert.deepEqual([payment.messageId, payment.amount, payment.currency, payment.providerEventId], [messageId, 12_345, 'jpy', 'evt_1']);
    assert.equal((await deliveriesOf()).length, 4);
  });

  test('two workers claiming at once never get the same delivery', async () => {
    await subscribe(['campaign.completed']);
    await t.db.kysely.transaction().execute(async (trx) => {
      await t.store.webhooks.emitMany(trx, 'campaign.completed', Array.from({ length: 30 }, (_, i) => ({ campaignId: i + 1, name: `c${i}`, completedAt: new Date(clock).toISOString(), counts: {} })));
    });
    const [a, b] = await Promise.all([t.store.webhooks.deliveries.claim('w-a', 20), t.store.webhooks.deliveries.claim('w-b', 20)]);
    const ids = [...a, ...b].map((d) => d.id);
    assert.equal(ids.length, 30);
    assert.equal(new Set(ids).size, 30);
    const first = a[0] ?? b[0]!;
    assert.equal(first.attempt, 1);
    assert.equal(first.type, 'campaign.completed');
    assert.equal(first.url, 'https://hooks.example.jp/todoku');
    assert.equal(first.secrets.length, 1);
    assert.deepEqual(await t.store.webhooks.deliveries.claim('w-c', 10), [], 'claimed ones are not due again');
  });

  test('a failed attempt waits for its retry time, is given up after the last attempt, and can be retried by hand', async () => {
    const { subscription } = await subscribe(['campaign.completed']);
    await t.store.webhooks.emit(t.db.kysely, 'campaign.completed', { campaignId: 1, name: 'c', completedAt: new Date(clock).toISOString(), counts: {} });
    const deliveries = t.store.webhooks.deliveries;
    const [d] = await deliveries.claim('w', 5);
    assert.ok(await deliveries.finish('w', d!.id, { attempt: 1, startedAt: clock, durationMs: 12, statusCode: 500, error: 'HTTP 500', next: { status: 'pending', at: clock + 10_000 } }));
    assert.deepEqual(await deliveries.claim('w', 5), [], 'not before its time');
    clock += 10_000;
    const [again] = await deliveries.claim('w', 5);
    assert.equal(again!.attempt, 2);
    assert.ok(await deliveries.finish('w', again!.id, { attempt: 2, startedAt: clock, durationMs: 10_000, statusCode: null, error: 'timed out after 10000 ms', next: { status: 'failed' } }));
    assert.equal(await deliveries.finish('w', again!.id, { attempt: 2, startedAt: clock, durationMs: 1, statusCode: 200, error: null, next: { status: 'delivered' } }), false, 'only the claiming worker records, once');

    const [logged] = await deliveries.list(subscription.id, { limit: 10 });
    assert.equal(logged!.status, 'failed');
    assert.equal(logged!.attempts, 2);
    assert.equal(logged!.lastStatusCode, null);
    assert.equal(logged!.lastError, 'timed out after 10000 ms');
    assert.deepEqual(logged!.log.map((a) => [a.attempt, a.statusCode, a.error]), [[1, 500, 'HTTP 500'], [2, null, 'timed out after 10000 ms']]);
    assert.deepEqual(await deliveries.counts(subscription.id), { pending: 0, delivering: 0, delivered: 0, failed: 1 });

    assert.equal(await service.retry(d!.id), true);
    const [third] = await deliveries.claim('w', 5);
    assert.equal(third!.attempt, 3);
    await assert.rejects(service.retry(d!.id), (e: { code?: string }) => e.code === 'TODOKU_E_WEBHOOK_DELIVERY_BUSY');
    assert.equal(await service.retry(999_999), false);
  });

  test("a disabled subscription's deliveries wait, and go once it is enabled again", async () => {
    const { subscription } = await subscribe(['campaign.completed']);
    await t.store.webhooks.emit(t.db.kysely, 'campaign.completed', { campaignId: 1, name: 'c', completedAt: new Date(clock).toISOString(), counts: {} });
    await service.change(subscription.id, { enabled: false });
    assert.deepEqual(await t.store.webhooks.deliveries.claim('w', 5), []);
    await service.change(subscription.id, { enabled: true });
    assert.equal((await t.store.webhooks.deliveries.claim('w', 5)).length, 1);
  });

  test('a delivery left claimed by a stopped worker is due again', async () => {
    await subscribe(['campaign.completed']);
    await t.store.webhooks.emit(t.db.kysely, 'campaign.completed', { campaignId: 1, name: 'c', completedAt: new Date(clock).toISOString(), counts: {} });
    await t.store.webhooks.deliveries.claim('dead', 5);
    clock += 60_000;
    assert.equal(await t.store.webhooks.deliveries.releaseStuck(clock - 70_000), 0, 'not yet presumed dead');
    assert.equal(await t.store.webhooks.deliveries.releaseStuck(clock - 30_000), 1);
    const [d] = await t.store.webhooks.deliveries.claim('alive', 5);
    assert.equal(d!.attempt, 2);
  });

  test('after a rotation both secrets sign until the grace period ends, then only the new one', async () => {
    const { subscription, secret: old } = await subscribe(['campaign.completed']);
    const rotated = await service.rotateSecret(subscription.id, 3600);
    assert.ok(rotated && rotated.secret !== old);
    assert.equal(rotated.subscription.previousSecretUntil, clock + 3_600_000);
    const emit = () => t.store.webhooks.emit(t.db.kysely, 'campaign.completed', { campaignId: 1, name: 'c', completedAt: new Date(clock).toISOString(), counts: {} });
    await emit();
    assert.deepEqual((await t.store.webhooks.deliveries.claim('w', 5))[0]!.secrets, [rotated.secret, old]);
    clock += 3_600_001;
    await emit();
    assert.deepEqual((await t.store.webhooks.deliveries.claim('w', 5))[0]!.secrets, [rotated.secret]);
    assert.equal(await service.rotateSecret(424242), undefined);
  });

  test('removing a subscription removes its deliveries; old finished events are pruned, unfinished ones kept', async () => {
    const a = await subscribe(['campaign.completed']);
    const b = await subscribe(['campaign.completed']);
    await t.store.webhooks.emit(t.db.kysely, 'campaign.completed', { campaignId: 1, name: 'c', completedAt: new Date(clock).toISOString(), counts: {} });
    assert.equal((await deliveriesOf()).length, 2);
    assert.equal(await t.store.webhooks.subscriptions.remove(a.subscription.id), true);
    assert.deepEqual((await deliveriesOf()).map((d) => d.subscription_id), [b.subscription.id]);

    clock += 31 * 86_400_000;
    assert.equal(await t.store.webhooks.deliveries.prune(clock - 30 * 86_400_000), 0, 'a pending delivery keeps its event');
    const [d] = await t.store.webhooks.deliveries.claim('w', 1);
    await t.store.webhooks.deliveries.finish('w', d!.id, { attempt: 1, startedAt: clock, durationMs: 5, statusCode: 204, error: null, next: { status: 'delivered' } });
    assert.equal(await t.store.webhooks.deliveries.prune(clock - 30 * 86_400_000), 1);
    assert.equal((await eventsOf()).length, 0);
    assert.equal((await t.db.kysely.selectFrom('webhook_attempts').selectAll().execute()).length, 0);
  });
});
