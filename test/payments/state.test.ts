// The payment state machine, table by table: what each event does from each state, so that events
// arriving twice or out of order change nothing they should not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { afterCancelReturn, afterEvent, canStartCheckout, type PaymentState } from '../../src/payments/state.ts';
import type { PaymentEventKind } from '../../src/payments/provider.ts';

const CURRENT = 'cs_current';
const OLD = 'cs_old';

const TABLE: [PaymentState, PaymentEventKind, string, PaymentState | null][] = [
  ['pending', 'paid', CURRENT, 'paid'],
  ['pending', 'paid', OLD, 'paid'], // money came in on an earlier checkout: still paid
  ['cancelled', 'paid', OLD, 'paid'],
  ['expired', 'paid', CURRENT, 'paid'],
  ['paid', 'paid', CURRENT, null], // a duplicate: nothing
  ['paid', 'expired', CURRENT, null], // out of order after payment: nothing
  ['paid', 'failed', CURRENT, null],
  ['pending', 'expired', CURRENT, 'expired'],
  ['pending', 'expired', OLD, null], // an old checkout expiring does not touch the current one
  ['pending', 'failed', CURRENT, 'cancelled'],
  ['pending', 'failed', OLD, null],
  ['pending', 'awaiting', CURRENT, null], // konbini: completed but unpaid, stays pending
  ['expired', 'awaiting', CURRENT, 'pending'],
  ['cancelled', 'expired', CURRENT, null],
];

test('each event from each state', () => {
  for (const [state, kind, checkoutId, expected] of TABLE) {
    assert.equal(afterEvent({ state, checkoutId: CURRENT }, { kind, checkoutId }), expected, `${state} + ${kind} (${checkoutId})`);
  }
});

test('a new checkout may start unless paid; coming back through cancel cancels only the current checkout', () => {
  assert.deepEqual((['unpaid', 'pending', 'cancelled', 'expired', 'paid'] as const).map(canStartCheckout), [true, true, true, true, false]);
  assert.equal(afterCancelReturn({ state: 'pending', checkoutId: CURRENT }, CURRENT), 'cancelled');
  assert.equal(afterCancelReturn({ state: 'pending', checkoutId: CURRENT }, OLD), null);
  assert.equal(afterCancelReturn({ state: 'paid', checkoutId: CURRENT }, CURRENT), null);
});
