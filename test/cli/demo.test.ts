// `todoku demo`: a newcomer's first campaign on the built-in simulator; refused on a server without one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

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
});

test('demo refuses on a server that does not run the simulator, and creates nothing', async () => {
  const result = await todoku(['demo', '--server', webOnly.url, '--api-key', webOnly.key]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /シミュレータ/);
  assert.deepEqual(await webOnly.running.store.campaigns.list(), []);
});
