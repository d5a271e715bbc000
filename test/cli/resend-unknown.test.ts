// `todoku resend-unknown CAMPAIGN [--yes]`: without a terminal it re-sends nothing unless --yes accepts the
// duplicate risk; with --yes each 送達不明 message goes out again as a new message, once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';
import { until } from '../support/wait.ts';

let server: TestServer;
before(async () => {
  // Receipts an hour away: the messages stay submitted until the test ends them.
  server = await startTestServer({ TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '3600000' });
});
after(async () => {
  await server?.stop();
});

test('resend-unknown asks for --yes off a terminal, then re-sends each unknown message once', { timeout: 60_000 }, async () => {
  const file = join(server.dir, 'unknown.csv');
  writeFileSync(file, '氏名,電話番号\r\n山田 太郎,090-3333-0001\r\n佐藤 花子,090-3333-0002\r\n');
  await todokuJson(server, ['import', file, '--campaign', '送達不明テスト']);
  await todokuJson(server, ['send', '送達不明テスト', '--template', '{{name}}様 ご連絡です', '--yes']);
  const store = server.running.store;
  const campaign = (await store.campaigns.list()).find((c) => c.name === '送達不明テスト')!;
  await until('both submitted', async () => ((await store.messages.countsByState(campaign.id)).submitted === 2 ? true : undefined));
  // As if the validity had passed with no receipt.
  await store.messages.expireUnreceipted({ byRoute: new Map(), fallback: { validityMs: 0, resendUnconfirmed: false }, graceMs: 0 }, 0);
  const atSmsc = server.running.simulator!.received().length;

  const refused = await todoku(['resend-unknown', '送達不明テスト', '--server', server.url, '--api-key', server.key]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /--yes/);

  const done = await todokuJson<{ resent: number }>(server, ['resend-unknown', '送達不明テスト', '--yes']);
  assert.equal(done.resent, 2);
  await until('both re-sent at the SMSC', async () => (server.running.simulator!.received().length === atSmsc + 2 ? true : undefined));
  const again = await todokuJson<{ resent: number }>(server, ['resend-unknown', '送達不明テスト', '--yes']);
  assert.equal(again.resent, 0, 'the unknown ones stay in the history, re-sent once');
  assert.deepEqual(await store.messages.countsByState(campaign.id), { unknown: 2, submitted: 2 });
});
