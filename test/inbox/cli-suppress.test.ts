// `todoku suppress add | list | remove` against a running server: a number added as people write it is
// listed masked, refused by the next import, and can be taken off the list again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, todoku, todokuJson, type TestServer } from '../cli/harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

test('suppress add, list and remove', async () => {
  const added = await todokuJson<{ phone: string; added: boolean; reason: string }>(server, ['suppress', 'add', '090-1234-5678', '--reason', 'complaint']);
  assert.deepEqual([added.phone, added.added, added.reason], ['090-****-5678', true, 'complaint']);

  const human = await todoku(['suppress', 'add', '+81 90 1234 5678', '--server', server.url, '--api-key', server.key]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /既に配信停止リストにあります/u);

  const listed = await todoku(['suppress', 'list', '--server', server.url, '--api-key', server.key]);
  assert.equal(listed.code, 0);
  assert.match(listed.stdout, /090-\*\*\*\*-5678\s+苦情\s+担当者/u);
  assert.match(listed.stdout, /全1件/u);
  assert.ok(!listed.stdout.includes('1234'), 'the number is masked');

  const landline = await todoku(['suppress', 'add', '03-1234-5678', '--server', server.url, '--api-key', server.key]);
  assert.equal(landline.code, 1);
  assert.match(landline.stderr, /電話番号を読み取れません/u);

  await todokuJson(server, ['suppress', 'remove', '09012345678']);
  const { total } = await todokuJson<{ total: number }>(server, ['suppress', 'list']);
  assert.equal(total, 0);
  const again = await todoku(['suppress', 'remove', '09012345678', '--server', server.url, '--api-key', server.key]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /配信停止リストにありません/u);
});
