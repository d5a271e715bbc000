// Approval before a send and test sends, through the API of the whole app, on SQLite and PostgreSQL:
// while the organisation requires approval a send is refused until another person with the approver
// permission approves exactly what was asked for; one's own request cannot be approved; a list changed
// after the approval makes it stale; a rejection's comment reaches the requester; a test send goes only
// to the organisation's test numbers and never counts in the campaign's figures. Ledger entries and
// audit rows for each step.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, setOrganisation, TOTO_UNIVERSITY } from '../support/factories.ts';

const LIST = ['氏名,電話番号,請求金額', '山田 太郎,090-1111-0001,12000', '佐藤 花子,090-1111-0002,8000', '鈴木 一郎,090-1111-0003,3000'];
const TEMPLATE = '東都大学です。{{name}}様 ご請求額{{amount|yen}}のお知らせです。';
const TEST_NUMBERS = ['090-9999-0001', '090-9999-0002'];

interface Keys {
  maker: string;
  checker: string;
  makerId: number;
}

async function key(t: TestApp, name: string, role: string): Promise<{ key: string; id: number }> {
  const r = await t.api('POST', '/api-keys', { name, role });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { key: r.body.key, id: r.body.id };
}

async function audit(t: TestApp, action: string): Promise<{ actor: string; target: string; details: any; sentence: { ja: string } }[]> {
  const r = await t.api('GET', `/audit?action=${action}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.entries;
}

async function ledger(t: TestApp, campaignId: number): Promise<{ kind: string; message_id: number | null; data: any }[]> {
  const rows = await t.app.store.db.kysely.selectFrom('evidence_entries').select(['kind', 'message_id', 'data_json']).where('campaign_id', '=', campaignId).orderBy('id').execute();
  return rows.map((r) => ({ kind: r.kind, message_id: r.message_id === null ? null : Number(r.message_id), data: JSON.parse(r.data_json) }));
}

eachDatabase('approval before a send', (kind) => {
  let t: TestApp;
  let k: Keys;
  before(async () => {
    t = await startTestApp(kind);
    await setOrganisation(t, TOTO_UNIVERSITY);
    const settings = await t.api('PUT', '/organisation/sending', { approvalRequired: true, testNumbers: TEST_NUMBERS });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    assert.deepEqual(settings.body, { approvalRequired: true, testNumbers: ['+819099990001', '+819099990002'] });
    const maker = await key(t, 'maker', 'operator');
    const checker = await key(t, 'checker', 'approver');
    k = { maker: maker.key, checker: checker.key, makerId: maker.id };
  });
  after(async () => t.stop());

  const as = (who: string) => ({ key: who });

  test('while approval is required a send is refused with approval_required, and an approver who made the request cannot approve it', async () => {
    const { id } = await campaignWithList(t, { name: 'refused', template: TEMPLATE, policyPack: 'none' }, LIST);
    const sent = await t.api('POST', `/campaigns/${id}/send`, {}, as(k.maker));
    assert.equal(sent.status, 409, JSON.stringify(sent.body));
    assert.equal(sent.body.code, 'TODOKU_E_APPROVAL_REQUIRED');
    assert.match(sent.body.title, /承認が必要/);
    assert.match(sent.body.title_en, /needs approval/);
    const scheduled = await t.api('POST', `/campaigns/${id}/send`, { scheduledAt: new Date(Date.now() + 3_600_000).toISOString() }, as(k.maker));
    assert.equal(scheduled.body.code, 'TODOKU_E_APPROVAL_REQUIRED', 'a schedule too');
    assert.equal((await t.api('GET', `/campaigns/${id}`)).body.status, 'draft');

    // An approver asks, then tries to approve their own request.
    const own = await t.api('POST', `/campaigns/${id}/approval-requests`, { note: '自分で承認できるか' }, as(k.checker));
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal(own.body.own, true);
    const approved = await t.api('POST', `/approval-requests/${own.body.id}/approve`, {}, as(k.checker));
    assert.equal(approved.status, 403, JSON.stringify(approved.body));
    assert.equal(approved.body.code, 'TODOKU_E_APPROVAL_OWN');
    // An operator may not approve at all.
    const byOperator = await t.api('POST', `/approval-requests/${own.body.id}/approve`, {}, as(k.maker));
    assert.equal(byOperator.status, 403);
    assert.equal(byOperator.body.code, 'TODOKU_E_FORBIDDEN');
    assert.equal((await t.api('GET', `/approval-requests/${own.body.id}`)).body.request.status, 'pending');
  });

  test('approval by another person starts exactly the send that was requested, with ledger entries and audit rows', async () => {
    const { id } = await campaignWithList(t, { name: 'approved', template: TEMPLATE, policyPack: 'none' }, LIST);
    const at = new Date(Date.now() + 2 * 3_600_000);
    at.setMilliseconds(0);
    const asked = await t.api('POST', `/campaigns/${id}/approval-requests`, { scheduledAt: at.toISOString(), note: '12月分の督促です' }, as(k.maker));
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    assert.equal(asked.body.status, 'pending');
    assert.equal(asked.body.kind, 'schedule');
    assert.equal(asked.body.recipients, 3);
    assert.equal(asked.body.requestedBy.name, 'maker');

    const pending = await t.api('GET', '/approval-requests?status=pending', undefined, as(k.checker));
    assert.ok(pending.body.requests.some((r: any) => r.id === asked.body.id && r.own === false));
    assert.ok(pending.body.pending >= 1);

    // Sending another way (now instead of the requested time) is still refused while the request waits.
    assert.equal((await t.api('POST', `/campaigns/${id}/send`, {}, as(k.maker))).body.code, 'TODOKU_E_APPROVAL_REQUIRED');

    const decided = await t.api('POST', `/approval-requests/${asked.body.id}/approve`, { comment: '確認しました' }, as(k.checker));
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.request.status, 'approved');
    assert.equal(decided.body.request.comment, '確認しました');
    assert.equal(decided.body.request.decidedBy.name, 'checker');
    assert.ok(decided.body.request.sentAt, 'the approval started the schedule');
    assert.equal(decided.body.send.started, true);
    assert.equal(decided.body.send.campaign.status, 'scheduled', 'scheduled, as requested, not sent now');
    assert.equal(decided.body.send.campaign.scheduledAt, at.toISOString());
    assert.equal(decided.body.send.queued, 3);

    const entries = await ledger(t, id);
    const requested = entries.find((e) => e.kind === 'approval.requested')!;
    assert.equal(requested.data.request, asked.body.id);
    assert.equal(requested.data.by, null, 'a program asked: no person');
    assert.equal(requested.data.key, k.makerId);
    assert.equal(requested.data.recipients, 3);
    assert.match(requested.data.content, /^[0-9a-f]{64}$/);
    const approvedEntry = entries.find((e) => e.kind === 'approval.approved')!;
    assert.equal(approvedEntry.data.request, asked.body.id);
    assert.match(approvedEntry.data.comment, /^[0-9a-f]{64}$/, 'the comment as a commitment, not in clear');
    assert.doesNotMatch(JSON.stringify(entries), /確認しました|12月分/);
    const confirmed = entries.find((e) => e.kind === 'send.confirmed');
    assert.equal(confirmed?.data.approval, asked.body.id, 'the send names its approval');

    assert.ok((await audit(t, 'campaign.approval.request')).some((e) => e.target === `campaign:${id}` && e.actor.startsWith('apikey:') && e.actor.endsWith(':maker')));
    const approval = (await audit(t, 'campaign.approval.approve')).find((e) => e.target === `campaign:${id}`)!;
    assert.match(approval.actor, /:checker$/);
    assert.match(approval.sentence.ja, /送信を承認/);
    assert.equal((await audit(t, 'campaign.send')).find((e) => e.target === `campaign:${id}`)!.details.approval, asked.body.id);

    // Approved twice? The request is no longer pending.
    const again = await t.api('POST', `/approval-requests/${asked.body.id}/approve`, {}, as(k.checker));
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'TODOKU_E_APPROVAL_STATE');
  });

  test('a send now, once approved, goes out to the list and to no one else', async () => {
    const { id } = await campaignWithList(t, { name: 'approved-now', template: TEMPLATE, policyPack: 'none' }, LIST);
    const asked = await t.api('POST', `/campaigns/${id}/approval-requests`, {}, as(k.maker));
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    const decided = await t.api('POST', `/approval-requests/${asked.body.id}/approve`, {}, as(t.key));
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.send.started, true, 'an administrator may approve too');
    const messages = await until('the approved campaign submitted', async () => {
      const r = await t.api('GET', `/campaigns/${id}/messages`);
      const list = r.body.messages as { to: string; state: string }[];
      return list.length === 3 && list.every((m) => m.state === 'submitted' || m.state === 'delivered') ? list : undefined;
    });
    assert.deepEqual(messages.map((m) => m.to).sort(), ['+819011110001', '+819011110002', '+819011110003']);
  });

  test('a change to the list after approval makes it stale, and sending says so', async () => {
    const { id } = await campaignWithList(t, { name: 'stale', template: TEMPLATE, policyPack: 'none' }, LIST);
    const asked = await t.api('POST', `/campaigns/${id}/approval-requests`, {}, as(k.maker));
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    // A row corrected while the request waits: it no longer shows what the approver would approve.
    const list = await t.api('GET', `/campaigns/${id}/recipients?limit=10`, undefined, as(k.maker));
    const row = list.body.recipients[0];
    const edited = await t.api('PATCH', `/campaigns/${id}/recipients/${row.id}`, { fields: { amount: '13000' } }, as(k.maker));
    assert.equal(edited.status, 200, JSON.stringify(edited.body));

    const shown = await t.api('GET', `/campaigns/${id}/approval`, undefined, as(k.maker));
    assert.equal(shown.body.approvalRequired, true);
    assert.equal(shown.body.latest.status, 'stale');
    assert.equal(shown.body.latest.applies, false);
    const decided = await t.api('POST', `/approval-requests/${asked.body.id}/approve`, {}, as(k.checker));
    assert.equal(decided.status, 409, JSON.stringify(decided.body));
    assert.equal(decided.body.code, 'TODOKU_E_APPROVAL_STATE');
    const sent = await t.api('POST', `/campaigns/${id}/send`, {}, as(k.maker));
    assert.equal(sent.body.code, 'TODOKU_E_APPROVAL_REQUIRED');
    assert.match(sent.body.title, /無効/);
    assert.ok((await audit(t, 'campaign.approval.stale')).some((e) => e.target === `campaign:${id}`));
  });

  test('an approval the send could not use turns stale when the list changes before it is sent', async () => {
    const { id } = await campaignWithList(t, { name: 'stale-approved', template: TEMPLATE, policyPack: 'none' }, LIST);
    const asked = await t.api('POST', `/campaigns/${id}/approval-requests`, {}, as(k.maker));
    // The approved request is stored as approved but unused, as after a send that failed to start.
    await t.app.store.approvals.decide(asked.body.id, { status: 'approved', decider: { kind: 'apikey', id: 999 }, actor: 'apikey:999:other', comment: null });
    const list = await t.api('GET', `/campaigns/${id}/recipients?limit=10`, undefined, as(k.maker));
    const removed = await t.api('DELETE', `/campaigns/${id}/recipients/${list.body.recipients[2].id}`, undefined, as(k.maker));
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    const sent = await t.api('POST', `/campaigns/${id}/send`, {}, as(k.maker));
    assert.equal(sent.status, 409, JSON.stringify(sent.body));
    assert.equal(sent.body.code, 'TODOKU_E_APPROVAL_STALE');
    assert.match(sent.body.title, /宛先リスト/);
    assert.equal((await t.api('GET', `/approval-requests/${asked.body.id}`)).body.request.status, 'stale');
    assert.equal((await t.api('GET', `/campaigns/${id}`)).body.status, 'draft', 'nothing was sent');
  });

  test('a rejection needs a comment, and the requester sees it', async () => {
    const { id } = await campaignWithList(t, { name: 'rejected', template: TEMPLATE, policyPack: 'none' }, LIST);
    const asked = await t.api('POST', `/campaigns/${id}/approval-requests`, { note: '確認お願いします' }, as(k.maker));
    const bare = await t.api('POST', `/approval-requests/${asked.body.id}/reject`, {}, as(k.checker));
    assert.equal(bare.status, 400, JSON.stringify(bare.body));
    const rejected = await t.api('POST', `/approval-requests/${asked.body.id}/reject`, { comment: '金額の列を確認してください' }, as(k.checker));
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.equal(rejected.body.send, null);
    const seen = await t.api('GET', `/campaigns/${id}/approval`, undefined, as(k.maker));
    assert.equal(seen.body.latest.status, 'rejected');
    assert.equal(seen.body.latest.comment, '金額の列を確認してください');
    assert.equal(seen.body.latest.note, '確認お願いします');
    assert.equal((await t.api('GET', `/campaigns/${id}`)).body.status, 'draft');
    assert.ok((await ledger(t, id)).some((e) => e.kind === 'approval.rejected' && e.data.request === asked.body.id));
    assert.ok((await audit(t, 'campaign.approval.reject')).some((e) => e.target === `campaign:${id}`));
  });

  test('a test send goes only to the listed test numbers, on a draft, and is not counted in the figures', async () => {
    const { id } = await campaignWithList(t, { name: 'test-send', template: TEMPLATE, policyPack: 'none' }, LIST);
    const refused = await t.api('POST', `/campaigns/${id}/test-send`, { numbers: ['090-9999-0001', '090-1111-0002'] }, as(k.maker));
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.code, 'TODOKU_E_TEST_NUMBER');
    assert.match(refused.body.title, /\+819011110002/);

    await t.api('DELETE', '/simulator/received');
    const sent = await t.api('POST', `/campaigns/${id}/test-send`, { numbers: ['+81 90 9999 0002'], line: 3 }, as(k.maker));
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.equal(sent.body.line, 3);
    assert.match(sent.body.text, /佐藤 花子様 ご請求額¥8,000/);
    assert.deepEqual(sent.body.messages.map((m: any) => m.to), ['+819099990002']);

    const received = await until('the test SMS at the test phone', async () => {
      const r = await t.api('GET', '/simulator/received');
      return r.body.total >= 1 ? r.body.received : undefined;
    });
    assert.deepEqual(received.map((m: any) => m.to), ['+819099990002'], 'to the test number only');
    assert.match(received[0].text, /佐藤 花子様/);

    const c = await t.api('GET', `/campaigns/${id}`);
    assert.equal(c.body.status, 'draft', 'still a draft');
    assert.deepEqual(c.body.counts, {}, 'no figures');
    const messages = await until('the test message submitted', async () => {
      const r = await t.api('GET', `/campaigns/${id}/messages`);
      return r.body.messages.length === 1 && r.body.messages[0].state !== 'queued' && r.body.messages[0].state !== 'submitting' ? r.body.messages : undefined;
    });
    assert.equal(messages[0].kind, 'test');
    assert.equal(messages[0].to, '+819099990002');
    const funnel = await t.api('GET', `/campaigns/${id}/funnel`);
    assert.equal(funnel.status, 200, JSON.stringify(funnel.body));
    assert.equal(funnel.body.funnel.sent, 0, 'the test send is not in the funnel');
    assert.deepEqual((await t.api('GET', `/campaigns/${id}`)).body.counts, {}, 'nor in the counts once submitted');
    const csv = (await t.api('GET', `/campaigns/${id}/export.csv`)).body as string;
    assert.match(csv, /テスト送信 \(test\)/);
    assert.match(csv, /090-9999-0002/);
    assert.doesNotMatch(csv, /090-1111-0002/, "not the row's number: it did not go there");

    const entries = await ledger(t, id);
    const confirmed = entries.filter((e) => e.kind === 'send.confirmed');
    assert.equal(confirmed.length, 1);
    assert.equal(confirmed[0]!.data.test, true);
    assert.equal(confirmed[0]!.message_id, messages[0].id);
    assert.ok((await audit(t, 'campaign.test_send')).some((e) => e.target === `campaign:${id}` && e.details.numbers === 1));
  });

  test('test numbers are checked as mobile numbers, and only an administrator sets them', async () => {
    const bad = await t.api('PUT', '/organisation/sending', { approvalRequired: true, testNumbers: ['03-1234-5678'] });
    assert.equal(bad.status, 422, JSON.stringify(bad.body));
    assert.equal(bad.body.code, 'TODOKU_E_PHONE_INVALID');
    const operator = await t.api('PUT', '/organisation/sending', { approvalRequired: false, testNumbers: [] }, as(k.maker));
    assert.equal(operator.status, 403);
    assert.deepEqual((await t.api('GET', '/organisation/sending', undefined, as(k.maker))).body, { approvalRequired: true, testNumbers: ['+819099990001', '+819099990002'] });
  });
});
