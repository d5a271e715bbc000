// The route's adaptive send rate, on a clock the test moves: halved on throttling, grown back
// additively, capped by the configured ceiling, never below the floor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pacer } from '../../../src/routes/smpp/pacer.ts';
import { RateMeter } from '../../../src/routes/smpp/rate-meter.ts';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('without a ceiling and without throttling, every PDU goes at once', () => {
  const c = clock();
  const pacer = new Pacer({ minPerSecond: 1, recoverySeconds: 10, now: c.now });
  for (let i = 0; i < 1000; i += 1) assert.equal(pacer.take(0), 'now');
  assert.equal(pacer.limit(), Infinity);
});

test('a ceiling lets a tenth of a second through at once, then spaces sends; a slot beyond the budget is refused', async () => {
  const c = clock();
  const pacer = new Pacer({ maxPerSecond: 100, minPerSecond: 1, recoverySeconds: 10, now: c.now });
  const immediate = Array.from({ length: 10 }, () => pacer.take(0));
  assert.deepEqual(immediate, Array(10).fill('now'));
  assert.equal(pacer.take(5), 'too-long', 'the next slot is 10 ms away');
  const next = pacer.take(50);
  assert.ok(next instanceof Promise);
  assert.equal(await next, 'go');
  c.t += 1_000;
  assert.equal(pacer.take(0), 'now', 'the bucket refilled');
});

/** The SMSC refuses `n` submits in a row, saying slow down. */
function refuse(pacer: Pacer, n: number): void {
  for (let i = 0; i < n; i += 1) pacer.answered(true);
}

test('throttling halves the rate actually sent, once per second, and it grows back additively', () => {
  const c = clock();
  const pacer = new Pacer({ minPerSecond: 1, recoverySeconds: 10, now: c.now });
  for (let i = 0; i < 400; i += 1) pacer.take(0);
  refuse(pacer, 5);
  assert.equal(pacer.limit(), 200, 'half of the 400 sent in the last second');
  c.t += 500;
  refuse(pacer, 50);
  assert.equal(pacer.limit(), 210, 'answers to PDUs sent before the cut do not cut again');
  c.t += 4_500;
  assert.equal(pacer.limit(), 300, 'half way back after half the recovery time');
  c.t += 5_000;
  assert.equal(pacer.limit(), 400, 'back where the carrier pushed back');
  c.t += 19_999;
  assert.ok(pacer.limit() < 800);
  c.t += 1;
  assert.equal(pacer.limit(), Infinity, 'twice as fast with no complaint: unlimited again');
});

test('a stray slow-down among many acceptances is the SMSC\'s hiccup: no cut; a real share of them cuts', () => {
  const c = clock();
  const pacer = new Pacer({ minPerSecond: 1, recoverySeconds: 10, now: c.now });
  for (let i = 0; i < 200; i += 1) {
    pacer.take(0);
    pacer.answered(i % 40 === 39);
  }
  assert.equal(pacer.limit(), Infinity, '2.5% refused: the pace is not the problem');
  refuse(pacer, 30);
  assert.equal(pacer.limit(), 100, 'over a tenth refused: halved from the 200 sent');
  const quiet = new Pacer({ minPerSecond: 1, recoverySeconds: 10, now: c.now });
  refuse(quiet, 4);
  assert.equal(quiet.limit(), Infinity, 'too few to judge the pace by');
});

test('with a ceiling the rate grows back to the ceiling and stays there; a cut never goes below the floor', () => {
  const c = clock();
  const pacer = new Pacer({ maxPerSecond: 300, minPerSecond: 100, recoverySeconds: 10, now: c.now });
  refuse(pacer, 10);
  assert.equal(pacer.limit(), 150);
  c.t += 1_000;
  refuse(pacer, 10);
  assert.equal(pacer.limit(), 100, 'half of 165 is below the floor');
  c.t += 60_000;
  assert.equal(pacer.limit(), 300);
});

test('close() wakes whoever waits for a slot, and turns later callers away', async () => {
  const c = clock();
  const pacer = new Pacer({ maxPerSecond: 1, minPerSecond: 1, recoverySeconds: 10, now: c.now });
  assert.equal(pacer.take(0), 'now');
  const waiting = pacer.take(60_000);
  pacer.close();
  assert.equal(await waiting, 'closed');
  assert.equal(await pacer.take(60_000), 'closed');
});

test('the rate meter counts the last second in tenths', () => {
  const c = clock(0);
  const meter = new RateMeter(c.now);
  meter.add(5);
  c.t = 550;
  meter.add(3);
  assert.equal(meter.count(), 8);
  c.t = 1_099;
  assert.equal(meter.count(), 3, 'the first tenth has left the window');
  c.t = 5_000;
  assert.equal(meter.count(), 0);
});
