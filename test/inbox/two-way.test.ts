// Two-way SMS end to end through the running app (web API, dispatcher, real SMPP to the in-process SMSC
// simulator, SQLite): a campaign is delivered; one recipient answers 「停止」 (and later STOP again), is
// put on the suppression list and gets exactly one confirmation; a later campaign reports that number's
// line as suppressed and a campaign imported before the opt-out does not send to it; another answers
// 「来週払います」, which shows in the inbox as an unread promise with a date, and the operator's answer
// reaches the simulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

const HANAKO = '+819012345678';
const TARO = '+818023456789';
const JIRO = '+817034567890';
const CONFIRMATION = /^配信を停止しました。今後このお知らせはお送りしません。【.+】$/u;

const csv = (...rows: string[]) => ['氏名,電話番号,金額', ...rows].join('\r\n');

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(async () => t.stop());

function receivedBy(phone: string) {
  const digits = phone.replace('+', '');
  return t.app.simulator!.received().filter((m) => m.to.replace('+', '') === digits);
}

async function campaign(name: string, list: string) {
  return campaignWithList(t, { name, template: '{{name}}様 {{amount|yen}}のお支払いをお願いします。〇〇大学' }, list);
}

const send = (id: number) => sendCampaign(t, id);

async function conversationOf(phone: string, masked: string) {
  const inbox = await t.api('GET', '/inbox');
  return (inbox.body.conversations as any[]).find((c) => c.phone === masked) ?? assert.fail(`no conversation for ${phone}`);
}

test('an opt-out by reply suppresses the number, is confirmed once, and keeps it out of later campaigns', async () => {
  const settings = await t.api('PUT', '/simulator/settings', { moScript: { [HANAKO]: ['停止', 'STOP'], [TARO]: ['来週払います'] }, moDelayMs: 20 });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  // Imported before anyone opted out; sent only afterwards.
  const early = await campaign('12月督促（先行）', csv('佐藤 花子,090-1234-5678,3000', '鈴木 次郎,070-3456-7890,4000'));

  const november = await campaign('11月督促', csv('佐藤 花子,090-1234-5678,12000', '山田 太郎,080-2345-6789,8000', '鈴木 次郎,070-3456-7890,5000'));
  await send(november.id);

  const suppressions = await until('Hanako on the suppression list', async () => {
    const r = await t.api('GET', '/suppressions');
    return r.body.total === 1 && r.body;
  });
  assert.equal(suppressions.suppressions[0].phone, '090-****-5678');
  assert.equal(suppressions.suppressions[0].source, 'reply');
  assert.equal(suppressions.suppressions[0].reason, 'opt_out');

  await until('the confirmation at the simulator', async () => receivedBy(HANAKO).some((m) => CONFIRMATION.test(m.text)));
  // The simulator answers the confirmation with STOP: stored, and no second confirmation.
  const hanako = await until('both of her replies stored', async () => {
    const c = await conversationOf(HANAKO, '090-****-5678');
    return c.replies === 2 && c;
  });
  assert.equal(hanako.suppressed, true);
  assert.equal(hanako.intent, 'opt_out');
  const timeline = (await t.api('GET', `/inbox/${hanako.id}`)).body.timeline as any[];
  assert.deepEqual(
    timeline.map((i) => (i.direction === 'in' ? `in:${i.text}:${i.intent}` : `out:${i.kind}`)),
    ['out:campaign', 'in:停止:opt_out', 'out:confirmation', 'in:STOP:opt_out'],
  );
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(receivedBy(HANAKO).filter((m) => CONFIRMATION.test(m.text)).length, 1, 'exactly one confirmation');

  // A later list with her number: its line is reported, she is not imported.
  const december = await campaign('12月督促', csv('山田 太郎,080-2345-6789,8000', '佐藤 花子,090-1234-5678,12000', '鈴木 次郎,070-3456-7890,5000'));
  assert.equal(december.imported.accepted, 2);
  assert.equal(december.imported.byReason.suppressed, 1);
  const report = await t.api('GET', `/campaigns/${december.id}/rejections.csv`);
  assert.match(report.body, /\r\n3,suppressed,/u);

  // The campaign imported before she opted out: her message fails with a reason, the others go out.
  const before = receivedBy(HANAKO).length;
  await send(early.id);
  const failed = await until('her message refused', async () => {
    const r = await t.api('GET', `/campaigns/${early.id}/messages?state=failed`);
    return r.body.messages?.length === 1 && r.body.messages[0];
  });
  assert.equal(failed.errorCode, 'TODOKU_E_SUPPRESSED');
  assert.match(failed.errorReason, /配信停止リスト/u);
  await until("Jiro's message of that campaign delivered", async () => receivedBy(JIRO).length === 2);
  assert.equal(receivedBy(HANAKO).length, before, 'nothing more reached her');
});

test('「来週払います」 shows as an unread promise with a date, and the operator’s answer reaches the phone', async () => {
  const taro = await until("Taro's reply in the inbox", async () => {
    const r = await t.api('GET', '/inbox?intent=promise&unread=1');
    return (r.body.conversations as any[]).find((c) => c.phone === '080-****-6789');
  });
  assert.equal(taro.unread, 1);
  assert.equal(taro.campaign.name, '11月督促');
  assert.match(taro.promisedDate, /^\d{4}-\d{2}-\d{2}$/u);
  assert.ok(taro.promisedDate > new Date().toISOString().slice(0, 10), 'next week is later than today');
  assert.equal(taro.lastMessage.text, '来週払います');

  const detail = (await t.api('GET', `/inbox/${taro.id}`)).body;
  const reply = detail.timeline.find((i: any) => i.direction === 'in');
  assert.deepEqual([reply.tag.rule, reply.tag.intent, reply.tag.matched], ['promise.will_pay', 'promise', '払います']);
  assert.ok(reply.tag.description.ja.length > 0);

  const answer = 'ご連絡ありがとうございます。お支払いをお待ちしております。〇〇大学';
  const queued = await t.api('POST', `/inbox/${taro.id}/reply`, { text: answer });
  assert.equal(queued.status, 202, JSON.stringify(queued.body));
  await until('the answer at the simulator', async () => receivedBy(TARO).some((m) => m.text === answer));
  const after = (await t.api('GET', `/inbox/${taro.id}`)).body;
  assert.equal(after.unread, 0, 'answering reads the conversation');
  const sent = after.timeline.at(-1);
  assert.deepEqual([sent.direction, sent.kind, sent.text], ['out', 'reply', answer]);
  await until('the answer delivered', async () => (await t.api('GET', `/inbox/${taro.id}`)).body.timeline.at(-1).state === 'delivered');

  // A viewer sees the conversation (who, when, intent) but neither texts nor a way to answer.
  const viewer = (await t.api('POST', '/api-keys', { name: '閲覧のみ', role: 'viewer' })).body.key as string;
  const seen = (await t.api('GET', '/inbox?intent=promise', undefined, { key: viewer })).body.conversations[0];
  assert.deepEqual([seen.phone, seen.intent, seen.lastMessage.text], ['080-****-6789', 'promise', null]);
  const seenDetail = (await t.api('GET', `/inbox/${taro.id}`, undefined, { key: viewer })).body;
  assert.ok(seenDetail.timeline.every((i: any) => i.text === null));
  assert.equal((await t.api('POST', `/inbox/${taro.id}/reply`, { text: 'はい' }, { key: viewer })).status, 403);

  const refused = await t.api('POST', `/inbox/${(await conversationOf(HANAKO, '090-****-5678')).id}/reply`, { text: 'お待ちしております' });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.code, 'TODOKU_E_SUPPRESSED');
});

test('an operator corrects an intent; the rule’s reading stays beside it, and the change is audited', async () => {
  const taro = await conversationOf(TARO, '080-****-6789');
  const reply = (await t.api('GET', `/inbox/${taro.id}`)).body.timeline.find((i: any) => i.direction === 'in');
  const corrected = await t.api('PATCH', `/inbound/${reply.id}`, { intent: 'promise', promisedDate: '2030-01-31' });
  assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
  assert.equal(corrected.body.promisedDate, '2030-01-31');
  assert.equal(corrected.body.tag.rule, 'promise.will_pay');
  assert.equal(corrected.body.correction.intent, 'promise');
  const bad = await t.api('PATCH', `/inbound/${reply.id}`, { intent: 'paid', promisedDate: '2030-02-30' });
  assert.equal(bad.status, 400);
  const audit = await t.api('GET', '/audit');
  assert.ok(JSON.stringify(audit.body).includes('inbound.intent'));

  const rules = await t.api('GET', '/inbox/rules');
  assert.equal(rules.body.rules[0].id, 'opt_out.keyword');
  assert.deepEqual(rules.body.intents.map((i: any) => i.intent), ['paid', 'promise', 'question', 'wrong_person', 'opt_out', 'other']);
});

test('the suppression list through the API: added by number as people write it, masked, removed by number or id', async () => {
  const added = await t.api('POST', '/suppressions', { phone: '０８０－９９９９－１２３４', reason: 'complaint' });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.deepEqual([added.body.phone, added.body.reason, added.body.source, added.body.added], ['080-****-1234', 'complaint', 'operator', true]);
  const again = await t.api('POST', '/suppressions', { phone: '+81 80 9999 1234' });
  assert.deepEqual([again.status, again.body.added, again.body.reason], [200, false, 'complaint']);
  const landline = await t.api('POST', '/suppressions', { phone: '03-1234-5678' });
  assert.equal(landline.status, 422);
  assert.equal(landline.body.code, 'TODOKU_E_PHONE_INVALID');

  const list = await t.api('GET', '/suppressions');
  assert.ok(!JSON.stringify(list.body).includes('9999'), 'numbers masked in the list');
  assert.equal((await t.api('DELETE', '/suppressions', { phone: '080-9999-1234' })).status, 204);
  assert.equal((await t.api('DELETE', '/suppressions', { phone: '080-9999-1234' })).status, 404);
  const readded = await t.api('POST', '/suppressions', { phone: '080-9999-1234' });
  assert.equal((await t.api('DELETE', `/suppressions/${readded.body.id}`)).status, 204);

  const actions = JSON.stringify((await t.api('GET', '/audit')).body);
  assert.ok(actions.includes('suppression.add') && actions.includes('suppression.remove'));
  assert.ok(!actions.includes('9999'), 'no number in the audit log');
  const openapi = await t.api('GET', '/api/v1/openapi.json');
  for (const path of ['/api/v1/inbox', '/api/v1/inbox/{conversationId}', '/api/v1/inbox/{conversationId}/reply', '/api/v1/inbound/{id}', '/api/v1/suppressions']) {
    assert.ok(openapi.body.paths[path], `${path} documented`);
  }
});
