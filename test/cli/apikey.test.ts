// API keys through the CLI: a key made with `apikey create` works, and after `apikey revoke` it is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

test('a key from apikey create works until apikey revoke, then it is refused', async () => {
  const created = await todokuJson<{ id: number; name: string; role: string; key: string }>(server, ['apikey', 'create', '経理システム連携', '--role', 'admin']);
  assert.equal(created.name, '経理システム連携');
  assert.equal(created.role, 'admin');
  assert.match(created.key, /\S{20,}/);

  const withNewKey = { url: server.url, key: created.key };
  const { keys } = await todokuJson<{ keys: { id: number; name: string; revokedAt: string | null }[] }>(withNewKey, ['apikey', 'list']);
  assert.ok(keys.some((k) => k.id === created.id && k.revokedAt === null));
  assert.ok(!JSON.stringify(keys).includes(created.key), 'the list never shows a key itself');

  const human = await todoku(['apikey', 'create', 'もう一つ', '--server', server.url, '--api-key', server.key]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /今だけ表示されます/);
  assert.match(human.stdout, /権限 operator/, 'operator unless said otherwise');

  await todokuJson(server, ['apikey', 'revoke', String(created.id)]);
  const refused = await todoku(['apikey', 'list', '--server', server.url, '--api-key', created.key]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /APIキーが必要です/);
});
