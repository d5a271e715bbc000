// What people see when something is wrong: a refused API key, a server that is not running, a
// template that cannot be filled for some rows (nothing is sent, the lines are named), no --yes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closedPort, startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

test('a wrong API key exits 1 with the message in one language: Japanese by default, English with --lang en or an English LANG', async () => {
  const result = await todoku(['status', 'anything', '--server', server.url, '--api-key', 'tdk_wrong']);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /APIキーが必要です/);
  assert.doesNotMatch(result.stderr, /a valid API key is required/);
  assert.equal(result.stdout, '');
  for (const english of [
    await todoku(['status', 'anything', '--lang', 'en', '--server', server.url, '--api-key', 'tdk_wrong']),
    await todoku(['status', 'anything', '--server', server.url, '--api-key', 'tdk_wrong'], { env: { LANG: 'en_US.UTF-8' } }),
  ]) {
    assert.equal(english.code, 1);
    assert.match(english.stderr, /a valid API key is required/);
    assert.doesNotMatch(english.stderr, /[\u3040-\u30ff\u4e00-\u9fff]/u, 'no Japanese in an English answer');
  }
  const forcedJa = await todoku(['status', 'anything', '--lang', 'ja', '--server', server.url, '--api-key', 'tdk_wrong'], { env: { LANG: 'en_US.UTF-8' } });
  assert.match(forcedJa.stderr, /APIキーが必要です/, '--lang wins over the locale');

  const json = await todoku(['status', 'anything', '--server', server.url, '--api-key', 'tdk_wrong', '--json']);
  assert.equal(json.code, 1);
  assert.equal((JSON.parse(json.stdout) as { error: { code: string } }).error.code, 'TODOKU_E_UNAUTHORIZED');
});

test('a server that is not running exits 2 and says to start it with npm start', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  const result = await todoku(['status', 'anything', '--server', url, '--api-key', 'tdk_any']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /サーバーに接続できません/);
  assert.match(result.stderr, /npm start/);
});

test('without any API key on a fresh machine, a stopped server is still reported as not running', async () => {
  const url = `http://127.0.0.1:${await closedPort()}`;
  // server.dir has no ./data/dev-api-key under it: no key at all.
  const result = await todoku(['status', 'anything', '--server', url], { cwd: server.dir });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /npm start/);
});

test('the API key the server wrote to its data directory is used when none is given', async () => {
  const result = await todoku(['apikey', 'list', '--server', server.url, '--json'], { env: { TODOKU_DATA_DIR: server.dir } });
  assert.equal(result.code, 0, result.stderr);
  const { keys } = JSON.parse(result.stdout) as { keys: { name: string }[] };
  assert.ok(keys.some((k) => k.name === 'development'));
});

test('with no key anywhere, the message says where a key comes from', async () => {
  const result = await todoku(['apikey', 'list', '--server', server.url], { cwd: server.dir });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /APIキーがありません/);
  assert.match(result.stderr, /TODOKU_API_KEY/);
});

test('a template using a column the list lacks exits 1 naming the lines, and sends nothing', async () => {
  const file = join(server.dir, 'no-branch.csv');
  writeFileSync(file, '氏名,電話番号,金額\r\n山田 太郎,090-1111-2222,1000\r\n佐藤 花子,090-3333-4444,\r\n鈴木 一郎,080-5555-6666,3000\r\n');
  await todokuJson(server, ['import', file, '--campaign', 'missing-column']);

  const result = await todoku(['send', 'missing-column', '--template', '{{name}}様 {{amount|yen}} {{branch}}支店', '--yes', '--server', server.url, '--api-key', server.key, '--json']);
  assert.equal(result.code, 1);
  const { error } = JSON.parse(result.stdout) as { error: { code: string; details: { rowsWithIssues: number; issues: { line: number; field: string; reason: string }[] } } };
  assert.equal(error.code, 'TODOKU_E_TEMPLATE_ROWS');
  assert.equal(error.details.rowsWithIssues, 3);
  assert.deepEqual(
    error.details.issues.map((i) => `${i.line}:${i.field}:${i.reason}`).sort(),
    ['2:branch:missing', '3:amount:empty', '3:branch:missing', '4:branch:missing'],
  );
  assert.match(result.stderr, /3行で本文を作れない/);
  // Once per column with its count and lines, by the CSV's own header (金額, never `amount`).
  assert.match(result.stderr, /「金額」が空欄です: 1行（3行目）/);
  assert.match(result.stderr, /差込項目 \{\{branch\}\} に当たる列が宛先リストにありません（ある列: 氏名、電話番号、金額）: 3行（2、3、4行目）/);
  assert.doesNotMatch(result.stderr, /amount/);

  const status = await todokuJson<{ status: string; counts: Record<string, number> }>(server, ['status', 'missing-column']);
  assert.equal(status.status, 'draft');
  assert.deepEqual(status.counts, {});
});

test('send without a terminal and without --yes refuses with a clear message', async () => {
  const file = join(server.dir, 'ok.csv');
  writeFileSync(file, 'name,phone\r\nA,090-1111-2222\r\n');
  await todokuJson(server, ['import', file, '--campaign', 'needs-yes']);
  const result = await todoku(['send', 'needs-yes', '--template', '{{name}}様', '--server', server.url, '--api-key', server.key]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /--yes/);
  assert.match(result.stdout, /宛先: 1人/, 'the preview is still shown');
});

test('global options may come before the command', async () => {
  const result = await todoku(['--json', '--server', server.url, '--api-key', server.key, '--lang', 'en', 'status', 'no-such-campaign']);
  assert.equal(result.code, 1);
  assert.match(result.stderr.split('\n')[0]!, /campaign "no-such-campaign" not found/);
  assert.equal((JSON.parse(result.stdout) as { error: { code: string } }).error.code, 'TODOKU_E_NOT_FOUND');
});

test('an unknown campaign exits 1 with the name in the message', async () => {
  const result = await todoku(['status', 'no-such-campaign', '--server', server.url, '--api-key', server.key]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /キャンペーン「no-such-campaign」/);
});
