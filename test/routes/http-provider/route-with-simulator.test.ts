// The HTTP provider route against the built-in fake provider over real HTTP on 127.0.0.1: messages go
// out as Twilio sends, come back delivered through our signed callback endpoint; refusals, rate limits
// and provider errors end as failures or retries with the provider's code; replies reach the dispatcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { providerWorld, sms, waitFor, SENDER, ACCOUNT } from './harness.ts';

test('messages sent through the fake provider come back delivered through the callback endpoint', async (t) => {
  const world = await providerWorld(t);
  const { route, events } = await world.route();
  const outcomes = await Promise.all(['1', '2', '3', '4', '5'].map((ref, i) => route.submit(sms(ref, `+8190123456${70 + i}`))));
  const sids = outcomes.map((o) => (o.kind === 'accepted' ? o.smscId : assert.fail(`not accepted: ${JSON.stringify(o)}`)));
  for (const sid of sids) assert.match(sid, /^SM[0-9a-f]{32}$/);
  await waitFor('five delivered receipts', () => sids.every((sid) => events.final(sid)?.status === 'delivered'));
  const receipt = events.final(sids[0]!)!;
  assert.equal(receipt.carrierState, 'delivered');
  assert.equal(receipt.to, '+819012345670');
  assert.ok(receipt.doneAt instanceof Date);
  // 'sent' arrives first as a non-final receipt.
  assert.equal(events.receipts.filter((r) => r.status === 'accepted').length, 5);
  // What the provider got: the route's sender, the text, and our status callback URL.
  const got = world.simulator.received()[0]!;
  assert.equal(got.from, SENDER);
  assert.equal(got.body, '山田様 未納のお知らせです');
  assert.equal(got.statusCallback, `${world.url}/hooks/providers/twilio/status`);
  assert.ok(world.simulator.callbacks().every((c) => c.httpStatus === 200));
});

test('undelivered outcomes carry the provider error code', async (t) => {
  const world = await providerWorld(t, { outcomes: { undelivered: 1 }, errorCodes: { undelivered: 30005 } });
  const { route, events } = await world.route();
  const outcome = await route.submit(sms('1'));
  assert.equal(outcome.kind, 'accepted');
  const sid = outcome.kind === 'accepted' ? outcome.smscId : '';
  await waitFor('an undelivered receipt', () => events.final(sid) !== undefined);
  assert.deepEqual({ ...events.final(sid), doneAt: undefined }, { smscId: sid, status: 'undeliverable', carrierState: 'undelivered', to: '+819012345678', errorCode: '30005', doneAt: undefined });
});

test("an invalid number fails at once with Twilio's code; so does a number refused as unsubscribed", async (t) => {
  const world = await providerWorld(t, { refuse: { '+819099990000': 21610 } });
  const { route } = await world.route();
  const invalid = await route.submit(sms('1', '090-1234'));
  assert.equal(invalid.kind, 'failed');
  assert.equal(invalid.kind === 'failed' && invalid.code, 'TWILIO_21211');
  assert.match(invalid.kind === 'failed' ? invalid.reason : '', /宛先番号が不正です/);
  const unsubscribed = await route.submit(sms('2', '+819099990000'));
  assert.deepEqual(unsubscribed.kind === 'failed' && unsubscribed.code, 'TWILIO_21610');
  assert.equal(world.simulator.received().length, 0);
});

test('a 429 is handed back as a retry when the route may not wait', async (t) => {
  const world = await providerWorld(t, { rateLimitShare: 1, retryAfterSeconds: 1 });
  const { route } = await world.route({ throttleWaitMs: 0 });
  const outcome = await route.submit(sms('1'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'TWILIO_20429']);
  // Retry-After: 1 pauses the route, so the dispatcher gives it nothing for a second.
  assert.equal(route.ready(), false);
  await waitFor('the pause to end', () => route.ready(), 3_000);
});

test('a 429 pauses the route for Retry-After and the message then goes out', async (t) => {
  const draws = [0.1];
  const world = await providerWorld(t, { rateLimitShare: 0.5, retryAfterSeconds: 1, random: () => draws.shift() ?? 0.9 });
  const { route } = await world.route({ throttleWaitMs: 5_000 });
  const started = Date.now();
  const outcome = await route.submit(sms('1'));
  assert.equal(outcome.kind, 'accepted');
  assert.ok(Date.now() - started >= 950, `sent again only after Retry-After (${Date.now() - started} ms)`);
  assert.equal(world.simulator.received().length, 1);
});

test('a provider error (500) is a retry', async (t) => {
  const world = await providerWorld(t, { serverErrorShare: 1 });
  const { route } = await world.route();
  const outcome = await route.submit(sms('1'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'TWILIO_20500']);
  assert.equal(route.ready(), true);
});

test('wrong credentials retry the message and pause the route instead of failing the campaign', async (t) => {
  const world = await providerWorld(t);
  const { route } = await world.route({ authToken: 'wrong', credentialsPauseMs: 60_000, throttleWaitMs: 0 });
  const outcome = await route.submit(sms('1'));
  assert.deepEqual([outcome.kind, outcome.kind === 'retry' && outcome.code], ['retry', 'TWILIO_20003']);
  assert.equal(route.ready(), false);
  const next = await route.submit(sms('2'));
  assert.deepEqual([next.kind, next.kind === 'retry' && next.code], ['retry', 'TWILIO_20003']);
});

test('a text longer than the route allows fails before it is sent', async (t) => {
  const world = await providerWorld(t);
  const { route } = await world.route({ maxLength: 10 });
  const outcome = await route.submit(sms('1', '+819012345678', 'あ'.repeat(11)));
  assert.deepEqual([outcome.kind, outcome.kind === 'failed' && outcome.code], ['failed', 'TODOKU_E_TEXT_TOO_LONG']);
  assert.equal(world.simulator.received().length, 0);
});

test("a recipient's reply reaches the dispatcher as an inbound message", async (t) => {
  const world = await providerWorld(t, { replyShare: 1, replyDelayMs: 5, replyTexts: ['支払いました'] });
  world.simulator.configure({ inboundUrl: `${world.url}/hooks/providers/twilio/inbound` });
  const { route, events } = await world.route();
  assert.equal((await route.submit(sms('1', '+819012345678'))).kind, 'accepted');
  await waitFor('the reply', () => events.inbounds.length === 1);
  const reply = events.inbounds[0]!;
  assert.deepEqual({ from: reply.from, to: reply.to, text: reply.text }, { from: '+819012345678', to: SENDER, text: '支払いました' });
  // And one posted by hand, as an integrator's test would.
  assert.equal(await world.simulator.postInbound({ accountSid: ACCOUNT, from: '+818011112222', to: SENDER, body: '停止' }), 200);
  assert.deepEqual(events.inbounds.map((m) => m.text), ['支払いました', '停止']);
});

test('a Messaging Service sends without a From number', async (t) => {
  const world = await providerWorld(t);
  const { route } = await world.route({ sender: undefined, messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
  assert.equal((await route.submit(sms('1'))).kind, 'accepted');
  assert.equal(world.simulator.received()[0]!.from, 'MG0123456789abcdef0123456789abcdef');
});
