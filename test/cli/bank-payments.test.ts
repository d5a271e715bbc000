// `todoku payments import FILE` and `todoku payments unmatched` as an office runs them: the bank's
// Shift_JIS file from disk, counts in Japanese and the rows that need a look, the same with --json, a
// second import that changes nothing, the unmatched list, setting one aside, and a file that does not add up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { zenginFile } from '../support/bank-files.ts';
import { todoku, todokuJson } from './harness.ts';

let t: TestApp;
let dir: string;
before(async () => {
  t = await startTestApp('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'todoku-bank-'));
  const { id } = await campaignWithList(t, { name: '授業料 督促', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, ['氏名,電話番号,金額,学籍番号,フリガナ', '山田 太郎,090-3200-0001,35000,1234567,ヤマダ タロウ', '鈴木 花子,090-3200-0002,8000,2000001,スズキ ハナコ'].join('\n'));
  await sendCampaign(t, id);
  await until('messages handed over', async () => ((await t.api('GET', `/campaigns/${id}/messages`)).body.messages as { state: string }[]).every((m) => m.state !== 'queued'));
});
after(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

const server = () => ({ url: t.url, key: t.key });
const cli = (args: string[]) => todoku([...args, '--server', t.url, '--api-key', t.key]);

test('payments import: counts in words, and the unmatched row with its payer and reason', async () => {
  const file = join(dir, 'furikomi.dat');
  writeFileSync(file, zenginFile('01', [
    { inquiry: '000101', date: '2026-12-04', amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ' },
    { inquiry: '000102', date: '2026-12-04', amount: 3_000, payerName: 'ｺﾊﾞﾔｼ ﾏｺﾄ' },
  ]));
  const r = await cli(['payments', 'import', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /振込入金通知を取り込みました/);
  assert.match(r.stdout, /消込 1件（一部入金 0件・過入金 0件）・未消込 1件・取込済み 0件・読めない行 0件/);
  assert.match(r.stdout, /ｺﾊﾞﾔｼ ﾏｺﾄ.*顧客番号もフリガナも一致する人がいません/);
  assert.match(r.stderr, /todoku payments unmatched/);

  const again = await todokuJson<{ counts: Record<string, number> }>(server(), ['payments', 'import', file]);
  assert.deepEqual(again.counts, { matched: 0, unmatched: 0, duplicate: 2, refused: 0, skipped: 0, partial: 0, over: 0 });
});

test('payments unmatched lists what is left; not-ours sets it aside', async () => {
  const listed = await todokuJson<{ transfers: { id: number; payerName: string; state: string }[] }>(server(), ['payments', 'unmatched']);
  assert.deepEqual(listed.transfers.map((x) => [x.payerName, x.state]), [['ｺﾊﾞﾔｼ ﾏｺﾄ', 'unmatched']]);
  const human = await cli(['payments', 'unmatched']);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /みずほ 東京営業部 1234567/);
  assert.match(human.stdout, /未消込 1件/);
  const set = await cli(['payments', 'not-ours', String(listed.transfers[0]!.id)]);
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /対象外にしました/);
  assert.deepEqual((await todokuJson<{ transfers: unknown[] }>(server(), ['payments', 'unmatched'])).transfers, []);
});

test('a file whose trailer does not add up: exit 1, the record named, nothing stored', async () => {
  const file = join(dir, 'bad.dat');
  writeFileSync(file, zenginFile('01', [{ inquiry: '000201', date: '2026-12-05', amount: 1_000, payerName: 'ﾀﾅｶ' }], { trailerDelta: { count: 1 } }));
  const r = await cli(['payments', 'import', file]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /3件目のレコード: トレーラの振込件数（2）がデータレコードの合計（1）と合いません/);
  assert.deepEqual((await todokuJson<{ counts: Record<string, number> }>(server(), ['payments', 'unmatched'])).counts, { matched: 1, unmatched: 0, not_ours: 1, duplicate: 0 });
  const missing = await cli(['payments', 'import', join(dir, 'none.dat')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /ファイルが見つかりません/);
});
