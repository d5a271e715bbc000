// The SMPP route against the built-in simulator, over real TCP on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordingEvents, routeTo, sms, startSimulator, waitFor } from '../harness.ts';

const JAPANESE = '山田様、授業料のお支払い期限は5月31日です。詳しくはこちらをご覧ください。';
const EMOJI = 'お支払いありがとうございました🙇‍♀️🎉';
const LONG_JAPANESE = Array.from({ length: 300 }, (_, i) => '督促状のお知らせ届くテスト'[i % 13]).join('');

test('GSM-7, Japanese, emoji and a 300-character Japanese text reach the SMSC exactly as written', async (t) => {
  const simulator = await startSimulator(t);
  const route = routeTo(t, simulator.port);
  await route.start(new RecordingEvents());
  assert.equal(route.ready(), true);

  const texts = ['Hello {name}, pay €5 by 31/05 ~ [Todoku]', JAPANESE, EMOJI, LONG_JAPANESE];
  const outcomes = [];
  for (const [i, text] of texts.entries()) outcomes.push(await route.submit(sms(`m${i}`, text)));

  const received = simulator.received();
  assert.deepEqual(received.map((m) => m.text), texts);
  assert.deepEqual(received.map((m) => m.dataCoding), [0, 8, 8, 8]);
  assert.deepEqual(received.map((m) => m.parts), [1, 1, 1, 5]);
  assert.deepEqual(received.map((m) => m.to), Array(4).fill('+819012345678'));
  assert.deepEqual(received.map((m) => m.from), Array(4).fill('TODOKU'));
  // The simulator joins parts by their UDH reference, so five parts joined means one shared reference;
  // the message's smscId is its first part's, and every part's id comes back too.
  assert.deepEqual(outcomes, received.map((m) => ({ kind: 'accepted', smscId: m.smscId, ...(m.partIds ? { partIds: m.partIds } : {}) })));
  assert.equal(received[3]?.partIds?.length, 5);
  assert.equal(received[3]?.partIds?.[0], received[3]?.smscId);
});

test('receipts come back, in GSM-7 or UCS-2, and are matched by smscId', async (t) => {
  const simulator = await startSimulator(t);
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port);
  await route.start(events);

  const english = await route.submit(sms('1234', 'Your invoice is ready'));
  const japanese = await route.submit(sms('order-7', JAPANESE));
  assert.equal(english.kind, 'accepted');
  assert.equal(japanese.kind, 'accepted');
  if (english.kind !== 'accepted' || japanese.kind !== 'accepted') return;

  await waitFor('both receipts', () => events.receipts.length === 2);
  const first = events.receiptFor(english.smscId);
  assert.equal(first?.status, 'delivered');
  assert.equal(first?.carrierState, 'DELIVRD');
  assert.equal(first?.ref, '1234', 'a numeric ref travels as user_message_reference and is echoed');
  assert.equal(first?.to, '+819012345678');
  assert.ok(first?.doneAt instanceof Date);
  const second = events.receiptFor(japanese.smscId);
  assert.equal(second?.status, 'delivered');
  assert.equal(second?.ref, undefined, 'a ref that does not fit 16 bits is not sent');
});

test('a receipt whose store fails is delivered again, not lost', async (t) => {
  const simulator = await startSimulator(t, { receiptRetryMs: 30 });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port);
  await route.start(events);

  const outcome = await route.submit(sms('5', 'Reminder: tuition due'));
  assert.equal(outcome.kind, 'accepted');
  if (outcome.kind !== 'accepted') return;
  events.failFor.add(outcome.smscId);

  await waitFor('the receipt to be stored', () => events.receiptFor(outcome.smscId) !== undefined);
  assert.equal(events.attempts.get(outcome.smscId), 2);
  await waitFor('the SMSC to consider it acknowledged', () => simulator.stats().receiptsOwed === 0);
});

test('receipts wait at the SMSC while the client is away and arrive when it binds again', async (t) => {
  const simulator = await startSimulator(t, { receiptDelayMs: 150 });
  const first = routeTo(t, simulator.port);
  await first.start(new RecordingEvents());
  const outcome = await first.submit(sms('9', 'Payment received, thank you'));
  await first.close();
  assert.equal(first.ready(), false);

  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal(simulator.stats().receiptsOwed, 1, 'due while nobody is bound: kept');

  const events = new RecordingEvents();
  const second = routeTo(t, simulator.port);
  await second.start(events);
  await waitFor('the stored receipt', () => events.receipts.length === 1);
  assert.equal(events.receipts[0]?.smscId, outcome.kind === 'accepted' ? outcome.smscId : 'not accepted');
});

test('a receipt unanswered when the connection drops is delivered again after the reconnect', async (t) => {
  const simulator = await startSimulator(t);
  let stalls = 1;
  const events = new RecordingEvents();
  const stalling = {
    receipt: (r: Parameters<RecordingEvents['receipt']>[0]) =>
      stalls-- > 0 ? new Promise<void>(() => {}) : events.receipt(r),
    inbound: (m: Parameters<RecordingEvents['inbound']>[0]) => events.inbound(m),
  };
  const route = routeTo(t, simulator.port);
  await route.start(stalling);
  const outcome = await route.submit(sms('11', 'Your PIN is on the page'));

  await waitFor('the receipt to reach the stalled store', () => stalls === 0);
  simulator.dropConnections();
  await waitFor('the route to notice', () => !route.ready());
  await waitFor('the route to bind again', () => route.ready());
  await waitFor('the receipt, delivered again', () => events.receipts.length === 1);
  assert.equal(events.receipts[0]?.smscId, outcome.kind === 'accepted' ? outcome.smscId : 'not accepted');
});

test('never more than `window` submits are outstanding', async (t) => {
  const simulator = await startSimulator(t, { submitLatencyMs: 5 });
  const route = routeTo(t, simulator.port, { window: 4 });
  await route.start(new RecordingEvents());

  let maxInflight = 0;
  const sampler = setInterval(() => (maxInflight = Math.max(maxInflight, route.inflight())), 1);
  const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => route.submit(sms(String(i), `notice ${i}`))));
  clearInterval(sampler);
  assert.ok(outcomes.every((o) => o.kind === 'accepted'));
  assert.equal(simulator.stats().maxOutstanding, 4);
  assert.ok(maxInflight <= 4);
  assert.equal(route.inflight(), 0);
});

test('5,000 submits through a window of 50 all complete', async (t) => {
  const simulator = await startSimulator(t, { receiptDelayMs: 10 });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port, { window: 50 });
  await route.start(events);

  const outcomes = await Promise.all(Array.from({ length: 5_000 }, (_, i) => route.submit(sms(String(i), `Notice number ${i}`))));
  const ids = new Set(outcomes.map((o) => (o.kind === 'accepted' ? o.smscId : o.kind)));
  assert.equal(ids.size, 5_000);
  assert.equal(simulator.received().length, 5_000);
  assert.ok(simulator.stats().maxOutstanding <= 50);
  await waitFor('every receipt', () => events.receipts.length === 5_000, 15_000);
});

test('losing the connection turns outstanding submits into retries, then the route binds again', async (t) => {
  const simulator = await startSimulator(t, { submitLatencyMs: 300 });
  const route = routeTo(t, simulator.port);
  await route.start(new RecordingEvents());

  const pending = route.submit(sms('21', 'Payment reminder'));
  await waitFor('the submit to be sent', () => route.inflight() === 1);
  simulator.dropConnections();
  assert.deepEqual(await pending, { kind: 'retry', code: 'CONNECTION_LOST', reason: 'connection to the SMSC lost before its answer', answerLost: true });
  assert.equal(route.ready(), false);
  assert.equal((await route.submit(sms('22', 'too early'))).kind, 'retry');

  await waitFor('the route to bind again', () => route.ready());
  assert.equal((await route.submit(sms('23', 'Payment reminder'))).kind, 'accepted');
});

test('close() lets outstanding submits finish, turns away the waiting ones and unbinds', async (t) => {
  const simulator = await startSimulator(t, { submitLatencyMs: 100 });
  const route = routeTo(t, simulator.port, { window: 5 });
  await route.start(new RecordingEvents());

  const outcomes = Array.from({ length: 8 }, (_, i) => route.submit(sms(String(i), `notice ${i}`)));
  await waitFor('the window to fill', () => route.inflight() === 5);
  await route.close();
  const kinds = (await Promise.all(outcomes)).map((o) => (o.kind === 'accepted' ? o.kind : o.code));
  assert.deepEqual(kinds, [...Array(5).fill('accepted'), ...Array(3).fill('CLOSING')]);
  assert.equal(route.ready(), false);
  assert.equal(route.inflight(), 0);
  assert.equal((await route.submit(sms('9', 'after close'))).kind, 'retry');
  assert.equal(simulator.received().length, 5);
});

test('every concatenation (udh8, udh16, sar, payload) reaches the SMSC whole, in GSM-7 and in UCS-2', async (t) => {
  const simulator = await startSimulator(t);
  // 268 UCS-2 units (4 × 67, the emoji's surrogate pair last) and 306 septets (2 × 153, escapes at the end):
  // exactly full parts with an 8-bit reference, one more part each with the 7-octet 16-bit header.
  const japanese = 'お'.repeat(266) + '😀';
  const gsm = 'a'.repeat(298) + '{€}~';
  const expectedParts = { udh8: [4, 2], udh16: [5, 3], sar: [5, 3], payload: [1, 1] } as const;
  for (const concatenation of ['udh8', 'udh16', 'sar', 'payload'] as const) {
    simulator.clear();
    const route = routeTo(t, simulator.port, { concatenation });
    await route.start(new RecordingEvents());
    const outcomes = [await route.submit(sms(`${concatenation}-ja`, japanese)), await route.submit(sms(`${concatenation}-gsm`, gsm))];
    const received = simulator.received();
    assert.deepEqual(received.map((m) => m.text), [japanese, gsm], concatenation);
    assert.deepEqual(received.map((m) => m.dataCoding), [8, 0], concatenation);
    assert.deepEqual(received.map((m) => m.parts), expectedParts[concatenation], concatenation);
    assert.deepEqual(outcomes.map((o) => (o.kind === 'accepted' ? (o.partIds?.length ?? 1) : o.kind)), expectedParts[concatenation], concatenation);
    await route.close();
  }
});

test('transmitter_receiver against the simulator: receipts and replies arrive on the receiver bind', async (t) => {
  const simulator = await startSimulator(t, { moRate: 1, moDelayMs: 5 });
  const events = new RecordingEvents();
  const route = routeTo(t, simulator.port, { bindMode: 'transmitter_receiver' });
  await route.start(events);
  const outcome = await route.submit(sms('31', 'Tuition reminder'));
  await waitFor('the receipt and the reply', () => events.receipts.length === 1 && events.inbounds.length === 1);
  assert.equal(events.receipts[0]?.smscId, outcome.kind === 'accepted' ? outcome.smscId : '?');

  simulator.dropConnections();
  assert.equal(simulator.stats().drops, 2, 'two sessions dropped');
  await waitFor('the route to notice', () => !route.ready());
  await waitFor('the transmitter back', () => route.ready());
  assert.equal((await route.submit(sms('32', 'Second reminder'))).kind, 'accepted');
  await waitFor('the second receipt', () => events.receipts.length === 2);
});

test("every submit_sm carries the route's validity as an SMPP relative validity_period (48 h by default)", async (t) => {
  const simulator = await startSimulator(t);
  const byDefault = routeTo(t, simulator.port);
  await byDefault.start(new RecordingEvents());
  await byDefault.submit(sms('v1', JAPANESE));
  const short = routeTo(t, simulator.port, { validityMinutes: 90 });
  await short.start(new RecordingEvents());
  await short.submit(sms('v2', LONG_JAPANESE));
  const [first, second] = simulator.received();
  const validity = (m: typeof first) => m!.validUntil!.getTime() - m!.receivedAt.getTime();
  assert.ok(Math.abs(validity(first) - 48 * 3_600_000) < 5_000, `${validity(first)} ms`);
  assert.ok(Math.abs(validity(second) - 90 * 60_000) < 5_000, `every part of a long message too: ${validity(second)} ms`);
});
