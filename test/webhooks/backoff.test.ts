// When failed webhook deliveries are tried again, pure: growing waits with jitter, capped at 6 hours,
// given up after 12 attempts spread over about a day; a small base shrinks the whole schedule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterFailure, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../src/webhooks/backoff.ts';

const base = 10_000;
const HOUR = 3_600_000;

test('without jitter the waits are 10 s, 30 s, 90 s … capped at 6 hours', () => {
  const middle = (n: number) => retryDelayMs(n, base, 0.5);
  assert.deepEqual([1, 2, 3, 4].map(middle), [10_000, 30_000, 90_000, 270_000]);
  assert.equal(middle(8), 6 * HOUR);
  assert.equal(middle(11), 6 * HOUR);
  assert.equal(middle(50), 6 * HOUR, 'no overflow for large attempt numbers');
});

test('jitter spreads a wait by at most ±20 %', () => {
  assert.equal(retryDelayMs(1, base, 0), 8_000);
  assert.equal(retryDelayMs(1, base, 0.999999), 12_000);
  assert.ok(retryDelayMs(2, base, 0.3) > retryDelayMs(1, base, 0.9), 'the next wait is longer even with the most unlucky draw');
});

test('12 attempts span about a day, then the delivery fails for good', () => {
  let at = 0;
  let attempt = 1;
  for (;;) {
    const next = afterFailure(attempt, at, base, 0.5);
    if (!next.retry) break;
    at = next.at;
    attempt++;
  }
  assert.equal(attempt, MAX_DELIVERY_ATTEMPTS);
  assert.ok(at > 20 * HOUR && at < 30 * HOUR, `last attempt after ${(at / HOUR).toFixed(1)} h`);
});

test('a test base of 50 ms makes the same schedule in milliseconds', () => {
  assert.deepEqual([1, 2].map((n) => retryDelayMs(n, 50, 0.5)), [50, 150]);
  assert.equal(retryDelayMs(20, 50, 0.5), 50 * 2160);
});
