// Webhook signatures in Stripe's form (t=…,v1=HMAC-SHA256 of "t.body"): ours verify Stripe's and
// Stripe's SDK verifies ours, so the simulator's webhooks really have Stripe's shape; a changed byte,
// another secret or an old timestamp is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { checkSignature, signatureHeader } from '../../src/payments/simulator/signature.ts';

const stripe = new Stripe('sk_test_dummy');
const SECRET = 'whsec_test_secret';
const BODY = JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_1' } } });

test("Stripe's SDK verifies a header we signed, and we verify one Stripe's SDK made", () => {
  const now = Math.floor(Date.now() / 1000);
  const ours = signatureHeader(BODY, SECRET, now);
  assert.match(ours, /^t=\d+,v1=[0-9a-f]{64}$/u);
  const event = stripe.webhooks.constructEvent(BODY, ours, SECRET);
  assert.equal(event.id, 'evt_1');
  const theirs = stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: SECRET, timestamp: now });
  assert.deepEqual(checkSignature(Buffer.from(BODY), theirs, SECRET, now), { ok: true });
});

test('a changed body, another secret, a malformed or stale header are all refused', () => {
  const now = 1_800_000_000;
  const header = signatureHeader(BODY, SECRET, now);
  assert.deepEqual(checkSignature(Buffer.from(BODY.replace('cs_1', 'cs_2')), header, SECRET, now), { ok: false, reason: 'mismatch' });
  assert.deepEqual(checkSignature(Buffer.from(BODY), header, 'whsec_other', now), { ok: false, reason: 'mismatch' });
  assert.deepEqual(checkSignature(Buffer.from(BODY), 'v1=abc', SECRET, now), { ok: false, reason: 'malformed' });
  assert.deepEqual(checkSignature(Buffer.from(BODY), header, SECRET, now + 301), { ok: false, reason: 'too_old' }, 'a replay five minutes later');
  // A rolled secret: one v1 per secret, either may match.
  const rolled = `${header},v1=${'0'.repeat(64)}`;
  assert.deepEqual(checkSignature(Buffer.from(BODY), rolled, SECRET, now), { ok: true });
});
