import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isFinal, retryDelayMs, stateForReceipt } from '../../src/core/message.ts';

describe('message states', () => {
  test('receipt statuses map to our states; non-final ones to null', () => {
    assert.equal(stateForReceipt('delivered'), 'delivered');
    assert.equal(stateForReceipt('undeliverable'), 'undeliverable');
    assert.equal(stateForReceipt('deleted'), 'undeliverable');
    assert.equal(stateForReceipt('expired'), 'expired');
    assert.equal(stateForReceipt('rejected'), 'rejected');
    assert.equal(stateForReceipt('accepted'), null);
    assert.equal(stateForReceipt('unknown'), null);
    assert.ok(isFinal('delivered'));
    assert.ok(!isFinal('submitted'));
  });

  test('retry backoff doubles and is capped at ten minutes', () => {
    assert.equal(retryDelayMs(1), 5_000);
    assert.equal(retryDelayMs(2), 10_000);
    assert.equal(retryDelayMs(3), 20_000);
    assert.equal(retryDelayMs(30), 600_000);
    // From a configured first wait (TODOKU_RETRY_BASE_MS), under the same cap.
    assert.deepEqual([1, 2, 3].map((n) => retryDelayMs(n, 500)), [500, 1_000, 2_000]);
    assert.equal(retryDelayMs(30, 500), 600_000);
  });
});
