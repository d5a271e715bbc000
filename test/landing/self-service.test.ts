// Self-service on the recipient's page, end to end on SQLite and PostgreSQL: a campaign sent through the
// SMSC simulator, then each action through the page's own forms with their CSRF tokens — a promise
// (confirmation SMS at the phone, promise.created at an integrator's receiver, a ledger entry with the
// amount committed, not written), instalments (an inbox task), a dispute and "not me" (the person's
// queued messages cancelled at once, a review queue; "not me" before the identity check, and its number
// rejected as misdelivered by the next import until an operator removes it), the operator's review, and
// the campaign's settings taking actions off the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';
import { addDays, dateInZone } from '../../src/core/debtor-actions.ts';
import type { EvidenceKind } from '../../src/core/evidence/entry.ts';
import { webhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const LIST = [
  '氏名,電話番号,金額,生年月日,顧客番号',
  '山田 太郎,090-5200-0001,12000,1990/01/02,C-1001',
  '佐藤 花子,090-5200-0002,30000,1985/12/31,C-1002',
  '鈴木 一郎,090-5200-0003,8000,1970/07/07,C-1003',
  '高橋 次郎,090-5200-0004,5000,1988/03/03,C-1004',
  '田中 三郎,090-5200-0005,7000,1975/05/05,C-1005',
].join('\n');

const BIRTH: Record<string, string> = { '山田 太郎': '1990-01-02', '佐藤 花子': '1985-12-31', '鈴木 一郎': '1970-07-07', '高橋 次郎': '1988-03-03', '田中 三郎': '1975-05-05' };
const HEX64 = /^[0-9a-f]{64}$/u;

eachDatabase('self-service on the recipient page', (kind) => {
  let t: TestApp;
  let c: SentCampaign;
  let hook: WebhookReceiver;
  const today = () => dateInZone(Date.now(), 'Asia/Tokyo');

  before(async () => {
    hook = await webhookReceiver();
    t = await startTestApp(kind, { TODOKU_WEBHOOK_ALLOW_HOSTS: '127.0.0.1', TODOKU_WEBHOOK_BACKOFF_MS: '100' });
    const created = await t.api('POST', '/webhooks', { url: hook.url, events: ['promise.created'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    c = await sentCampaign(t, `セルフサービス ${kind}`, LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(14), notice: '# ご請求のお知らせ\n\n{{name}}様、{{amount}}円のお支払いをお願いします。' });
  });
  after(async () => {
    await t?.stop();
    if (hook) await hook.close();
  });

  async function verified(name: string) {
    const r = c.recipients.get(name)!;
    const v = new Visitor(t.url);
    const ok = await v.post(`${r.path}/verify`, await v.get(r.path), { answer: BIRTH[name]! });
    assert.equal(ok.status, 303);
    return { v, r, page: await v.get(r.path) };
  }

  const ledger = (kinds: EvidenceKind[]) =>
    t.app.store.db.kysely.selectFrom('evidence_entries').select(['kind', 'message_id', 'data_json']).where('kind', 'in', kinds).orderBy('id').execute();

  /** A message to the person waiting in the queue (a later step, due tomorrow): what a dispute must stop. */
  async function queuedFor(messageId: number): Promise<number> {
    const m = await t.app.store.db.kysely.selectFrom('messages').select(['campaign_id', 'recipient_id', 'to_hash']).where('id', '=', messageId).executeTakeFirstOrThrow();
    const id = await t.app.store.inbound.queueMessage({ campaignId: m.campaign_id, recipientId: m.recipient_id, messageId, toHash: m.to_hash! }, { kind: 'reply', text: '再度のご案内です' });
    await t.app.store.db.kysely.updateTable('messages').set({ next_attempt_at: Date.now() + 86_400_000 }).where('id', '=', id!).execute();
    return id!;
  }
  const stateOf = async (id: number) => (await t.app.store.db.kysely.selectFrom('messages').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

  test('a promise: the form with its limits, CSRF, a date too far refused, then recorded once, confirmed by SMS, told by webhook, entered in the ledger', async () => {
    const { v, r, page } = await verified('山田 太郎');
    const text = textOf(page.html);
    for (const action of ['支払いを約束する', '分割払いを相談したい', '内容に心当たりがない', '私は宛先の本人ではありません']) assert.match(text, new RegExp(action, 'u'));
    const form = await v.get(`${r.path}/self-service/promise`);
    assert.equal(form.status, 200);
    assert.match(form.html, new RegExp(`<input type="date" id="ss-date" name="date"[^>]* min="${today()}" max="${addDays(today(), 30)}"`, 'u'));
    assert.match(form.html, /<label for="ss-amount">/u, 'every field has its label');
    assert.match(textOf(form.html), /ご請求額: ¥12,000/u);

    assert.equal((await v.request('POST', `${r.path}/self-service/promise`, { date: addDays(today(), 7) })).status, 403, 'no CSRF token, nothing recorded');
    const tooFar = await v.post(`${r.path}/self-service/promise`, form, { date: addDays(today(), 45), amount: 'たくさん' });
    assert.equal(tooFar.status, 422);
    assert.match(textOf(tooFar.html), /今日から30日以内/u);
    assert.match(textOf(tooFar.html), /円単位で入力/u);
    assert.match(tooFar.html, /id="ss-date"[^>]*aria-invalid="true"/u);

    const date = addDays(today(), 7);
    const made = await v.post(`${r.path}/self-service/promise`, form, { date, amount: '１２,０００' });
    assert.equal(made.status, 303);
    assert.equal(made.location, `${r.path}/self-service/done?kind=promise`);
    assert.match(textOf((await v.get(made.location!)).html), /お約束を承りました/u);
    // The same form posted again (a double tap): the same promise, nothing new.
    assert.equal((await v.post(`${r.path}/self-service/promise`, form, { date, amount: '12000' })).status, 303);
    const listed = await t.api('GET', `/debtor-actions?kind=promise&campaign=${c.id}`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.total, 1);
    const promise = listed.body.actions[0];
    assert.deepEqual(
      { state: promise.state, promisedDate: promise.promisedDate, amount: promise.amount, messageId: promise.messageId, name: promise.person.name, customerNumber: promise.person.customerNumber },
      { state: 'open', promisedDate: date, amount: 12000, messageId: r.messageId, name: '山田 太郎', customerNumber: 'C-1001' },
    );
    assert.equal(listed.body.open.promise, 1);

    const sms = await until('the confirmation reaches the phone', async () => t.app.simulator!.received().filter((m) => m.to.endsWith('9052000001') && /お支払いのお約束を承りました/u.test(m.text)), 10_000);
    assert.equal(sms.length, 1);
    assert.match(sms[0]!.text, new RegExp(`お支払い予定日: \\d{4}年\\d+月\\d+日（¥12,000）`, 'u'));
    const kinds = await t.app.store.db.kysely.selectFrom('messages').select('kind').where('recipient_id', '=', (await t.app.store.db.kysely.selectFrom('messages').select('recipient_id').where('id', '=', r.messageId).executeTakeFirstOrThrow()).recipient_id).execute();
    assert.equal(kinds.filter((k) => k.kind === 'promise_confirmation').length, 1, 'one confirmation, not one per tap');

    const event = await until('promise.created delivered', async () => hook.events.find((e) => e.type === 'promise.created'), 15_000, 50);
    assert.deepEqual(event.data, { promiseId: promise.id, campaignId: c.id, messageId: r.messageId, recipientId: promise.recipientId, promisedDate: date, amount: 12000, replaces: null, createdAt: promise.createdAt });

    const entries = await ledger(['promise.created']);
    assert.equal(entries.length, 1);
    const data = JSON.parse(entries[0]!.data_json);
    assert.equal(entries[0]!.message_id, r.messageId);
    assert.equal(data.promisedDate, date);
    assert.match(data.amount, HEX64, 'the amount is committed, never written');
    assert.doesNotMatch(entries[0]!.data_json, /12000|山田|9052000001|C-1001/u);

    // The page now says what was promised; changing it supersedes the first promise.
    const after = await v.get(r.path);
    assert.match(textOf(after.html), /までにお支払いいただくお約束を承っています（¥12,000）/u);
    assert.match(textOf(after.html), /お約束の日付を変更する/u);
    const later = addDays(today(), 10);
    assert.equal((await v.post(`${r.path}/self-service/promise`, form, { date: later })).status, 303);
    const both = (await t.api('GET', `/debtor-actions?kind=promise&campaign=${c.id}`)).body.actions;
    assert.deepEqual(both.map((a: any) => [a.state, a.promisedDate, a.amount]), [['open', later, null], ['superseded', date, 12000]]);
    const second = await until('the second promise.created', async () => hook.events.find((e) => e.type === 'promise.created' && e.data.promisedDate === later), 15_000, 50);
    assert.equal(second.data.replaces, promise.id);

    // The person's timeline in tracking shows the promises.
    const timeline = await t.api('GET', `/campaigns/${c.id}/messages/${r.messageId}/timeline`);
    const requests = timeline.body.events.filter((e: any) => e.kind === 'self_service');
    assert.deepEqual(requests.map((e: any) => e.detail.promisedDate), [date, later]);
    assert.ok(timeline.body.events.some((e: any) => e.kind === 'self_service_closed' && e.detail.state === 'superseded'));
  });

  test('instalments: a monthly amount and a free text become an inbox task; the text is sealed, the ledger commits to it', async () => {
    const { v, r } = await verified('佐藤 花子');
    const form = await v.get(`${r.path}/self-service/instalment`);
    assert.match(form.html, /<textarea id="ss-note" name="note"/u);
    const empty = await v.post(`${r.path}/self-service/instalment`, form, { monthly: '', note: '' });
    assert.equal(empty.status, 422);
    const sent = await v.post(`${r.path}/self-service/instalment`, form, { monthly: '１００００', note: '月末にお給料が入るので、毎月1万円ずつでお願いします。' });
    assert.equal(sent.status, 303);
    const tasks = (await t.api('GET', `/debtor-actions?kind=instalment&state=open&campaign=${c.id}`)).body;
    assert.equal(tasks.total, 1);
    assert.equal(tasks.actions[0].monthlyAmount, 10000);
    assert.equal(tasks.actions[0].note, '月末にお給料が入るので、毎月1万円ずつでお願いします。');
    assert.equal(tasks.actions[0].conversationId?.length, 32, 'the task links to the conversation of the number');
    const stored = await t.app.store.db.kysely.selectFrom('debtor_actions').select('note_enc').where('id', '=', tasks.actions[0].id).executeTakeFirstOrThrow();
    assert.doesNotMatch(stored.note_enc!, /お給料/u, 'sealed at rest');
    const [entry] = await ledger(['instalment.requested']);
    const data = JSON.parse(entry!.data_json);
    assert.match(data.monthly, HEX64);
    assert.match(data.note, HEX64);
    assert.doesNotMatch(entry!.data_json, /10000|お給料|佐藤/u);
    assert.match(textOf((await v.get(r.path)).html), /分割払いのご相談を受け付けました/u);
  });

  test('a dispute stops the person’s queued messages at once, waits for review, and the operator’s decision is audited', async () => {
    const { v, r } = await verified('鈴木 一郎');
    const waiting = await queuedFor(r.messageId);
    const form = await v.get(`${r.path}/self-service/dispute`);
    const sent = await v.post(`${r.path}/self-service/dispute`, form, { note: 'この請求は支払い済みです' });
    assert.equal(sent.status, 303);
    assert.equal(await stateOf(waiting), 'cancelled', 'cancelled in the same transaction');
    const page = textOf((await v.get(r.path)).html);
    assert.match(page, /送信を止めています/u);
    assert.doesNotMatch(page, /支払いを約束する/u, 'nothing else to ask for until someone has looked');
    const [entry] = await ledger(['dispute.raised']);
    assert.equal(JSON.parse(entry!.data_json).cancelled, 1);
    const finals = await t.app.store.db.kysely.selectFrom('evidence_entries').select('data_json').where('kind', '=', 'message.final').where('message_id', '=', waiting).execute();
    assert.deepEqual(finals.map((f) => JSON.parse(f.data_json)), [{ state: 'cancelled', reason: 'dispute' }]);

    const queue = (await t.api('GET', `/debtor-actions?kind=dispute&state=open`)).body;
    assert.equal(queue.total, 1);
    const id = queue.actions[0].id;
    const resolved = await t.api('POST', `/debtor-actions/${id}/resolve`, { outcome: 'resolved', note: '入金記録を確認、請求を取り下げ' });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
    assert.equal(resolved.body.state, 'resolved');
    assert.equal(resolved.body.resolutionNote, '入金記録を確認、請求を取り下げ');
    assert.equal((await t.api('POST', `/debtor-actions/${id}/resolve`, { outcome: 'dismissed' })).body.code, 'TODOKU_E_DEBTOR_ACTION_STATE');
    const audit = await t.app.store.db.kysely.selectFrom('audit_log').select(['action', 'target', 'details_json']).where('action', '=', 'debtor_action.resolve').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.target, `debtor_action:${id}`);
    assert.doesNotMatch(audit[0]!.details_json ?? '', /入金記録/u, 'the note is not copied into the audit log');
  });

  test('"not me" before the identity check: it names nobody, stops the messages, lists the number; the next import rejects it as misdelivered until removed', async () => {
    const r = c.recipients.get('高橋 次郎')!;
    const waiting = await queuedFor(r.messageId);
    const v = new Visitor(t.url);
    const check = await v.get(r.path);
    assert.match(check.html, new RegExp(`href="${r.path}/self-service/not-me"`, 'u'), 'offered under the identity check');
    const form = await v.get(`${r.path}/self-service/not-me`);
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.html, /高橋|5000|C-1004|1988/u, 'nothing personal before the check');
    assert.equal((await v.request('POST', `${r.path}/self-service/not-me`, {})).status, 403);
    const sent = await v.post(`${r.path}/self-service/not-me`, form, {});
    assert.equal(sent.status, 303);
    assert.match(textOf((await v.get(sent.location!)).html), /送信を止めました/u);
    assert.equal(await stateOf(waiting), 'cancelled');
    // Pressed again: one report.
    await v.post(`${r.path}/self-service/not-me`, form, {});
    assert.equal((await t.api('GET', `/debtor-actions?kind=not_me&campaign=${c.id}`)).body.total, 1);
    const [entry] = await ledger(['not_me.reported']);
    const data = JSON.parse(entry!.data_json);
    assert.equal(data.verified, false);
    assert.equal(data.cancelled, 1);
    assert.match(data.number, HEX64);
    assert.doesNotMatch(entry!.data_json, /9052000004|高橋/u);

    const listed = (await t.api('GET', '/misdelivered-numbers')).body;
    assert.equal(listed.total, 1);
    assert.equal(listed.numbers[0].phone, '090-****-0004');
    assert.equal(listed.numbers[0].campaign.id, c.id);

    // The next list with that number: line 3 rejected, with its reason.
    const next = ['氏名,電話番号,金額', '新井 一,090-5200-0101,1000', '誰か,090-5200-0004,2000'].join('\n');
    const { id, imported } = await campaignWithList(t, { name: `次のリスト ${kind}`, template: '{{name}}様', policyPack: 'none' }, next);
    assert.equal(imported.accepted, 1);
    const rejections = await t.api('GET', `/campaigns/${id}/rejections`);
    const row = rejections.body.rejections.find((x: any) => x.line === 3);
    assert.equal(row?.reason, 'misdelivered', JSON.stringify(rejections.body));
    assert.match(row.message, /宛先の本人ではない/u);

    // An operator confirms the report, then (told it is the right number after all) removes it from the list.
    const report = (await t.api('GET', `/debtor-actions?kind=not_me&state=open`)).body.actions[0];
    assert.equal((await t.api('POST', `/debtor-actions/${report.id}/resolve`, { outcome: 'resolved' })).status, 200);
    const removed = await t.api('DELETE', `/misdelivered-numbers/${listed.numbers[0].id}`);
    assert.equal(removed.status, 204);
    assert.equal((await t.api('DELETE', `/misdelivered-numbers/${listed.numbers[0].id}`)).status, 404);
    assert.equal((await t.api('GET', '/misdelivered-numbers')).body.total, 0);
    const again = await campaignWithList(t, { name: `その次のリスト ${kind}`, template: '{{name}}様', policyPack: 'none' }, next);
    assert.equal(again.imported.accepted, 2);
  });

  test('the campaign’s settings take actions off the page, and their pages answer 404', async () => {
    const name = '田中 三郎';
    const off = await t.api('PUT', `/campaigns/${c.id}/self-service`, { promise: false, promiseMaxDays: 14, promiseGraceDays: 2, instalment: false, dispute: false, notMe: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.deepEqual((await t.api('GET', `/campaigns/${c.id}/self-service`)).body, { promise: false, promiseMaxDays: 14, promiseGraceDays: 2, instalment: false, dispute: false, notMe: false });
    const r = c.recipients.get(name)!;
    const stranger = new Visitor(t.url);
    assert.doesNotMatch((await stranger.get(r.path)).html, /not-me/u);
    assert.equal((await stranger.get(`${r.path}/self-service/not-me`)).status, 404);
    const { v, page } = await verified(name);
    assert.doesNotMatch(textOf(page.html), /支払いを約束する|分割払い|心当たり|宛先の本人/u);
    assert.equal((await v.get(`${r.path}/self-service/promise`)).status, 404);
    assert.equal((await v.post(`${r.path}/self-service/dispute`, page, { note: 'x' })).status, 404);

    // Promise alone, with its new window.
    await t.api('PUT', `/campaigns/${c.id}/self-service`, { promise: true, promiseMaxDays: 14, promiseGraceDays: 2, instalment: false, dispute: false, notMe: false });
    const again = await v.get(r.path);
    assert.match(textOf(again.html), /支払いを約束する/u);
    assert.doesNotMatch(textOf(again.html), /分割払い/u);
    assert.match((await v.get(`${r.path}/self-service/promise`)).html, new RegExp(`max="${addDays(today(), 14)}"`, 'u'));
    const audit = await t.app.store.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'campaign.self_service.update').execute();
    assert.equal(audit.length, 2);
    const bad = await t.api('PUT', `/campaigns/${c.id}/self-service`, { promise: true, promiseMaxDays: 0, promiseGraceDays: 2, instalment: false, dispute: false, notMe: false });
    assert.equal(bad.status, 400);
  });

  test('an open promise past its date and grace without payment is broken; the store settles it for a day the test names', async () => {
    const open = (await t.api('GET', `/debtor-actions?kind=promise&state=open&campaign=${c.id}`)).body.actions[0];
    // Nothing changes before the last day …
    assert.deepEqual(await t.app.store.debtorActions.settlePromises(Date.now()), []);
    // … and 40 days on, with no payment, it is broken (grace as set: 2 days).
    const changed = await t.app.store.debtorActions.settlePromises(Date.now() + 40 * 86_400_000);
    assert.deepEqual(changed.map((x) => [x.id, x.state]), [[open.id, 'broken']]);
    assert.equal((await t.api('GET', `/debtor-actions/${open.id}`)).body.state, 'broken');
  });
});
