// 「支払済みにする」 on SQLite and PostgreSQL: the whole app, a campaign of three debtors sent through the
// SMSC simulator, then operators recording money that came in at the counter, in cash, by transfer. The
// same one "mark paid" as cards and bank files: payment.succeeded (provider operator) to an integrator's
// receiver, a ledger entry with the amount committed (not in clear), an audit sentence; a part payment
// stays open; an entry past what is owed is refused unless it is an overpayment; no date in the future.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { handedOverCampaign } from '../support/factories.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const LIST = ['氏名,電話番号,金額,顧客番号', '山田 太郎,090-3200-0001,35000,1234567', '鈴木 花子,090-3200-0002,10000,2000001', '高橋 次郎,090-3200-0003,20000,2000002'].join('\n');

eachDatabase('an operator marks a person paid', (kind) => {
  let t: TestApp;
  let hook: WebhookReceiver;
  let campaignId: number;
  let msg: (phone: string) => number;

  before(async () => {
    hook = await webhookReceiver();
    t = await startTestApp(kind, { TODOKU_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', TODOKU_WEBHOOK_BACKOFF_MS: '100' });
    const created = await t.api('POST', '/webhooks', { url: hook.url, events: ['payment.succeeded'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await handedOverCampaign(t, { name: `支払済み ${kind}`, template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, LIST, 3);
    campaignId = sent.id;
    msg = sent.messageOf;
  });
  after(async () => {
    await t.stop();
    await hook.close();
  });

  const mark = (messageId: number, body: Record<string, unknown>) => t.api('POST', `/messages/${messageId}/payment`, body);
  const ledger = () =>
    t.app.store.db.kysely.selectFrom('evidence_entries').select(['kind', 'message_id', 'data_json']).where('kind', '=', 'payment.succeeded').orderBy('id').execute();

  test('paid at the counter: what is owed by default, payment.succeeded from the operator, a sealed ledger entry, an audit sentence, the export says how', async () => {
    const r = await mark(msg('090-3200-0001'), { method: 'counter', paidAt: '2020-01-01', note: '本人が窓口で支払い' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual([r.body.state, r.body.balance, r.body.owedBefore, r.body.received, r.body.remaining, r.body.becamePaid], ['paid', 'exact', 35_000, 35_000, 0, true]);
    assert.deepEqual([r.body.mark.amount, r.body.mark.method, r.body.mark.methodText.ja, r.body.mark.note], [35_000, 'counter', '窓口入金', '本人が窓口で支払い']);
    assert.equal(r.body.mark.paidAt.slice(0, 10), '2019-12-31', 'a calendar day starts at midnight in Japan (15:00 UTC the day before)');

    const shown = await t.api('GET', `/messages/${msg('090-3200-0001')}/payment`);
    assert.deepEqual([shown.body.state, shown.body.provider, shown.body.paidAmount, shown.body.marks.length], ['paid', 'operator', 35_000, 1]);

    await until('payment.succeeded delivered', async () => hook.events.length >= 1, 15_000, 50);
    assert.deepEqual(hook.events.map((e) => [e.type, e.data.messageId, e.data.amount, e.data.provider]), [['payment.succeeded', msg('090-3200-0001'), 35_000, 'operator']]);

    const entries = await ledger();
    assert.equal(entries.length, 1);
    const data = JSON.parse(entries[0]!.data_json);
    assert.equal(data.provider, 'operator');
    assert.match(data.amount, /^[0-9a-f]{64}$/, 'the amount committed, not in clear');
    assert.ok(!/35000|窓口で|山田/.test(entries[0]!.data_json), 'no amount, note or name in the entry');

    const audit = await t.api('GET', '/audit?action=payment.mark');
    assert.equal(audit.status, 200, JSON.stringify(audit.body));
    const [entry] = audit.body.entries as any[];
    assert.equal(entry.target, `message:${msg('090-3200-0001')}`);
    assert.match(entry.sentence.ja, /支払済みとして記録（窓口入金、¥35,000）/);
    assert.match(entry.sentence.en, /recorded .* as paid by hand \(Paid at the counter, ¥35,000\)/);
    assert.ok(!JSON.stringify(entry.details).includes('窓口で'), 'the note is not in the audit log');

    const csv = String((await t.api('GET', `/campaigns/${campaignId}/export.csv`)).body);
    assert.match(csv, /山田 太郎.*支払済み（窓口入金） \(paid; operator\),35000,/);

    const again = await mark(msg('090-3200-0001'), { method: 'cash', amount: 1000 });
    assert.equal(again.status, 409, 'a debt paid already takes no more unless it is an overpayment');
    assert.equal(again.body.code, 'TODOKU_E_PAYMENT_EXCEEDS_OWED');
  });

  test('a part payment stays open; one past what is owed is refused until the operator says it is an overpayment', async () => {
    const m = msg('090-3200-0002');
    const part = await mark(m, { method: 'cash', amount: 3000 });
    assert.equal(part.status, 200, JSON.stringify(part.body));
    assert.deepEqual([part.body.state, part.body.balance, part.body.remaining, part.body.becamePaid], ['unpaid', 'partial', 7000, false]);
    const csv = String((await t.api('GET', `/campaigns/${campaignId}/export.csv`)).body);
    assert.match(csv, /鈴木 花子.*一部入金（現金） \(partial\),3000,/);

    const tooMuch = await mark(m, { method: 'transfer', amount: 8000 });
    assert.equal(tooMuch.status, 409, JSON.stringify(tooMuch.body));
    assert.match(tooMuch.body.title, /¥7,000/);

    const over = await mark(m, { method: 'transfer', amount: 8000, overpayment: true });
    assert.equal(over.status, 200, JSON.stringify(over.body));
    assert.deepEqual([over.body.state, over.body.balance, over.body.received, over.body.remaining, over.body.becamePaid, over.body.mark.overpayment], ['paid', 'over', 11_000, -1000, true, true]);

    const entries = (await ledger()).filter((e) => Number(e.message_id) === m);
    assert.equal(entries.length, 2, 'each entry is its own ledger entry');
    await until('the second payment.succeeded', async () => hook.events.some((e) => e.data.messageId === m), 15_000, 50);
    assert.equal(hook.events.filter((e) => e.data.messageId === m).length, 1, 'one payment.succeeded, when the debt became paid');
    assert.equal(hook.events.find((e) => e.data.messageId === m).data.amount, 11_000);
  });

  test('a day in the future, a date that is no date, and a message that is not there are refused; nothing is recorded', async () => {
    const m = msg('090-3200-0003');
    const future = await mark(m, { method: 'other', paidAt: '2999-01-01' });
    assert.equal(future.status, 400, JSON.stringify(future.body));
    assert.match(future.body.title, /未来/);
    const garbled = await mark(m, { method: 'other', paidAt: 'yesterday' });
    assert.equal(garbled.status, 400);
    const badMethod = await mark(m, { method: 'bitcoin' });
    assert.equal(badMethod.status, 400);
    assert.equal((await mark(999_999, { method: 'cash' })).status, 404);
    const shown = await t.api('GET', `/messages/${m}/payment`);
    assert.deepEqual([shown.body.state, shown.body.paidAmount, shown.body.marks.length], ['unpaid', 0, 0]);
    const audit = await t.api('GET', '/audit?action=payment.mark');
    assert.equal((audit.body.entries as any[]).filter((e) => e.target === `message:${m}`).length, 0);
  });
});
