// GET /api/v1/simulator/received shows what reached the phones: a viewer key sees masked numbers and no
// texts, as in the message views; operators see them whole.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

const LIST = ['氏名,電話番号', '山田 太郎,090-4444-0001', '鈴木 花子,080-5555-0002'].join('\n');

let t: TestApp;
let viewer: string;
before(async () => {
  t = await startTestApp('sqlite');
  const { id } = await campaignWithList(t, { name: 'sim', template: '{{name}}様 授業料のご案内です', policyPack: 'none' }, LIST);
  await sendCampaign(t, id);
  await until('both SMS at the simulator', async () => ((await t.api('GET', '/simulator/received')).body.total === 2 ? true : undefined));
  viewer = (await t.api('POST', '/api-keys', { name: '閲覧のみ', role: 'viewer' })).body.key as string;
});
after(async () => t.stop());

test('an operator key sees the full numbers and texts', async () => {
  const r = await t.api('GET', '/simulator/received');
  assert.equal(r.status, 200);
  const tos = r.body.received.map((m: { to: string }) => m.to).sort();
  assert.deepEqual(tos, ['+818055550002', '+819044440001']);
  assert.ok(r.body.received.some((m: { text: string }) => m.text === '山田 太郎様 授業料のご案内です'));
});

test('a viewer key sees masked numbers and no texts', async () => {
  const r = await t.api('GET', '/simulator/received', undefined, { key: viewer });
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 2);
  const tos = r.body.received.map((m: { to: string }) => m.to).sort();
  assert.deepEqual(tos, ['080-****-0002', '090-****-0001']);
  for (const m of r.body.received) assert.equal(m.text, null);
  assert.doesNotMatch(JSON.stringify(r.body), /山田|鈴木|4444|5555|授業料/u);
});
