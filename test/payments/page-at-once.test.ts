// The verified page keeps a message's payment for a moment (store/payments.ts SHOWN_PAYMENT_MS), so every
// way a payment is written in this process must show on the page at once, on SQLite and PostgreSQL: the
// pay button (pending), coming back through cancel, the provider's webhook, an operator's 支払済み, a bank
// file matched by customer number and a transfer an operator assigns. Each write comes right after a view
// that read the payment, so a page kept past its write would still say what it said before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { zenginFile } from '../support/bank-files.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';

const LIST = [
  '氏名,電話番号,金額,顧客番号,生年月日',
  '山田 太郎,090-4500-0001,12000,1000001,1990/01/02',
  '鈴木 花子,090-4500-0002,8000,1000002,1990/01/02',
  '高橋 次郎,090-4500-0003,20000,1000003,1990/01/02',
  '佐藤 三郎,090-4500-0004,5000,1000004,1990/01/02',
].join('\n');

const PAID = /お支払いを確認しました（\d{4}年\d+月\d+日）/u;
const PENDING = /お支払い手続きの途中です/u;

eachDatabase('a payment shows on the page at once', (kind) => {
  let t: TestApp;
  let c: SentCampaign;
  before(async () => {
    t = await startTestApp(kind);
    c = await sentCampaign(t, `支払いの表示 ${kind}`, LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# お知らせ\n\n{{name}}様' });
  });
  after(async () => t?.stop());

  async function verified(name: string) {
    const r = c.recipients.get(name)!;
    const v = new Visitor(t.url);
    assert.equal((await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990-01-02' })).status, 303);
    const view = async () => {
      const page = await v.get(r.path);
      assert.equal(page.status, 200);
      return page;
    };
    return { v, r, view };
  }

  test('the pay button, cancel and the webhook: pending, then not, then paid', async () => {
    const { v, r, view } = await verified('山田 太郎');
    const page = await view();
    assert.doesNotMatch(page.html, PENDING);
    const start = await v.post(`${r.path}/payment/start`, page, {});
    assert.equal(start.status, 303);
    assert.match((await view()).html, PENDING, 'checkout started: pending at once');

    await v.request('POST', start.location!.replace('/checkout?', '/checkout/cancel?'), {});
    assert.equal((await v.get(`${r.path}/payment/return?result=cancel`)).status, 303);
    assert.doesNotMatch((await view()).html, PENDING, 'came back through cancel: no longer pending at once');

    const again = await v.post(`${r.path}/payment/start`, await view(), {});
    assert.match((await view()).html, PENDING);
    await v.request('POST', again.location!.replace('/checkout?', '/checkout/pay?'), {});
    await until('the webhook marks it paid', async () => (await t.app.store.payments.byMessage(r.messageId))?.state === 'paid', 10_000, 5);
    assert.match(textOf((await view()).html), PAID, "the provider's webhook: paid at once");
  });

  test("an operator's 支払済み: paid at once", async () => {
    const { r, view } = await verified('鈴木 花子');
    assert.match((await view()).html, /payment\/start/u);
    const marked = await t.api('POST', `/messages/${r.messageId}/payment`, { method: 'counter' });
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    const page = await view();
    assert.match(textOf(page.html), PAID);
    assert.doesNotMatch(page.html, /payment\/start/u);
  });

  test('a bank file matched by customer number, and a transfer an operator assigns: paid at once', async () => {
    const takahashi = await verified('高橋 次郎');
    const sato = await verified('佐藤 三郎');
    assert.doesNotMatch(textOf((await takahashi.view()).html), PAID);
    assert.doesNotMatch(textOf((await sato.view()).html), PAID);
    const file = zenginFile('01', [
      { inquiry: '000201', date: '2026-12-04', amount: 20_000, payerName: '1000003ﾀｶﾊｼ ｼﾞﾛｳ' },
      { inquiry: '000202', date: '2026-12-04', amount: 5_000, payerName: 'ｺﾊﾞﾔｼ ﾏｺﾄ' },
    ]);
    const imported = await t.api('POST', '/payments/bank-files', file, { contentType: 'text/plain' });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual([imported.body.counts.matched, imported.body.counts.unmatched], [1, 1]);
    assert.match(textOf((await takahashi.view()).html), PAID, 'matched by the bank file');

    assert.doesNotMatch(textOf((await sato.view()).html), PAID);
    const waiting = (imported.body.rows as { transfer: { id: number; state: string } }[]).find((x) => x.transfer.state === 'unmatched')!.transfer;
    const assigned = await t.api('POST', `/payments/bank-transfers/${waiting.id}/assign`, { messageId: sato.r.messageId });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.match(textOf((await sato.view()).html), PAID, 'assigned by an operator');
  });
});
