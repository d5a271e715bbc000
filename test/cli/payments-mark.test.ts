// `todoku payments mark CAMPAIGN --line N` as an office runs it: a part payment in cash said in words, the
// rest at the counter (the amount left by default) making the person paid, --json with the entry, a
// further entry refused with what to do, and a line that is not on the list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { todoku, todokuJson } from './harness.ts';

let t: TestApp;
let campaignId: number;
before(async () => {
  t = await startTestApp('sqlite');
  const { id } = await campaignWithList(t, { name: '授業料 窓口', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, ['氏名,電話番号,金額', '山田 太郎,090-3300-0001,35000', '鈴木 花子,090-3300-0002,8000'].join('\n'));
  campaignId = id;
  await sendCampaign(t, id);
  await until('messages handed over', async () => ((await t.api('GET', `/campaigns/${id}/messages`)).body.messages as { state: string }[]).every((m) => m.state !== 'queued'));
});
after(async () => t.stop());

const server = () => ({ url: t.url, key: t.key });
const cli = (args: string[]) => todoku([...args, '--server', t.url, '--api-key', t.key]);

test('payments mark: a part payment, then the rest at the counter; the person is paid and the export says how', async () => {
  const part = await cli(['payments', 'mark', '授業料 窓口', '--line', '2', '--amount', '10,000', '--method', 'cash', '--date', '2026-01-05', '--note', '一部のみ']);
  assert.equal(part.code, 0, part.stderr);
  assert.match(part.stdout, /2 行目（メッセージ #\d+）に ¥10,000 を現金として記録しました: 一部入金（残り ¥25,000）/);

  const rest = await todokuJson<{ state: string; balance: string; mark: { amount: number; method: string } }>(server(), ['payments', 'mark', '授業料 窓口', '--line', '2']);
  assert.deepEqual([rest.state, rest.balance, rest.mark.amount, rest.mark.method], ['paid', 'exact', 25_000, 'counter']);

  const more = await cli(['payments', 'mark', '授業料 窓口', '--line', '2', '--amount', '500']);
  assert.notEqual(more.code, 0);
  assert.match(more.stderr, /支払済みです.*過入金/);

  const csv = String((await t.api('GET', `/campaigns/${campaignId}/export.csv`)).body);
  assert.match(csv, /山田 太郎.*支払済み（窓口入金） \(paid; operator\),35000,/);
});

test('payments mark: a line not on the list, and a method that is not one, are refused', async () => {
  const missing = await cli(['payments', 'mark', '授業料 窓口', '--line', '99']);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /99 行目の人へのメッセージが見つかりません/);
  const method = await cli(['payments', 'mark', '授業料 窓口', '--line', '3', '--method', 'bitcoin']);
  assert.notEqual(method.code, 0);
  assert.match(method.stderr, /入金方法は counter, cash, transfer, other/);
});
