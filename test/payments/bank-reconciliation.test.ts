// 入金消込 end to end on SQLite and PostgreSQL: the whole app, a campaign of six debtors sent through the
// SMSC simulator, then the bank's 振込入金通知 (Shift_JIS bytes made in test/support/bank-files.ts) posted
// to the API. Credits are matched by customer number and by unique kana name; a part payment and an
// overpayment recorded as such; each paid debt fires payment.succeeded (provider bank_transfer) to an
// integrator's receiver and is a ledger entry; the same file again, and the same day's 入出金明細,
// change nothing; an operator resolves what is left; a file that does not add up is refused whole.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { handedOverCampaign } from '../support/factories.ts';
import { portalCsv, zenginFile, type SampleCredit } from '../support/bank-files.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const LIST = [
  '氏名,電話番号,金額,顧客番号,フリガナ',
  '山田 太郎,090-3100-0001,35000,1234567,ヤマダ タロウ',
  '鈴木 花子,090-3100-0002,8000,2000001,すずき はなこ',
  '田中 一郎,090-3100-0003,5000,2000002,タナカ イチロウ',
  '田中 市郎,090-3100-0004,5000,2000003,たなか いちろう',
  '高橋 次郎,090-3100-0005,20000,2000004,タカハシ ジロウ',
  '佐藤 三郎,090-3100-0006,10000,2000005,サトウ サブロウ',
].join('\n');

const DAY = '2026-12-04';
const CREDITS: SampleCredit[] = [
  { inquiry: '000101', date: DAY, amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ' },
  { inquiry: '000102', date: DAY, amount: 8_000, payerName: 'ｽｽﾞｷ ﾊﾅｺ' },
  { inquiry: '000103', date: DAY, amount: 5_000, payerName: 'ﾀﾅｶ ｲﾁﾛｳ' },
  { inquiry: '000104', date: DAY, amount: 15_000, payerName: '2000004ﾀｶﾊｼ ｼﾞﾛｳ' },
  { inquiry: '000105', date: DAY, amount: 12_000, payerName: 'ｻﾄｳ ｻﾌﾞﾛｳ', edi: '2000005' },
  { inquiry: '000106', date: DAY, amount: 3_000, payerName: 'ｺﾊﾞﾔｼ ﾏｺﾄ' },
];

eachDatabase('bank-file reconciliation', (kind) => {
  let t: TestApp;
  let hook: WebhookReceiver;
  let campaignId: number;
  /** Message id by the person's phone number as listed. */
  let msg: (phone: string) => number;

  before(async () => {
    hook = await webhookReceiver();
    t = await startTestApp(kind, { TODOKU_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', TODOKU_WEBHOOK_BACKOFF_MS: '100' });
    const created = await t.api('POST', '/webhooks', { url: hook.url, events: ['payment.succeeded'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await handedOverCampaign(t, { name: `入金消込 ${kind}`, template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, LIST, 6);
    campaignId = sent.id;
    msg = sent.messageOf;
  });
  after(async () => {
    await t.stop();
    await hook.close();
  });

  const importFile = (bytes: Uint8Array, contentType = 'application/octet-stream', query = '') => t.api('POST', `/payments/bank-files${query}`, bytes, { contentType });
  const payments = async () => (await t.api('GET', `/campaigns/${campaignId}/payments`)).body;
  const ledger = () =>
    t.app.store.db.kysely.selectFrom('evidence_entries').select(['kind', 'message_id', 'data_json']).where('kind', '=', 'payment.succeeded').orderBy('id').execute();

  test('a 振込入金通知 matches by customer number and by unique kana name; part and over payments recorded as such', async () => {
    const r = await importFile(zenginFile('01', CREDITS), 'text/plain');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.format, 'zengin01');
    assert.deepEqual(r.body.counts, { matched: 4, unmatched: 2, duplicate: 0, refused: 0, skipped: 0, partial: 1, over: 1 });
    const rows = r.body.rows as any[];
    const byRecord = (n: number) => rows.find((x) => x.record === n).transfer;
    assert.deepEqual([byRecord(2).messageId, byRecord(2).rule, byRecord(2).balance], [msg('090-3100-0001'), 'customer_number', 'exact']);
    assert.deepEqual([byRecord(3).messageId, byRecord(3).rule, byRecord(3).balance], [msg('090-3100-0002'), 'kana_name', 'exact']);
    assert.deepEqual([byRecord(4).state, byRecord(4).reason, byRecord(4).candidates], ['unmatched', 'ambiguous_name', [msg('090-3100-0003'), msg('090-3100-0004')]]);
    assert.equal(byRecord(4).reasonText.ja, '同じフリガナと金額の人が複数います');
    assert.deepEqual([byRecord(5).messageId, byRecord(5).balance, byRecord(5).owed, byRecord(5).remaining], [msg('090-3100-0005'), 'partial', 20_000, 5_000]);
    assert.deepEqual([byRecord(6).messageId, byRecord(6).rule, byRecord(6).balance, byRecord(6).remaining], [msg('090-3100-0006'), 'customer_number', 'over', -2_000]);
    assert.deepEqual([byRecord(7).state, byRecord(7).reason], ['unmatched', 'no_candidate']);
    assert.equal(byRecord(2).payerName, '1234567ﾔﾏﾀﾞ ﾀﾛｳ', 'Shift_JIS kana read back as sent');
    assert.equal(byRecord(2).bankName, 'みずほ', 'bank names from zengin-code');
    assert.equal(byRecord(2).branchName, '東京営業部');

    const p = await payments();
    assert.deepEqual(p.counts, { unpaid: 3, pending: 0, paid: 3, cancelled: 0, expired: 0 });
    const row = (phone: string) => (p.payments as any[]).find((x) => x.messageId === msg(phone));
    assert.deepEqual([row('090-3100-0001').state, row('090-3100-0001').provider, row('090-3100-0001').paidAmount], ['paid', 'bank_transfer', 35_000]);
    assert.deepEqual([row('090-3100-0005').state, row('090-3100-0005').paidAmount], ['unpaid', 15_000], 'a part payment counts the money, the debt stays open');
    assert.deepEqual([row('090-3100-0006').state, row('090-3100-0006').paidAmount], ['paid', 12_000]);

    // Three debts paid: three webhooks, provider bank_transfer; four credits applied: four ledger entries.
    await until('three payment.succeeded delivered', async () => hook.events.length >= 3, 15_000, 50);
    assert.deepEqual(hook.events.map((e) => [e.type, e.data.messageId, e.data.amount, e.data.provider]).sort((a, b) => a[1] - b[1]), [
      ['payment.succeeded', msg('090-3100-0001'), 35_000, 'bank_transfer'],
      ['payment.succeeded', msg('090-3100-0002'), 8_000, 'bank_transfer'],
      ['payment.succeeded', msg('090-3100-0006'), 12_000, 'bank_transfer'],
    ]);
    const entries = await ledger();
    assert.deepEqual(entries.map((e) => Number(e.message_id)).sort(), [msg('090-3100-0001'), msg('090-3100-0002'), msg('090-3100-0005'), msg('090-3100-0006')].sort());
    for (const e of entries) {
      const data = JSON.parse(e.data_json);
      assert.equal(data.provider, 'bank_transfer');
      assert.match(data.amount, /^[0-9a-f]{64}$/, 'the amount committed, not in clear');
      assert.ok(!/35000|ﾔﾏﾀﾞ|ヤマダ|1234567/.test(e.data_json), 'no amount, name or customer number in the entry');
    }

    // The results export shows who paid, how and how much.
    const exported = await t.api('GET', `/campaigns/${campaignId}/export.csv`);
    assert.equal(exported.status, 200);
    const csv = String(exported.body);
    assert.match(csv, /山田 太郎.*支払済み（振込） \(paid; bank_transfer\),35000,/);
    assert.match(csv, /高橋 次郎.*一部入金（振込） \(partial\),15000,/);
  });

  test('the same file again, and the same day’s 入出金取引明細, change nothing', async () => {
    const before = { payments: await payments(), ledger: (await ledger()).length, events: hook.events.length };
    const again = await importFile(zenginFile('01', CREDITS, { lineBreaks: false }));
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.counts, { matched: 0, unmatched: 0, duplicate: 6, refused: 0, skipped: 0, partial: 0, over: 0 });
    const statement = await importFile(zenginFile('03', CREDITS.map((c) => ({ ...c, inquiry: `00${c.inquiry}` })), { lineBreaks: false }));
    assert.equal(statement.status, 200, JSON.stringify(statement.body));
    assert.equal(statement.body.format, 'zengin03');
    assert.deepEqual(statement.body.counts, { matched: 0, unmatched: 0, duplicate: 6, refused: 0, skipped: 0, partial: 0, over: 0 });
    assert.ok((statement.body.rows as any[]).every((r) => r.transfer.state === 'duplicate' && r.transfer.duplicateOf !== null));
    assert.deepEqual(await payments(), before.payments);
    assert.equal((await ledger()).length, before.ledger);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(hook.events.length, before.events);
  });

  test('the rest of a part payment completes the debt: paid, and the webhook says the whole amount', async () => {
    const rest = await importFile(portalCsv([{ inquiry: '000201', date: '2026-12-06', amount: 5_000, payerName: '2000004ﾀｶﾊｼ ｼﾞﾛｳ' }]), 'text/csv', '?bank=0001&branch=001&account=1234567');
    assert.equal(rest.status, 200, JSON.stringify(rest.body));
    assert.deepEqual([rest.body.format, rest.body.counts.matched], ['csv', 1]);
    assert.deepEqual([rest.body.rows[0].transfer.balance, rest.body.rows[0].transfer.remaining, rest.body.rows[0].transfer.owed], ['exact', 0, 5_000]);
    const takahashi = msg('090-3100-0005');
    await until('the completed payment delivered', async () => hook.events.some((e) => e.data.messageId === takahashi), 15_000, 50);
    assert.equal(hook.events.find((e) => e.data.messageId === takahashi).data.amount, 20_000);
    assert.equal((await payments()).counts.paid, 4);
  });

  test('an operator resolves the unmatched: finds people, assigns one, sets another aside; a resolved transfer stays resolved', async () => {
    const viewer = (await t.app.store.apiKeys.create('viewer', undefined, 'viewer')).secret;
    assert.equal((await t.api('GET', '/payments/unmatched', undefined, { key: viewer })).status, 403, 'payer names are for operators');
    const list = await t.api('GET', '/payments/unmatched');
    assert.equal(list.status, 200);
    const waiting = (list.body.transfers as any[]).filter((x) => x.state === 'unmatched');
    assert.deepEqual(waiting.map((x) => x.payerName), ['ﾀﾅｶ ｲﾁﾛｳ', 'ｺﾊﾞﾔｼ ﾏｺﾄ']);
    assert.deepEqual(list.body.counts, { matched: 5, unmatched: 2, not_ours: 0, duplicate: 6 });

    const found = await t.api('GET', `/payments/debts?q=${encodeURIComponent('ﾀﾅｶ ｲﾁﾛｳ')}`);
    assert.equal(found.status, 200);
    assert.deepEqual((found.body.people as any[]).map((x) => [x.name, x.owed, x.paid]).sort(), [['田中 一郎', 5_000, false], ['田中 市郎', 5_000, false]]);

    const tanaka = msg('090-3100-0003');
    const assigned = await t.api('POST', `/payments/bank-transfers/${waiting[0].id}/assign`, { messageId: tanaka });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.deepEqual([assigned.body.state, assigned.body.rule, assigned.body.messageId, assigned.body.balance], ['matched', 'operator', tanaka, 'exact']);
    assert.match(assigned.body.resolvedBy, /apikey/);
    const notOurs = await t.api('POST', `/payments/bank-transfers/${waiting[1].id}/not-ours`);
    assert.deepEqual([notOurs.status, notOurs.body.state], [200, 'not_ours']);
    const twice = await t.api('POST', `/payments/bank-transfers/${waiting[0].id}/assign`, { messageId: tanaka });
    assert.deepEqual([twice.status, twice.body.code], [409, 'TODOKU_E_BANK_TRANSFER_STATE']);
    assert.equal((await t.api('POST', '/payments/bank-transfers/99999/not-ours')).status, 404);

    assert.equal((await payments()).counts.paid, 5);
    await until('the assigned payment delivered', async () => hook.events.some((e) => e.data.messageId === tanaka), 15_000, 50);
    const audit = await t.app.store.audit.list(50);
    for (const action of ['bank_file.import', 'bank_transfer.assign', 'bank_transfer.not_ours']) assert.ok(audit.some((a) => a.action === action), action);
    assert.ok(!audit.some((a) => /ﾀﾅｶ|ﾔﾏﾀﾞ/.test(a.details_json ?? '')), 'no payer name in the audit log');
  });

  test('a file whose trailer does not add up is refused whole, naming the record; nothing is stored', async () => {
    const counts = (await t.api('GET', '/payments/unmatched')).body.counts;
    const bad = await importFile(zenginFile('01', [{ inquiry: '000301', date: DAY, amount: 7_000, payerName: 'ﾜﾀﾅﾍﾞ' }], { trailerDelta: { total: 100 } }));
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'TODOKU_E_BANK_FILE');
    assert.match(bad.body.title, /^3件目のレコード: トレーラの振込金額（7100）がデータレコードの合計（7000）と合いません/);
    assert.deepEqual((await t.api('GET', '/payments/unmatched')).body.counts, counts);
    assert.ok((await t.app.store.audit.list(5)).some((a) => a.action === 'bank_file.refused'));
  });
});
