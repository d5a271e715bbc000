// Paying from the verified page, over HTTP, through the built-in simulator: the pay button (a CSRF-
// checked form) opens the simulator's checkout; paying there sends its signed webhook back to this
// server and returns the recipient; the debt shows paid on the page and in the API. Cancelling comes
// back unpaid; forged webhooks are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';

const LIST = ['氏名,電話番号,金額,生年月日', '山田 太郎,090-4444-0001,12345,1990/01/02', '佐藤 花子,090-4444-0002,5000,1985/12/31', '鈴木 一郎,090-4444-0003,0,1970/07/07'].join('\n');

let t: TestApp;
let c: SentCampaign;
before(async () => {
  t = await startTestApp('sqlite');
  c = await sentCampaign(t, '決済画面', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# お知らせ\n\n{{name}}様' });
});
after(async () => t?.stop());

async function verified(name: string, birth: string) {
  const r = c.recipients.get(name)!;
  const v = new Visitor(t.url);
  const ok = await v.post(`${r.path}/verify`, await v.get(r.path), { answer: birth });
  assert.equal(ok.status, 303);
  return { v, r, page: await v.get(r.path) };
}

test('pay through the simulator: checkout, signed webhook, the page and the API say paid', async () => {
  const { v, r, page } = await verified('山田 太郎', '1990-01-02');
  assert.match(textOf(page.html), /お支払い金額: ¥12,345/u);
  assert.match(page.html, /<form method="post" action="\/l\/[0-9A-Za-z]{11}\/payment\/start" class="main"><input type="hidden" name="_csrf"/u);
  assert.equal((await v.request('POST', `${r.path}/payment/start`, {})).status, 403, 'no CSRF token, no checkout');

  const start = await v.post(`${r.path}/payment/start`, page, {});
  assert.equal(start.status, 303);
  assert.match(start.location!, /^\/pay-sim\/checkout\?s=[\w-]+\.[\w-]+$/u);
  const checkout = await v.get(start.location!);
  assert.equal(checkout.status, 200);
  assert.match(textOf(checkout.html), /決済シミュレーター.*¥12,345/u);
  const counts = await t.api('GET', `/campaigns/${c.id}/payments`);
  assert.deepEqual(counts.body.counts, { unpaid: 2, pending: 1, paid: 0, cancelled: 0, expired: 0 });

  const pay = await v.request('POST', start.location!.replace('/checkout?', '/checkout/pay?'), {});
  assert.equal(pay.status, 303);
  assert.equal(pay.location, `${t.url}${r.path}/payment/return?result=success`);
  const paid = await until('the webhook marks it paid', async () => {
    const p = await t.api('GET', `/campaigns/${c.id}/payments?state=paid`);
    return p.body.payments.length === 1 ? p.body : undefined;
  }, 10_000);
  assert.deepEqual(paid.counts, { unpaid: 2, pending: 0, paid: 1, cancelled: 0, expired: 0 });
  assert.equal(paid.payments[0].messageId, r.messageId);
  assert.equal(paid.payments[0].paidAmount, 12345);
  assert.equal(paid.provider, 'simulator');
  const campaign = await t.api('GET', `/campaigns/${c.id}`);
  assert.deepEqual(campaign.body.recipientActions, { paid: 1, paymentPending: 0, answered: 0, downloaded: 0 }, 'the campaign itself shows the recipient paid');

  const back = await v.get(new URL(pay.location!).pathname + '?result=success');
  assert.match(textOf(back.html), /お支払いを確認しました/u);
  const after = await v.get(r.path);
  assert.match(textOf(after.html), /お支払いを確認しました（\d{4}年\d+月\d+日）/u);
  assert.doesNotMatch(after.html, /payment\/start/u, 'no pay button once paid');

  // Paying again on the simulator's page sends the same event: harmless.
  await v.request('POST', start.location!.replace('/checkout?', '/checkout/pay?'), {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal((await t.api('GET', `/campaigns/${c.id}/payments`)).body.counts.paid, 1);
});

test('cancelling at the checkout comes back unpaid, with the pay button offered again', async () => {
  const { v, r, page } = await verified('佐藤 花子', '1985/12/31');
  const start = await v.post(`${r.path}/payment/start`, page, {});
  const cancel = await v.request('POST', start.location!.replace('/checkout?', '/checkout/cancel?'), {});
  assert.equal(cancel.location, `${t.url}${r.path}/payment/return?result=cancel`);
  const back = await v.get(`${r.path}/payment/return?result=cancel`);
  assert.equal(back.status, 303);
  assert.equal(back.location, `${r.path}#section-payment`);
  const payments = await t.api('GET', `/campaigns/${c.id}/payments?state=cancelled`);
  assert.deepEqual(payments.body.payments.map((p: any) => p.messageId), [r.messageId]);
  assert.match((await v.get(r.path)).html, /payment\/start/u);
});

test('nothing owed, no pay button; the return page and the checkout need a verified session and a valid token', async () => {
  const { page } = await verified('鈴木 一郎', '1970-07-07');
  assert.doesNotMatch(page.html, /payment\/start|お支払い金額/u);
  const r = c.recipients.get('山田 太郎')!;
  const stranger = await new Visitor(t.url).get(`${r.path}/payment/return?result=success`);
  assert.equal(stranger.status, 303, 'back to the identity check');
  const forgedToken = await new Visitor(t.url).get('/pay-sim/checkout?s=eyJpZCI6ImNzX3NpbV94In0.AAAA');
  assert.equal(forgedToken.status, 404);
});

test('webhooks with a wrong signature, or for a provider not in use, are refused', async () => {
  const body = JSON.stringify({ id: 'evt_x', type: 'checkout.session.completed', data: { object: { id: 'cs_sim_x', payment_status: 'paid', metadata: { todoku_message_id: '1' } } } });
  const forged = await fetch(`${t.url}/webhooks/payments/simulator`, { method: 'POST', headers: { 'content-type': 'application/json', 'paysim-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'a'.repeat(64)}` }, body });
  assert.equal(forged.status, 400);
  assert.equal(((await forged.json()) as { code: string }).code, 'TODOKU_E_PAYMENT_SIGNATURE');
  const unsigned = await fetch(`${t.url}/webhooks/payments/simulator`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(unsigned.status, 400);
  const stripe = await fetch(`${t.url}/webhooks/payments/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body });
  assert.equal(stripe.status, 404);
});
