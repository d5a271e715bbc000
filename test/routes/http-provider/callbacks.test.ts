// Our public callback endpoints, over real HTTP: only callbacks signed with the route's auth token get
// through (403 otherwise, as problem+json), stale ones (old signed timestamp, unknown MessageSid, a
// status going backwards) are refused, repeats are acknowledged once, replies reach the dispatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { providerWorld, sms, statusFields, waitFor, SENDER, ACCOUNT } from './harness.ts';

const STATUS = '/hooks/providers/twilio/status';
const INBOUND = '/hooks/providers/twilio/inbound';

/** A world where the provider accepts sends but posts no callbacks by itself; one message sent. */
async function oneSent(t: Parameters<typeof providerWorld>[0], options: Parameters<Awaited<ReturnType<typeof providerWorld>>['route']>[0] = {}) {
  const world = await providerWorld(t, { callbackDelayMs: 600_000 });
  const { route, events } = await world.route(options);
  const outcome = await route.submit(sms('1'));
  assert.equal(outcome.kind, 'accepted');
  return { world, route, events, sid: outcome.kind === 'accepted' ? outcome.smscId : '' };
}

test('a callback signed with the auth token is accepted; a wrong or missing signature gets 403', async (t) => {
  const { world, events, sid } = await oneSent(t);
  const wrong = await world.callback(STATUS, statusFields(sid, 'delivered'), { token: 'not-the-token' });
  assert.equal(wrong.status, 403);
  assert.match(wrong.type, /application\/problem\+json/);
  assert.equal(wrong.body.code, 'TODOKU_E_CALLBACK_SIGNATURE');
  assert.match(wrong.body.title, /署名/);
  const unsigned = await world.callback(STATUS, statusFields(sid, 'delivered'), { signature: null });
  assert.deepEqual([unsigned.status, unsigned.body.code], [403, 'TODOKU_E_CALLBACK_UNSIGNED']);
  const tampered = await world.callback(STATUS, statusFields(sid, 'delivered'), { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' });
  assert.equal(tampered.status, 403);
  assert.equal(events.receipts.length, 0);

  const right = await world.callback(STATUS, statusFields(sid, 'delivered'));
  assert.deepEqual([right.status, right.body], [200, { result: 'stored' }]);
  assert.deepEqual(events.receipts.map((r) => [r.smscId, r.status, r.to]), [[sid, 'delivered', '+819012345678']]);
});

test('a callback whose signed timestamp is older than five minutes is stale (403); a fresh one is taken', async (t) => {
  const { world, events, sid } = await oneSent(t);
  const old = String(Date.now() - 5 * 60_000 - 1_000);
  const stale = await world.callback(STATUS, statusFields(sid, 'sent'), { timestamp: old });
  assert.deepEqual([stale.status, stale.body.code], [403, 'TODOKU_E_CALLBACK_STALE']);
  // The timestamp is signed: a replay with a new timestamp but the old signature does not verify.
  const oldSignature = (await import('../../../src/routes/http-provider/signature.ts')).sign('test-auth-token-0123456789', world.url + STATUS, statusFields(sid, 'sent'), old);
  const restamped = await world.callback(STATUS, statusFields(sid, 'sent'), { timestamp: String(Date.now()), signature: oldSignature });
  assert.deepEqual([restamped.status, restamped.body.code], [403, 'TODOKU_E_CALLBACK_SIGNATURE']);
  const fresh = await world.callback(STATUS, statusFields(sid, 'sent'), { timestamp: String(Date.now()) });
  assert.equal(fresh.status, 200);
  assert.deepEqual(events.receipts.map((r) => r.carrierState), ['sent']);
});

test('a route talking to the simulator can require the timestamp', async (t) => {
  const { world, sid } = await oneSent(t, { requireTimestamp: true });
  const plain = await world.callback(STATUS, statusFields(sid, 'sent'));
  assert.deepEqual([plain.status, plain.body.code], [403, 'TODOKU_E_CALLBACK_STALE']);
});

test('without a timestamp (real Twilio), stale means an unknown MessageSid or a status going backwards', async (t) => {
  const { world, events, sid } = await oneSent(t);
  const unknown = await world.callback(STATUS, statusFields('SM00000000000000000000000000000000', 'delivered'));
  assert.deepEqual([unknown.status, unknown.body.code], [403, 'TODOKU_E_CALLBACK_STALE']);
  assert.equal((await world.callback(STATUS, statusFields(sid, 'delivered'))).status, 200);
  const backwards = await world.callback(STATUS, statusFields(sid, 'sent'));
  assert.deepEqual([backwards.status, backwards.body.code], [403, 'TODOKU_E_CALLBACK_STALE']);
  const otherFinal = await world.callback(STATUS, statusFields(sid, 'undelivered', [['ErrorCode', '30003']]));
  assert.equal(otherFinal.status, 403);
  const repeat = await world.callback(STATUS, statusFields(sid, 'delivered'));
  assert.deepEqual([repeat.status, repeat.body], [200, { result: 'repeat' }]);
  assert.equal(events.receipts.length, 1);
});

test("a callback for another account's messages, or for a route not running here, is refused", async (t) => {
  const { world, sid } = await oneSent(t);
  const fields = statusFields(sid, 'delivered').map(([k, v]): [string, string] => [k, k === 'AccountSid' ? 'ACffffffffffffffffffffffffffffffff' : v]);
  assert.equal((await world.callback(STATUS, fields)).status, 403);
  const elsewhere = await world.callback('/hooks/providers/other/status', statusFields(sid, 'delivered'));
  assert.deepEqual([elsewhere.status, elsewhere.body.code], [404, 'TODOKU_E_NOT_FOUND']);
});

test('a signed reply reaches the dispatcher once; an unsigned one is refused', async (t) => {
  const { world, events } = await oneSent(t);
  const fields: [string, string][] = [
    ['MessageSid', 'SMabcdefabcdefabcdefabcdefabcdefab'],
    ['AccountSid', ACCOUNT],
    ['From', '+819012345678'],
    ['To', SENDER],
    ['Body', '来週払います'],
    ['NumMedia', '0'],
  ];
  assert.equal((await world.callback(INBOUND, fields, { signature: null })).status, 403);
  const first = await world.callback(INBOUND, fields);
  assert.equal(first.status, 200);
  assert.match(first.type, /text\/xml/);
  assert.match(first.body, /<Response><\/Response>/);
  assert.equal((await world.callback(INBOUND, fields)).status, 200);
  assert.equal(events.inbounds.length, 1);
  assert.deepEqual({ ...events.inbounds[0], receivedAt: undefined }, { from: '+819012345678', to: SENDER, text: '来週払います', receivedAt: undefined });
});

test('a callback that overtakes the answer to its own send waits for that answer', async (t) => {
  // A provider that holds its answer until the test releases it.
  let held: ServerResponse | undefined;
  const provider = createServer((req, res) => {
    req.resume();
    req.on('end', () => (held = res));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => provider.close(() => resolve())));
  const world = await providerWorld(t);
  const { route, events } = await world.route({ baseUrl: `http://127.0.0.1:${(provider.address() as AddressInfo).port}` });
  const sid = 'SM11111111111111111111111111111111';
  const submitted = route.submit(sms('1'));
  await waitFor('the send to reach the provider', () => held !== undefined);
  let answeredEarly = false;
  const early = world.callback(STATUS, statusFields(sid, 'sent')).finally(() => (answeredEarly = true));
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(answeredEarly, false, 'the callback waits while its send is unanswered');
  held!.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ sid, status: 'queued', error_code: null }));
  assert.deepEqual(await submitted, { kind: 'accepted', smscId: sid });
  assert.equal((await early).status, 200);
  assert.equal(events.receipts[0]?.smscId, sid);
});

test('callbacks must be form-encoded', async (t) => {
  const { world } = await oneSent(t);
  const r = await fetch(world.url + STATUS, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"MessageSid":"SM1"}' });
  assert.equal(r.status, 400);
  assert.equal(((await r.json()) as any).code, 'TODOKU_E_CALLBACK_INVALID');
});
