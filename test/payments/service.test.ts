// Payments on SQLite and PostgreSQL: a checkout opened per debt, the provider's verified webhook marks
// it paid at once; the same event twice, events out of order and events about other checkouts change
// nothing they should not; two deliveries racing apply once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { createLogger } from '../../src/log.ts';
import { createPaymentService } from '../../src/payments/service.ts';
import { simulatorProvider, simulatorSecrets } from '../../src/payments/simulator/provider.ts';
import { openSessionToken, simulatorEvent, type SimOutcome } from '../../src/payments/simulator/session.ts';
import { signatureHeader } from '../../src/payments/simulator/signature.ts';
import type { TodokuError } from '../../src/core/errors.ts';
import { studentCampaign } from '../documents/fixtures.ts';

const URLS = { success: 'http://link.test/l/x/payment/return?result=success', cancel: 'http://link.test/l/x/payment/return?result=cancel' };
const log = createLogger('silent');

eachDatabase('payments', (kind) => {
  let t: TestDb;
  let clock = Date.UTC(2026, 10, 20, 1, 0);
  const secrets = simulatorSecrets(testVault);
  before(async () => {
    t = await createTestDb(kind, () => clock);
  });
  after(async () => t.cleanup());

  const service = () => createPaymentService({ store: t.store, provider: simulatorProvider(secrets, () => clock), log, now: () => clock });

  /** What the simulator would POST for a checkout URL it handed out. */
  function webhook(url: string, outcome: SimOutcome) {
    const session = openSessionToken(new URL(url, 'http://x').searchParams.get('s')!, secrets.token, clock)!;
    const event = simulatorEvent(session, outcome, clock);
    return { body: Buffer.from(event.body), headers: { 'paysim-signature': signatureHeader(event.body, secrets.webhook, Math.floor(clock / 1000)) }, checkoutId: session.id };
  }

  test('a verified webhook marks the debt paid at once; the same event again changes nothing', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'pay-basic');
    const payments = service();
    const yamada = recipients.get('S0001')!;
    const ref = { campaignId: campaign.id, messageId: messageOf(yamada.id), fields: yamada.fields };
    assert.deepEqual(await payments.status(ref.messageId, yamada.fields), { state: 'unpaid', amount: 12345, paidAt: null });

    const start = await payments.startCheckout(ref, URLS);
    assert.equal(start.kind, 'redirect');
    const url = start.kind === 'redirect' ? start.url : '';
    assert.match(url, /^\/pay-sim\/checkout\?s=/u);
    assert.equal((await payments.status(ref.messageId)).state, 'pending');

    const paid = webhook(url, 'paid');
    clock += 5_000;
    assert.deepEqual(await payments.webhook('simulator', paid.body, paid.headers), { eventId: `evt_sim_${paid.checkoutId.slice(7)}_paid`, outcome: 'applied', state: 'paid' });
    assert.deepEqual(await payments.status(ref.messageId), { state: 'paid', amount: 12345, paidAt: clock });
    assert.equal((await payments.webhook('simulator', paid.body, paid.headers)).outcome, 'duplicate');
    assert.deepEqual(await payments.counts(campaign.id), { unpaid: 4, pending: 0, paid: 1, cancelled: 0, expired: 0 });

    const audit = await t.store.audit.list(5);
    assert.ok(audit.some((a) => a.action === 'payment.paid' && a.target === `message:${ref.messageId}` && a.actor === 'payment:simulator'));
    assert.deepEqual(await payments.startCheckout(ref, URLS), { kind: 'paid' }, 'nothing more to pay');
  });

  test('out of order: an expiry after payment, or about an older checkout, is ignored; payment on an older checkout still counts', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'pay-order');
    const payments = service();
    const sato = recipients.get('S0002')!;
    const ref = { campaignId: campaign.id, messageId: messageOf(sato.id), fields: sato.fields };

    const first = await payments.startCheckout(ref, URLS);
    const again = await payments.startCheckout(ref, URLS);
    assert.deepEqual(again, first, 'tapping pay again soon goes back to the same checkout');
    clock += 31 * 60_000;
    const second = await payments.startCheckout(ref, URLS);
    assert.notDeepEqual(second, first, 'later, a fresh checkout');
    const firstUrl = first.kind === 'redirect' ? first.url : '';
    const secondUrl = second.kind === 'redirect' ? second.url : '';

    const oldExpired = webhook(firstUrl, 'expired');
    assert.equal((await payments.webhook('simulator', oldExpired.body, oldExpired.headers)).outcome, 'ignored');
    assert.equal((await payments.status(ref.messageId)).state, 'pending', 'the current checkout is untouched');

    const oldPaid = webhook(firstUrl, 'paid');
    assert.equal((await payments.webhook('simulator', oldPaid.body, oldPaid.headers)).state, 'paid');
    // The other tab is paid too: nothing changes, but the office hears of it (a refund is due).
    const secondPaid = webhook(secondUrl, 'paid');
    assert.equal((await payments.webhook('simulator', secondPaid.body, secondPaid.headers)).outcome, 'paid_twice');
    assert.ok((await t.store.audit.list(5)).some((a) => a.action === 'payment.paid_twice' && a.target === `message:${ref.messageId}`));
    const lateExpiry = webhook(secondUrl, 'expired');
    assert.equal((await payments.webhook('simulator', lateExpiry.body, lateExpiry.headers)).outcome, 'ignored');
    assert.equal((await payments.status(ref.messageId)).state, 'paid');
    const events = await t.store.payments.events(ref.messageId);
    assert.deepEqual(events.map((e) => [e.type, e.outcome]), [
      ['checkout.session.expired', 'ignored'],
      ['checkout.session.completed', 'applied'],
      ['checkout.session.completed', 'ignored'],
      ['checkout.session.expired', 'ignored'],
    ]);
  });

  test('coming back through cancel, and an expiry of the current checkout, are recorded; paying later still works', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'pay-cancel');
    const payments = service();
    const suzuki = recipients.get('S0003')!;
    const ref = { campaignId: campaign.id, messageId: messageOf(suzuki.id), fields: suzuki.fields };
    const start = await payments.startCheckout(ref, URLS);
    const url = start.kind === 'redirect' ? start.url : '';
    assert.equal(await payments.cancelReturn(ref.messageId), 'cancelled');
    const expired = webhook(url, 'expired');
    assert.equal((await payments.webhook('simulator', expired.body, expired.headers)).outcome, 'ignored');
    const retry = await payments.startCheckout(ref, URLS);
    assert.equal((await payments.status(ref.messageId)).state, 'pending');
    const expiredNow = webhook(retry.kind === 'redirect' ? retry.url : '', 'expired');
    assert.equal((await payments.webhook('simulator', expiredNow.body, expiredNow.headers)).state, 'expired');
    const paid = webhook(retry.kind === 'redirect' ? retry.url : '', 'paid');
    assert.equal((await payments.webhook('simulator', paid.body, paid.headers)).state, 'paid');
    assert.deepEqual(await payments.counts(campaign.id), { unpaid: 4, pending: 0, paid: 1, cancelled: 0, expired: 0 });
  });

  test('the same event delivered twice at once is applied once', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'pay-race');
    const payments = service();
    const r = recipients.get('S0004')!;
    const start = await payments.startCheckout({ campaignId: campaign.id, messageId: messageOf(r.id), fields: r.fields }, URLS);
    const paid = webhook(start.kind === 'redirect' ? start.url : '', 'paid');
    const outcomes = await Promise.all([1, 2, 3].map(() => payments.webhook('simulator', paid.body, paid.headers).then((x) => x.outcome, () => 'retry')));
    assert.deepEqual(outcomes.filter((o) => o === 'applied').length, 1, JSON.stringify(outcomes));
    assert.ok(outcomes.every((o) => o === 'applied' || o === 'duplicate' || o === 'retry'));
    assert.equal((await t.store.payments.events(messageOf(r.id))).length, 1);
  });

  test('forged webhooks, checkouts this installation never opened and providers not in use are refused or ignored', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'pay-refused');
    const payments = service();
    const r = recipients.get('S0005')!;
    const start = await payments.startCheckout({ campaignId: campaign.id, messageId: messageOf(r.id), fields: r.fields }, URLS);
    const paid = webhook(start.kind === 'redirect' ? start.url : '', 'paid');
    const tampered = Buffer.from(paid.body.toString().replace('"amount_total":7000', '"amount_total":1'));
    await assert.rejects(payments.webhook('simulator', tampered, paid.headers), (e: TodokuError) => e.code === 'TODOKU_E_PAYMENT_SIGNATURE');
    await assert.rejects(payments.webhook('stripe', paid.body, paid.headers), (e: TodokuError) => e.code === 'TODOKU_E_NOT_FOUND');
    assert.equal((await payments.status(messageOf(r.id))).state, 'pending');

    const foreign = simulatorEvent({ id: 'cs_sim_elsewhere', messageId: messageOf(r.id), campaignId: campaign.id, amount: 7000, currency: 'jpy', description: 'x', success: '', cancel: '', expiresAt: clock + 1 }, 'paid', clock);
    const result = await payments.webhook('simulator', Buffer.from(foreign.body), { 'paysim-signature': signatureHeader(foreign.body, secrets.webhook, Math.floor(clock / 1000)) });
    assert.equal(result.outcome, 'unknown');
    assert.equal((await payments.status(messageOf(r.id))).state, 'pending', 'metadata alone does not pay a debt');

    const noDebt = await payments.startCheckout({ campaignId: campaign.id, messageId: messageOf(r.id), fields: { ...r.fields, amount: '0' } }, URLS);
    assert.deepEqual(noDebt, { kind: 'no_debt' });
  });
});
