// `todoku demo`: a newcomer's first campaign on the built-in simulator, whose links open a working
// page (identity check by the demo row's birth date, the notice, a survey); refused on a server
// without a simulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';

let server: TestServer;
let webOnly: TestServer;
before(async () => {
  server = await startTestServer();
  webOnly = await startTestServer({ TODOKU_SIMULATOR: 'off', TODOKU_DISPATCHER: 'off' });
});
after(async () => {
  await server?.stop();
  await webOnly?.stop();
});

test('demo imports fictional people, sends, waits for delivery and shows what the simulator received', async () => {
  const result = await todokuJson<{ campaign: { name: string; counts: Record<string, number> }; import: { accepted: number }; received: { to: string; text: string }[] }>(server, ['demo', '--count', '3']);
  assert.match(result.campaign.name, /^demo-\d{8}-\d{6}$/);
  assert.equal(result.import.accepted, 3);
  assert.deepEqual(result.campaign.counts, { delivered: 3 });
  assert.deepEqual(result.received.map((m) => m.to).sort(), ['+819010000001', '+819010000002', '+819010000003']);
  for (const m of result.received) assert.match(m.text, /^.+様 未払いの¥[\d,]+について、\d{4}年\d{1,2}月\d{1,2}日までにお支払いください。詳細: http/);

  const human = await todoku(['demo', '--count', '2', '--server', server.url, '--api-key', server.key]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /シミュレータが受け取ったSMS/);
  assert.match(human.stdout, /\+819010000002/);
  assert.match(human.stdout, /受信者ページを設定しました/u);
  assert.match(human.stdout, /リンクを開いてみてください: http\S+\/l\/\w+ {2}本人確認の生年月日: \d{4}-\d{2}-\d{2}/u);
});

test("a demo link opens a page that asks the birth date; the demo row's birth date opens the notice and the survey", async () => {
  const result = await todokuJson<{ tryIt: { url: string; to: string; birthDate: string }; received: { to: string; text: string }[] }>(server, ['demo', '--count', '3']);
  const { url, birthDate, to } = result.tryIt;
  assert.ok(result.received.some((m) => m.to === to && m.text.includes(url)), 'the link is the one that person received');
  const path = new URL(url).pathname;
  const phone = new Visitor(server.url);
  const check = await phone.get(path);
  assert.equal(check.status, 200);
  assert.doesNotMatch(textOf(check.html), /ただいま表示できません/u);
  assert.match(textOf(check.html), /生年月日/u);
  assert.doesNotMatch(textOf(check.html), /お支払いのお願い（デモ）/u, 'the notice waits for the identity check');

  const wrong = await phone.post(`${path}/verify`, check, { answer: '1900-01-01' });
  assert.notEqual(wrong.status, 303, 'a wrong birth date does not open the page');
  assert.doesNotMatch(textOf((await phone.get(path)).html), /お支払いのお願い（デモ）/u);
  await phone.post(`${path}/verify`, await phone.get(path), { answer: birthDate });
  const page = textOf((await phone.get(path)).html);
  assert.match(page, /お支払いのお願い（デモ）/u);
  assert.match(page, /ご請求金額 ¥[\d,]+ のお支払い期限は \d{4}年\d{1,2}月\d{1,2}日/u);
  assert.match(page, /お支払いの予定を教えてください/u);
});

test('demo refuses on a server that does not run the simulator, and creates nothing', async () => {
  const result = await todoku(['demo', '--server', webOnly.url, '--api-key', webOnly.key]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /シミュレータ/);
  assert.deepEqual(await webOnly.running.store.campaigns.list(), []);
});
