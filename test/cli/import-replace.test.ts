// Correcting a list from the command line: re-importing the fixed file without --replace accepts
// nothing and exits 1 saying why in one line (and what to add); with --replace it takes the place of
// the whole list; a started campaign refuses --replace; a draft is deleted with `todoku campaign delete`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

const cli = (args: string[], extra: string[] = []) => todoku([...args, '--server', server.url, '--api-key', server.key, ...extra]);
const HEADER = '氏名,電話番号,請求金額';

function cp932File(name: string, lines: string[]): string {
  const file = join(server.dir, name);
  writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'CP932'));
  return file;
}

test('the fixed file re-imported: without --replace nothing is accepted and the exit is 1 with one line; with --replace the list is replaced', async () => {
  const people = Array.from({ length: 30 }, (_, i) => `学生 ${i + 1},090-4444-${String(1000 + i)}`);
  const broken = cp932File('broken.csv', [HEADER, ...people.map((p, i) => `${p},${i === 3 || i === 17 ? '' : 1000 + i}`)]);
  const fixed = cp932File('fixed.csv', [HEADER, ...people.map((p, i) => `${p},${1000 + i}`)]);
  const first = await todokuJson<{ accepted: number }>(server, ['import', broken, '--campaign', '12月督促']);
  assert.equal(first.accepted, 30);

  const again = await cli(['import', fixed, '--campaign', '12月督促']);
  assert.equal(again.code, 1, again.stderr);
  const errorLines = again.stderr.trim().split('\n').filter((l) => /受け付けた行がありません/.test(l));
  assert.equal(errorLines.length, 1, again.stderr);
  assert.match(errorLines[0]!, /30行すべて除外: 重複 30件/);
  assert.match(errorLines[0]!, /--replace を付けてください/);
  const english = await cli(['import', fixed, '--campaign', '12月督促', '--lang', 'en']);
  assert.equal(english.code, 1);
  assert.match(english.stderr, /no row was accepted \(all 30 rejected: duplicate 30\); to replace the list with a corrected file, add --replace/);

  const replaced = await cli(['import', fixed, '--campaign', '12月督促', '--replace']);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.match(replaced.stderr + replaced.stdout, /宛先リストを差し替えました/);
  const json = await todokuJson<{ accepted: number; rejected: number }>(server, ['import', fixed, '--campaign', '12月督促', '--replace']);
  assert.deepEqual([json.accepted, json.rejected], [30, 0]);
  const status = await todokuJson<{ acceptedCount: number; rejectedCount: number }>(server, ['status', '12月督促']);
  assert.deepEqual([status.acceptedCount, status.rejectedCount], [30, 0], 'the old list and its duplicates are gone');

  const preview = await cli(['send', '12月督促', '--template', '{{name}}様 {{amount|yen}}', '--yes']);
  assert.equal(preview.code, 0, preview.stderr);
});

test('a file of landlines only accepts nothing: exit 1, the reason counted in the one line, --json carries the result', async () => {
  const file = cp932File('landlines.csv', [HEADER, '固定 一,03-1111-2222,100', '固定 二,06-3333-4444,100']);
  const r = await cli(['import', file, '--campaign', 'landlines'], ['--json']);
  assert.equal(r.code, 1);
  const { error } = JSON.parse(r.stdout) as { error: { code: string; details: { accepted: number; byReason: Record<string, number> } } };
  assert.equal(error.code, 'TODOKU_CLI_NOTHING_ACCEPTED');
  assert.equal(error.details.byReason.phone_not_mobile, 2);
  const text = await cli(['import', file, '--campaign', 'landlines']);
  assert.match(text.stderr, /受け付けた行がありません（2行すべて除外: 携帯電話番号ではない 2件）。行ごとの理由は --report FILE で保存できます/);
});

test('--replace on a campaign that started sending is refused and its list stays; a draft is deleted with campaign delete', async () => {
  const file = cp932File('sent.csv', [HEADER, '送信 済,090-5555-0001,100']);
  await todokuJson(server, ['import', file, '--campaign', 'already-sent']);
  await todokuJson(server, ['send', 'already-sent', '--template', '{{name}}様', '--yes']);
  const r = await cli(['import', file, '--campaign', 'already-sent', '--replace']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /差し替えは下書きの間だけです/);

  const refused = await cli(['campaign', 'delete', 'already-sent', '--yes']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /削除できるのは下書きだけです/);

  await todokuJson(server, ['import', file, '--campaign', 'draft-to-delete']);
  const noYes = await cli(['campaign', 'delete', 'draft-to-delete']);
  assert.equal(noYes.code, 1, 'not on a terminal: --yes is required');
  const deleted = await cli(['campaign', 'delete', 'draft-to-delete', '--yes']);
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.match(deleted.stderr + deleted.stdout, /削除しました/);
  const gone = await cli(['status', 'draft-to-delete']);
  assert.equal(gone.code, 1);
});
