// pause / resume / cancel through the CLI: a draft can be cancelled, and a cancelled campaign can be
// neither paused nor sent (exit 1 with the server's reason).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

test('a cancelled draft cannot be paused or sent', async () => {
  const file = join(server.dir, 'list.csv');
  writeFileSync(file, '氏名,電話番号\r\n山田 太郎,090-1111-2222\r\n');
  await todokuJson(server, ['import', file, '--campaign', '取消テスト']);

  const cancelled = await todokuJson<{ campaign: { status: string }; cancelled: number }>(server, ['cancel', '取消テスト']);
  assert.equal(cancelled.campaign.status, 'cancelled');

  const paused = await todoku(['pause', '取消テスト', '--server', server.url, '--api-key', server.key]);
  assert.equal(paused.code, 1);
  assert.match(paused.stderr, /できません/);

  const sent = await todoku(['send', '取消テスト', '--template', '{{name}}様', '--yes', '--server', server.url, '--api-key', server.key]);
  assert.equal(sent.code, 1);
  assert.match(sent.stderr, /取消済み/);
});
