// The simulator's knobs, each seen by a real SMPP route over TCP: refusals, throttling, latency,
// receipt outcomes and their PDU, receipts that race the submit's answer, dropped connections, replies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordingEvents, routeTo, seeded, sms, startSimulator, tally, waitFor } from '../harness.ts';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+8190${String(10_000_000 + i)}`);

test('refusals: about the share asked for, with the statuses asked for, each answered once', async (t) => {
  const simulator = await startSimulator(t, { random: seeded(1), refuseRate: 0.3, refuseStatuses: { ESME_RSYSERR: 1, ESME_RINVDSTADR: 1 } });
  const route = routeTo(t, simulator.port, { window: 20 });
  await route.start(new RecordingEvents());

  const outcomes = await Promise.all(numbers(400).map((to, i) => route.submit(sms(String(i), 'Payment reminder', to))));
  const byCode = tally(outcomes.map((o) => (o.kind === 'accepted' ? 'accepted' : `${o.kind}:${o.code}`)));
  const refused = 400 - (byCode.get('accepted') ?? 0);
  assert.ok(refused > 80 && refused < 160, `${refused} of 400 refused`);
  assert.ok((byCode.get('retry:ESME_RSYSERR') ?? 0) > 30, 'transient refusals come back as retries');
  assert.ok((byCode.get('failed:ESME_RINVDSTADR') ?? 0) > 30, 'permanent ones as failures');
  assert.equal(simulator.submits().length, 400, 'refusals are not resent by the route');
  assert.deepEqual(
    tally(simulator.submits().map((r) => r.status)),
    new Map([
      [0, byCode.get('accepted')],
      [0x08, byCode.get('retry:ESME_RSYSERR')],
      [0x0b, byCode.get('failed:ESME_RINVDSTADR')],
    ]),
  );
  assert.equal(simulator.received().length, byCode.get('accepted'));
});

test('throttling above N per second: the route slows down and every message is accepted in the end', async (t) => {
  const simulator = await startSimulator(t, { throttleAbove: 200, receiptDelayMs: 10 });
  const route = routeTo(t, simulator.port, { window: 20 });
  await route.start(new RecordingEvents());

  const started = Date.now();
  const outcomes = await Promise.all(numbers(500).map((to, i) => route.submit(sms(String(i), 'Payment reminder', to))));
  const seconds = (Date.now() - started) / 1000;
  assert.ok(outcomes.every((o) => o.kind === 'accepted'), 'throttling never fails a message');
  assert.equal(simulator.received().length, 500);
  assert.ok(seconds >= 1.5, `500 messages at 200/s cannot take ${seconds} s`);
  const { throttled } = simulator.stats();
  assert.ok(throttled > 0, 'the SMSC did throttle');
  assert.ok(throttled < 500, `pacing kept refusals below one per message (${throttled})`);
  assert.ok(route.sendRate() < Infinity);
});

test('submit latency: a fixed delay plus random jitter before each answer', async (t) => {
  const simulator = await startSimulator(t, { submitLatencyMs: 40, submitLatencyJitterMs: 40 });
  const route = routeTo(t, simulator.port);
  await route.start(new RecordingEvents());
  const times: number[] = [];
  for (const i of [1, 2, 3, 4, 5, 6]) {
    const started = performance.now();
    await route.submit(sms(String(i), 'Latency'));
    times.push(performance.now() - started);
  }
  assert.ok(Math.min(...times) >= 38, `every answer waits the fixed part: ${times.map(Math.round)}`);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  assert.ok(mean >= 45, `jitter adds to it: mean ${Math.round(mean)} ms`);
});

test('receipt outcomes follow the mix, with the err codes configured for each word', async (t) => {
  const simulator = await startSimulator(t, {
    random: seeded(2),
    receiptDelayMs: 5,
    outcomes: { DELIVRD: 0.5, UNDELIV: 0.25, EXPIRED: 0.25 },
    errorCodes: { UNDELIV: '034', EXPIRED: '027' },
  });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port, { window: 20 });
  await route.start(events);
  await Promise.all(numbers(200).map((to, i) => route.submit(sms(String(i), 'Notice', to))));
  await waitFor('every receipt', () => events.receipts.length === 200);

  const statuses = tally(events.receipts.map((r) => r.status));
  assert.ok((statuses.get('delivered') ?? 0) > 70 && (statuses.get('delivered') ?? 0) < 130, JSON.stringify([...statuses]));
  assert.ok((statuses.get('undeliverable') ?? 0) > 25 && (statuses.get('expired') ?? 0) > 25);
  const errors = tally(events.receipts.map((r) => `${r.carrierState}:${r.errorCode ?? '-'}`));
  assert.deepEqual([...errors.keys()].sort(), ['DELIVRD:-', 'EXPIRED:027', 'UNDELIV:034']);
  const outcomeOf = new Map(simulator.received().map((m) => [m.smscId, m.outcome]));
  assert.ok(events.receipts.every((r) => outcomeOf.get(r.smscId) === r.carrierState), 'the simulator records the outcome it sent');
});

test('receipts as data_sm reach the route and are acknowledged like deliver_sm ones', async (t) => {
  const simulator = await startSimulator(t, { receiptsAs: 'data_sm', receiptDelayMs: 5, outcomes: { UNDELIV: 1 } });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port);
  await route.start(events);
  const outcome = await route.submit(sms('1', '山田様、お支払いのお願いです'));
  await waitFor('the receipt', () => events.receipts.length === 1);
  assert.deepEqual(
    [events.receipts[0]?.smscId, events.receipts[0]?.status, events.receipts[0]?.errorCode],
    [outcome.kind === 'accepted' ? outcome.smscId : '?', 'undeliverable', '001'],
  );
  await waitFor('the SMSC to consider it acknowledged', () => simulator.stats().receiptsAcknowledged === 1);
});

test('receiptBeforeResponse: the route stores the receipt before it learns the message was accepted', async (t) => {
  const simulator = await startSimulator(t, { receiptBeforeResponse: true });
  const order: string[] = [];
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port);
  await route.start({
    receipt: async (r) => {
      order.push(`receipt ${r.smscId}`);
      await events.receipt(r);
    },
    inbound: (m) => events.inbound(m),
  });
  const outcome = await route.submit(sms('1', 'Your payment is due'));
  order.push(`accepted ${outcome.kind === 'accepted' ? outcome.smscId : '?'}`);
  const id = outcome.kind === 'accepted' ? outcome.smscId : '?';
  assert.deepEqual(order, [`receipt ${id}`, `accepted ${id}`]);
  assert.equal(simulator.submits()[0]?.receiptFirst, true);
});

test('disconnectRate: the SMSC accepts, drops the line before answering, and still sends the receipt after the rebind', async (t) => {
  const simulator = await startSimulator(t, { disconnectRate: 1, receiptDelayMs: 50 });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port);
  await route.start(events);

  assert.deepEqual(await route.submit(sms('1', 'Lost answer')), { kind: 'retry', code: 'CONNECTION_LOST', reason: 'connection to the SMSC lost before its answer', answerLost: true });
  simulator.configure({ disconnectRate: 0 });
  const [record] = simulator.submits();
  assert.deepEqual([record?.status, record?.answered], [0, false], 'accepted, answer never written');
  assert.equal(simulator.stats().drops, 1);
  await waitFor('the route to bind again', () => route.ready());
  await waitFor('the receipt of the accepted message', () => events.receipts.length === 1);
  assert.equal(events.receipts[0]?.smscId, record?.smscId);
});

test('replies: canned ones at moRate after delivery, scripted ones per number in order, long ones in parts', async (t) => {
  const longReply = '分割して支払いたいのですが、'.repeat(8);
  const simulator = await startSimulator(t, {
    random: seeded(3),
    receiptDelayMs: 5,
    moDelayMs: 5,
    moRate: 1,
    moScript: { '+819011112222': ['来週払います', longReply] },
  });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port);
  await route.start(events);

  await route.submit(sms('1', 'First notice', '+819011112222'));
  await waitFor('the first scripted reply', () => events.inbounds.length === 1);
  await route.submit(sms('2', 'Second notice', '+819011112222'));
  await waitFor('the second scripted reply', () => events.inbounds.length === 2);
  assert.deepEqual(events.inbounds.map((m) => [m.from, m.to, m.text]), [
    ['+819011112222', 'TODOKU', '来週払います'],
    ['+819011112222', 'TODOKU', longReply],
  ]);
  assert.deepEqual(simulator.settings().moScript, {}, 'the script is used up');

  await route.submit(sms('3', 'Third notice', '+819033334444'));
  await waitFor('a canned reply', () => events.inbounds.length === 3);
  assert.ok(['支払いました', '来週払います', '停止', '誰ですか？'].includes(events.inbounds[2]?.text ?? ''));
  simulator.configure({ moRate: 0, outcomes: { UNDELIV: 1 } });
  await route.submit(sms('4', 'Fourth notice', '+819055556666'));
  await waitFor('its receipt', () => events.receipts.length === 4);
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(events.inbounds.length, 3, 'no reply when the rate is 0 or the message was not delivered');
  assert.equal(simulator.replies().length, 3);
});

test('configure() changes knobs at once and refuses bad values; settings() is a copy', async (t) => {
  const simulator = await startSimulator(t);
  assert.equal(simulator.settings().refuseRate, 0);
  assert.deepEqual(simulator.configure({ refuseRate: 0.5, throttleAbove: 100 }).refuseRate, 0.5);
  assert.throws(() => simulator.configure({ refuseRate: 2 }));
  assert.throws(() => simulator.configure({ refuseStatuses: { ESME_NOSUCH: 1 } }));
  assert.throws(() => simulator.configure({ outcomes: { DELIVRD: 0 } }));
  assert.throws(() => simulator.configure({ latency: 5 } as never), 'unknown knobs are refused, not ignored');
  const copy = simulator.settings();
  copy.moTexts.push('changed');
  assert.equal(simulator.settings().moTexts.length, 4);
  assert.equal(simulator.settings().throttleAbove, 100);
});
