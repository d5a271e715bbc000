// The Stripe Checkout adapter through Stripe's own SDK, pointed at a local server that speaks the
// Checkout Sessions API: what it sends (JPY amount, return addresses, our metadata, an idempotency key
// kept across the SDK's retries), and webhooks signed as Stripe signs them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { stripeProvider } from '../../src/payments/stripe/adapter.ts';
import type { TodokuError } from '../../src/core/errors.ts';
import { checkoutEvent, startFakeStripe, type FakeStripe } from './fake-stripe.ts';

const WEBHOOK_SECRET = 'whsec_todoku_test';
const DEBT = { messageId: 42, campaignId: 7, amount: 12345, currency: 'jpy' as const, description: '東都大学 ご請求金額' };
const URLS = { success: 'https://link.example.jp/l/abc/payment/return?result=success', cancel: 'https://link.example.jp/l/abc/payment/return?result=cancel' };

let api: FakeStripe;
before(async () => {
  api = await startFakeStripe();
});
after(async () => api.close());

const provider = () => stripeProvider({ secretKey: 'sk_test_todoku', webhookSecret: WEBHOOK_SECRET, apiBase: api.base });

test('a checkout session is created for the debt in yen, with our return addresses and metadata', async () => {
  const checkout = await provider().createCheckout(DEBT, URLS);
  assert.match(checkout.id, /^cs_test_\d{4}$/u);
  assert.equal(checkout.url, `https://checkout.stripe.test/c/pay/${checkout.id}`);
  const sent = api.requests.at(-1)!;
  const p = Object.fromEntries(sent.params);
  assert.equal(p.mode, 'payment');
  assert.equal(p['line_items[0][price_data][currency]'], 'jpy');
  assert.equal(p['line_items[0][price_data][unit_amount]'], '12345', 'JPY has no minor unit');
  assert.equal(p['line_items[0][price_data][product_data][name]'], '東都大学 ご請求金額');
  assert.equal(p['line_items[0][quantity]'], '1');
  assert.equal(p.success_url, URLS.success);
  assert.equal(p.cancel_url, URLS.cancel);
  assert.equal(p.client_reference_id, '42');
  assert.equal(p['metadata[todoku_message_id]'], '42');
  assert.equal(p['payment_intent_data[metadata][todoku_message_id]'], '42');
  assert.equal(p.locale, 'ja');
  assert.match(sent.idempotencyKey ?? '', /^todoku-42-[0-9a-f]{16}$/u);
});

test('a failure the API says to retry is retried with the same idempotency key (one session, not two)', async () => {
  const before = api.requests.length;
  api.failNext(1);
  const checkout = await provider().createCheckout(DEBT, URLS);
  const attempts = api.requests.slice(before);
  assert.equal(attempts.length, 2);
  assert.equal(attempts[0]!.idempotencyKey, attempts[1]!.idempotencyKey);
  assert.ok(checkout.url);
});

test('an API that keeps failing becomes TODOKU_E_PAYMENT_PROVIDER, and a wrong key too', async () => {
  api.failNext(5);
  await assert.rejects(provider().createCheckout(DEBT, URLS), (e: TodokuError) => e.code === 'TODOKU_E_PAYMENT_PROVIDER');
  api.failNext(0);
  const wrongKey = stripeProvider({ secretKey: 'sk_test_wrong', webhookSecret: WEBHOOK_SECRET, apiBase: api.base });
  await assert.rejects(wrongKey.createCheckout(DEBT, URLS), (e: TodokuError) => e.code === 'TODOKU_E_PAYMENT_PROVIDER');
});

test('webhooks signed by Stripe are decoded into our events; forged or foreign ones are not', () => {
  const stripe = new Stripe('sk_test_todoku');
  const sign = (payload: string, secret = WEBHOOK_SECRET) => ({ 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }) });
  const paid = checkoutEvent('evt_1', 'checkout.session.completed', { id: 'cs_test_0001', messageId: 42, amount: 12345 });
  assert.deepEqual(provider().verifyWebhook(Buffer.from(paid), sign(paid)), {
    id: 'evt_1',
    kind: 'paid',
    type: 'checkout.session.completed',
    checkoutId: 'cs_test_0001',
    messageId: 42,
    amount: 12345,
  });
  const konbini = checkoutEvent('evt_2', 'checkout.session.completed', { id: 'cs_test_0002', messageId: 42, amount: 12345, paymentStatus: 'unpaid' });
  assert.equal(provider().verifyWebhook(Buffer.from(konbini), sign(konbini))!.kind, 'awaiting');
  const later = checkoutEvent('evt_3', 'checkout.session.async_payment_succeeded', { id: 'cs_test_0002', messageId: 42, amount: 12345 });
  assert.equal(provider().verifyWebhook(Buffer.from(later), sign(later))!.kind, 'paid');
  const expired = checkoutEvent('evt_4', 'checkout.session.expired', { id: 'cs_test_0003', messageId: 42, amount: 12345, paymentStatus: 'unpaid' });
  assert.equal(provider().verifyWebhook(Buffer.from(expired), sign(expired))!.kind, 'expired');

  const other = JSON.stringify({ id: 'evt_5', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } });
  assert.equal(provider().verifyWebhook(Buffer.from(other), sign(other)), null, 'not about a checkout: ignored');

  const forged = (f: () => unknown) => assert.throws(f, (e: TodokuError) => e.code === 'TODOKU_E_PAYMENT_SIGNATURE');
  forged(() => provider().verifyWebhook(Buffer.from(paid), sign(paid, 'whsec_someone_else')));
  forged(() => provider().verifyWebhook(Buffer.from(paid.replace('12345', '1')), sign(paid)));
  forged(() => provider().verifyWebhook(Buffer.from(paid), {}));
});
