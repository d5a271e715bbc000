// The CLI as a Unix citizen: `status X | head -1` ends quietly (no EPIPE trace), every message in one
// language (Japanese by default, English with --lang en or an English locale), and times in the
// organisation's zone, named, whatever the machine's TZ.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

const sh = promisify(execFile);
const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/todoku.js');

let server: TestServer;
before(async () => {
  server = await startTestServer();
  const sent = await todoku(['demo', '--count', '2', '--server', server.url, '--api-key', server.key, '--json']);
  assert.equal(sent.code, 0, sent.stderr);
});
after(async () => server?.stop());

async function demoName(): Promise<string> {
  const [c] = (await server.running.store.campaigns.list()) as { name: string }[];
  return c!.name;
}

/** `todoku ARGS | READER` in a shell: what the reader printed and what todoku said on stderr. */
async function piped(args: string[], reader: string, env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout, stderr } = await sh('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" ${quoted} | ${reader}`], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
  return { stdout, stderr };
}

test('todoku status X | head -1 prints the first line and ends quietly; a reader that leaves at once gives no EPIPE trace either', async () => {
  const name = await demoName();
  const args = ['status', name, '--server', server.url, '--api-key', server.key];
  const first = await piped(args, 'head -1');
  assert.match(first.stdout, /^キャンペーン: demo-\d{8}-\d{6}（ID \d+）\s+状態: .+\n$/u);
  assert.equal(first.stderr, '');
  // head -n 0 exits before the CLI has even started: every write meets a closed pipe.
  const gone = await piped(args, 'head -n 0');
  assert.equal(gone.stdout, '');
  assert.equal(gone.stderr, '', 'no EPIPE stack trace');
  const exported = await piped(['export', name, '--server', server.url, '--api-key', server.key], 'head -n 0');
  assert.equal(exported.stderr, '', 'a streamed export meets the closed pipe quietly too');
});

test('times are in the organisation’s zone (JST) and say so, even on a machine in UTC', async () => {
  const name = await demoName();
  const c = await todokuJson<{ sendRequestedAt: string }>(server, ['status', name]);
  const human = await todoku(['status', name, '--server', server.url, '--api-key', server.key], { env: { TZ: 'UTC' } });
  assert.equal(human.code, 0, human.stderr);
  const tokyo = new Date(Date.parse(c.sendRequestedAt) + 9 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
  assert.ok(human.stdout.includes(`送信開始: ${tokyo} JST`), human.stdout);
});

test('help and usage errors speak one language: Japanese by default, English with --lang en or LANG=en_US', async () => {
  const ja = await todoku(['send', '--help']);
  assert.match(ja.stdout, /本文を確認してから送信を開始する\n/u);
  assert.match(ja.stdout, /--template-file <file>\s+本文テンプレートのファイル（UTF-8）\n/u);
  assert.doesNotMatch(ja.stdout, /preview the message|template file|display help/u);

  for (const en of [await todoku(['send', '--help', '--lang', 'en']), await todoku(['send', '--help'], { env: { LANG: 'en_US.UTF-8' } })]) {
    assert.match(en.stdout, /preview the message on real rows, confirm, and start sending\n/u);
    assert.match(en.stdout, /--template-file <file>\s+template file \(UTF-8\)\n/u);
    assert.doesNotMatch(en.stdout, /本文を確認|テンプレートのファイル|送信する/u);
  }

  const badJa = await todoku(['demo', '--count', 'zero']);
  assert.equal(badJa.code, 1);
  assert.match(badJa.stderr, /^エラー: --count <n> の値「zero」は使えません。1以上の整数を指定してください\n/u);
  assert.doesNotMatch(badJa.stderr, /expected|error:/u);
  const badEn = await todoku(['demo', '--count', 'zero', '--lang', 'en']);
  assert.match(badEn.stderr, /^error: option '--count <n>' argument 'zero' is invalid\. expected a positive integer\n/u);
  assert.doesNotMatch(badEn.stderr, /整数/u);
});
