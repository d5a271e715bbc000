// Webhooks end to end: the whole app (web, dispatcher, SMSC simulator over real SMPP) sends a campaign
// while an integrator's receiver on 127.0.0.1 answers 500 twice to every delivery before accepting it.
// Every message's status and the campaign's completion arrive, each request signed, the retries in
// the delivery log; and the administrator's API refuses what it must.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { verifySignature } from '../../src/webhooks/signature.ts';

interface Received {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  answered: number;
  at: number;
}

/** An integrator's endpoint: fails the first two attempts of each delivery (by Todoku-Delivery), then accepts. */
async function flakyReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const tries = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery = String(req.headers['todoku-delivery']);
      const n = (tries.get(delivery) ?? 0) + 1;
      tries.set(delivery, n);
      const answered = n <= 2 ? 500 : 200;
      received.push({ headers: req.headers, raw: Buffer.concat(chunks), answered, at: Date.now() });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/todoku/hook`, received };
}

const LIST = ['氏名,電話番号,金額', '山田 太郎,090-1111-2001,1000', '佐藤 花子,090-1111-2002,2000', '鈴木 一郎,090-1111-2003,3000', '高橋 次郎,090-1111-2004,4000'].join('\n');

let t: TestApp;
let receiver: Awaited<ReturnType<typeof flakyReceiver>>;
before(async () => {
  receiver = await flakyReceiver();
  // The receiver is on this machine: the operator allows it by name, as an internal system would be.
  t = await startTestApp('sqlite', { TODOKU_WEBHOOK_BACKOFF_MS: '100', TODOKU_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
});
after(async () => {
  await t.stop();
  await new Promise((resolve) => receiver.server.close(resolve));
});

test('only administrators manage webhooks; URLs must be https to a public host, or a host the operator allows; event names are checked', async () => {
  const { secret: operatorKey } = await t.app.store.apiKeys.create('operator', undefined, 'operator');
  assert.equal((await t.api('GET', '/webhooks', undefined, { key: operatorKey })).status, 403, 'webhooks are for administrators');
  const insecure = await t.api('POST', '/webhooks', { url: 'http://hooks.example.jp/todoku', events: ['message.status'] });
  assert.equal(insecure.status, 422);
  assert.equal(insecure.body.code, 'TODOKU_E_WEBHOOK_URL');
  assert.match(insecure.body.title, /https/);
  for (const url of ['http://localhost:8080/x', 'https://0x7f000002/x', 'https://[::1]/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data/']) {
    const internal = await t.api('POST', '/webhooks', { url, events: ['message.status'] });
    assert.equal(internal.status, 422, url);
    assert.equal(internal.body.code, 'TODOKU_E_WEBHOOK_URL', url);
  }
  const unknown = await t.api('POST', '/webhooks', { url: 'https://hooks.example.jp/todoku', events: ['message.opened'] });
  assert.equal(unknown.status, 400);
  assert.equal((await t.api('GET', '/webhooks/4242')).status, 404);
  const doc = await t.api('GET', '/api/v1/openapi.json', undefined, { key: null });
  for (const path of ['/api/v1/webhooks', '/api/v1/webhooks/{id}/rotate-secret', '/api/v1/webhooks/{id}/deliveries', '/api/v1/webhooks/deliveries/{id}/retry']) assert.ok(doc.body.paths[path], `${path} documented`);
});

test('a campaign is sent: the receiver gets every message.status and one campaign.completed, signed, after two refusals each', async () => {
  const created = await t.api('POST', '/webhooks', { url: receiver.url, events: ['message.status', 'campaign.completed'], description: '基幹システム連携' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const secret: string = created.body.secret;
  assert.match(secret, /^whsec_/);
  const listed = await t.api('GET', '/webhooks');
  assert.deepEqual(listed.body.webhooks.map((w: any) => [w.id, w.url, w.events]), [[created.body.id, receiver.url, ['campaign.completed', 'message.status']]]);
  assert.ok(!JSON.stringify(listed.body).includes(secret), 'the secret is never shown again');

  const { id: campaignId, imported } = await campaignWithList(t, { name: 'Webhook連携', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, LIST);
  assert.equal(imported.accepted, 4, JSON.stringify(imported));
  await sendCampaign(t, campaignId);

  const accepted = () => receiver.received.filter((r) => r.answered === 200).map((r) => JSON.parse(r.raw.toString('utf8')));
  await until('4 message.status and 1 campaign.completed accepted by the receiver', async () => {
    const got = accepted();
    return got.filter((e) => e.type === 'message.status').length >= 4 && got.some((e) => e.type === 'campaign.completed');
  }, 30_000, 100);

  const messages = (await t.api('GET', `/campaigns/${campaignId}/messages`)).body.messages as { id: number; state: string }[];
  const statuses = accepted().filter((e) => e.type === 'message.status');
  assert.deepEqual(statuses.map((e) => e.data.messageId).sort(), messages.map((m) => m.id).sort(), 'one status event for every message');
  assert.ok(statuses.every((e) => e.data.state === 'delivered' && e.data.campaignId === campaignId && e.data.carrierState === 'DELIVRD'));
  const completed = accepted().filter((e) => e.type === 'campaign.completed');
  assert.equal(completed.length, 1);
  assert.equal(completed[0].data.name, 'Webhook連携');
  assert.equal(Object.values(completed[0].data.counts as Record<string, number>).reduce((a, b) => a + b, 0), 4);

  for (const r of receiver.received) {
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['todoku-event'], JSON.parse(r.raw.toString('utf8')).type);
    assert.ok(verifySignature(secret, String(r.headers['todoku-signature']), r.raw, r.at), 'every request verifies with the secret');
    assert.ok(!verifySignature(secret, String(r.headers['todoku-signature']), Buffer.concat([r.raw, Buffer.from(' ')]), r.at));
  }
  // A retry sends the same body (same event id) under the same delivery id.
  const byDelivery = new Map<string, Received[]>();
  for (const r of receiver.received) byDelivery.set(String(r.headers['todoku-delivery']), [...(byDelivery.get(String(r.headers['todoku-delivery'])) ?? []), r]);
  assert.equal(byDelivery.size, 5);
  for (const [, attempts] of byDelivery) {
    assert.deepEqual(attempts.map((a) => a.answered), [500, 500, 200]);
    assert.equal(new Set(attempts.map((a) => a.raw.toString('utf8'))).size, 1);
    assert.ok(attempts[1]!.at - attempts[0]!.at >= 60, 'the retry waited (backoff)');
  }

  const log = await t.api('GET', `/webhooks/${created.body.id}/deliveries`);
  assert.equal(log.status, 200);
  const deliveries = log.body.deliveries as any[];
  assert.equal(deliveries.length, 5);
  for (const d of deliveries) {
    assert.equal(d.status, 'delivered');
    assert.equal(d.attempts, 3);
    assert.equal(d.lastStatusCode, 200);
    assert.deepEqual(d.log.map((a: any) => [a.attempt, a.statusCode, a.error]), [[1, 500, 'HTTP 500 Internal Server Error'], [2, 500, 'HTTP 500 Internal Server Error'], [3, 200, null]]);
  }
  const summary = await t.api('GET', `/webhooks/${created.body.id}`);
  assert.deepEqual(summary.body.deliveries, { pending: 0, delivering: 0, delivered: 5, failed: 0 });

  // Sending one again by hand: the same event, a fresh signature, a fourth attempt in the log.
  const one = deliveries.find((d) => d.eventType === 'campaign.completed');
  const retried = await t.api('POST', `/webhooks/deliveries/${one.id}/retry`);
  assert.equal(retried.status, 202);
  // (Its attempt is counted when it starts: wait for the answer too, not only the count.)
  await until('the retried delivery is accepted again', async () => {
    const d = (await t.api('GET', `/webhooks/deliveries/${one.id}`)).body;
    return (d.attempts === 4 && d.status === 'delivered') || undefined;
  }, 10_000, 50);
  const again = receiver.received.filter((r) => r.headers['todoku-delivery'] === String(one.id));
  assert.equal(again.length, 4);
  assert.equal(again[3]!.raw.toString('utf8'), again[2]!.raw.toString('utf8'));
  assert.ok(verifySignature(secret, String(again[3]!.headers['todoku-signature']), again[3]!.raw, again[3]!.at));
});

test('rotating the secret returns a new one once; both sign during the grace period', async () => {
  const [hook] = (await t.api('GET', '/webhooks')).body.webhooks;
  const rotated = await t.api('POST', `/webhooks/${hook.id}/rotate-secret`, { graceSeconds: 600 });
  assert.equal(rotated.status, 200);
  assert.match(rotated.body.secret, /^whsec_/);
  assert.ok(rotated.body.previousSecretUntil);
  const disabled = await t.api('PATCH', `/webhooks/${hook.id}`, { enabled: false, url: 'https://hooks.example.jp/moved' });
  assert.equal(disabled.status, 200);
  assert.equal(disabled.body.enabled, false);
  assert.equal((await t.api('PATCH', `/webhooks/${hook.id}`, { url: 'ftp://hooks.example.jp/' })).status, 422);
  assert.equal((await t.api('DELETE', `/webhooks/${hook.id}`)).status, 204);
  assert.equal((await t.api('GET', `/webhooks/${hook.id}/deliveries`)).status, 404);
});
