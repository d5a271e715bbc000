// The app configured for Stripe (TODOKU_PAYMENT_PROVIDER=stripe, its API at a local stand-in through
// TODOKU_STRIPE_API_BASE): the pay button leads to Stripe's hosted checkout, and Stripe's signed
// webhooks to /webhooks/payments/stripe mark the debt paid at once, once, whatever their order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startTestApp, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';
import { checkoutEvent, startFakeStripe, type FakeStripe } from './fake-stripe.ts';

const WEBHOOK_SECRET = 'whsec_flow_test';
const LIST = ['氏名,電話番号,金額,生年月日', '山田 太郎,090-5555-0001,12345,1990/01/02'].join('\n');

let api: FakeStripe;
let t: TestApp;
let c: SentCampaign;
before(async () => {
  api = await startFakeStripe();
  t = await startTestApp('sqlite', { TODOKU_PAYMENT_PROVIDER: 'stripe', TODOKU_STRIPE_SECRET_KEY: 'sk_test_todoku', TODOKU_STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, TODOKU_STRIPE_API_BASE: api.base });
  c = await sentCampaign(t, 'Stripe決済', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# お知らせ' });
});
after(async () => {
  await t?.stop();
  await api?.close();
});

const stripe = new Stripe('sk_test_todoku');
function deliver(payload: string, secret = WEBHOOK_SECRET) {
  return fetch(`${t.url}/webhooks/payments/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }) },
    body: payload,
  });
}

test('the pay button opens a Stripe checkout; Stripe webhooks settle it once, in any order', async () => {
  const r = c.recipients.get('山田 太郎')!;
  const v = new Visitor(t.url);
  await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990-01-02' });
  const page = await v.get(r.path);
  assert.match(textOf(page.html), /決済サービス（Stripe）の画面に移動します/u);
  const start = await v.post(`${r.path}/payment/start`, page, {});
  assert.equal(start.status, 303);
  assert.match(start.location!, /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_\d{4}$/u);
  const sent = Object.fromEntries(api.requests.at(-1)!.params);
  assert.equal(sent.success_url, `${t.url}${r.path}/payment/return?result=success`);
  assert.equal(sent['metadata[todoku_message_id]'], String(r.messageId));
  const session = { id: start.location!.split('/').pop()!, messageId: r.messageId, amount: 12345 };

  const forged = await deliver(checkoutEvent('evt_forged', 'checkout.session.completed', session), 'whsec_attacker');
  assert.equal(forged.status, 400);
  assert.equal((await t.api('GET', `/campaigns/${c.id}/payments`)).body.counts.pending, 1);

  const completed = checkoutEvent('evt_completed', 'checkout.session.completed', session);
  const first = await deliver(completed);
  assert.deepEqual(await first.json(), { received: true, outcome: 'applied', state: 'paid' });
  const again = await deliver(completed);
  assert.deepEqual(await again.json(), { received: true, outcome: 'duplicate', state: null });
  const late = await deliver(checkoutEvent('evt_expired', 'checkout.session.expired', { ...session, paymentStatus: 'unpaid' }));
  assert.deepEqual(await late.json(), { received: true, outcome: 'ignored', state: 'paid' });
  const other = await deliver(JSON.stringify({ id: 'evt_other', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1' } } }));
  assert.deepEqual(await other.json(), { received: true, outcome: 'irrelevant', state: null });

  const payments = await t.api('GET', `/campaigns/${c.id}/payments`);
  assert.deepEqual(payments.body.counts, { unpaid: 0, pending: 0, paid: 1, cancelled: 0, expired: 0 });
  assert.equal(payments.body.provider, 'stripe');
  assert.match(textOf((await v.get(r.path)).html), /お支払いを確認しました/u);
  assert.equal((await fetch(`${t.url}/pay-sim/checkout?s=x`)).status, 404, 'no simulator while Stripe is the provider');
});
