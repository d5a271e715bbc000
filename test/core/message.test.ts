import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canTransition, FINAL_STATES, isFinal, MESSAGE_STATES, retryDelayMs, stateForReceipt } from '../../src/core/message.ts';

describe('message states', () => {
  test('final states allow no further transition', () => {
    for (const from of FINAL_STATES) {
      for (const to of MESSAGE_STATES) assert.equal(canTransition(from, to), false, `${from} → ${to}`);
    }
  });

  test('a queued message can only be claimed or cancelled', () => {
    const allowed = MESSAGE_STATES.filter((to) => canTransition('queued', to));
    assert.deepEqual(allowed, ['submitting', 'cancelled']);
  });

  test('a submitted message is never re-queued (that would send it twice)', () => {
    assert.equal(canTransition('submitted', 'queued'), false);
    assert.equal(canTransition('submitted', 'submitting'), false);
  });

  test('a message whose outcome was lost can be adopted by a late receipt or re-queued', () => {
    assert.equal(canTransition('unconfirmed', 'submitted'), true);
    assert.equal(canTransition('unconfirmed', 'delivered'), true);
    assert.equal(canTransition('unconfirmed', 'queued'), true);
  });

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
  });
});
