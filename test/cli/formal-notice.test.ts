// A formal notice from the command line: `todoku import … --formal assignment` marks the campaign as a
// 債権譲渡通知 and imports a CP932 list whose 同意日 / 同意方法 columns record consent; `todoku send`
// refuses before asking, naming the rows without consent; `todoku campaign formal NAME none` makes it an
// ordinary notice again, and a name the command does not know is refused by the CLI itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { startTestServer, todoku, type TestServer } from './harness.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => {
  await server?.stop();
});

const cli = (args: string[]) => todoku([...args, '--server', server.url, '--api-key', server.key]);

async function campaign(): Promise<{ formality: string | null; acceptedCount: number }> {
  const r = await fetch(`${server.url}/api/v1/campaigns/${encodeURIComponent('債権譲渡のお知らせ')}`, { headers: { authorization: `Bearer ${server.key}` } });
  return (await r.json()) as { formality: string | null; acceptedCount: number };
}

test('import --formal marks a 債権譲渡通知; send names the rows without consent; campaign formal … none lifts it', async () => {
  const file = join(server.dir, 'assignment.csv');
  const lines = ['氏名,電話番号,同意日,同意方法', '山田 太郎,090-5555-0001,2024/04/01,書面', '佐藤 花子,090-5555-0002,,', '鈴木 一郎,090-5555-0003,令和6年5月1日,電子'];
  writeFileSync(file, iconv.encode(lines.join('\r\n') + '\r\n', 'CP932'));

  const imported = await cli(['import', file, '--campaign', '債権譲渡のお知らせ', '--formal', 'assignment']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout + imported.stderr, /「債権譲渡通知」にしました/);
  const marked = await campaign();
  assert.equal(marked.formality, 'assignment');
  assert.equal(marked.acceptedCount, 3);

  const sent = await cli(['send', '債権譲渡のお知らせ', '--template', '{{name}}様 債権譲渡のお知らせです', '--yes']);
  assert.equal(sent.code, 1, sent.stdout);
  assert.match(sent.stderr, /債権譲渡通知/);
  assert.match(sent.stderr, /3行目/);

  const bad = await cli(['campaign', 'formal', '債権譲渡のお知らせ', 'registered']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /assignment, formal, none/);

  const lifted = await cli(['campaign', 'formal', '債権譲渡のお知らせ', 'none']);
  assert.equal(lifted.code, 0, lifted.stderr);
  assert.match(lifted.stdout + lifted.stderr, /通常の通知にしました/);
  assert.equal((await campaign()).formality, null);
});
