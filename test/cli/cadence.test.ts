// `todoku cadence` as an office runs it against the real app: a cadence written in YAML (times in words)
// created from disk, a dry run, started, its step rendered with its own text and delivered through the
// simulator, the status per step in words and with --json; a file with a mistake refused saying where;
// the built-in 「未開封者への再通知」.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { todoku, todokuJson } from './harness.ts';

let t: TestApp;
let dir: string;
const CAMPAIGN = '後期授業料 督促';

before(async () => {
  t = await startTestApp('sqlite');
  dir = mkdtempSync(join(tmpdir(), 'todoku-cadence-'));
  const { id } = await campaignWithList(
    t,
    { name: CAMPAIGN, template: '{{name}}様 東都大学 学生課です。後期授業料のお支払いをお願いします', policyPack: 'none' },
    ['氏名,電話番号,金額,支払期限', '山田 太郎,090-3300-0001,35000,2099-12-20', '鈴木 花子,090-3300-0002,8000,2099-12-20'].join('\n'),
  );
  await sendCampaign(t, id);
  await until('the campaign handed over', async () => ((await t.api('GET', `/campaigns/${id}/messages`)).body.messages as { state: string }[]).every((m) => m.state !== 'queued'));
});
after(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

const server = () => ({ url: t.url, key: t.key });
const cli = (args: string[]) => todoku([...args, '--server', t.url, '--api-key', t.key]);

const YAML = `# 督促シナリオ
name: 授業料の督促
steps:
  - name: 再度のご案内
    at: 開始時
    template: "{{name}}様 東都大学 学生課です。再度のご案内です"
  - name: 期日前のお知らせ
    at: 期日の3日前 10:00
    template: "{{name}}様 東都大学 学生課です。{{due_date|date}}がお支払期限です"
  - name: 未開封者への再通知
    at: 未開封なら2日後
    when: [not_paid]
`;

test('cadence create from a YAML file, a dry run, start, and the status per step', async () => {
  const file = join(dir, 'cadence.yaml');
  writeFileSync(file, YAML);
  const created = await cli(['cadence', 'create', CAMPAIGN, file]);
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /督促シナリオ「授業料の督促」を保存しました（3ステップ、下書き）/);
  assert.match(created.stdout, /期日の3日前 10:00/);
  assert.match(created.stdout, /前回から2日後 \(未開封の人, 未入金の人\)/);

  const dry = await cli(['cadence', 'dry-run', CAMPAIGN]);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /見本 2人（全2人）の予定/);
  assert.match(dry.stdout, /山田 太郎/);
  assert.match(dry.stderr, /条件（未開封など）は送信時に判定します/);

  const started = await todokuJson<{ state: string; members: { total: number } }>(server(), ['cadence', 'start', CAMPAIGN]);
  assert.deepEqual([started.state, started.members.total], ['running', 2]);

  // The worker's upkeep queues the first step; the dispatcher renders it with the step's own text.
  await until(
    'the first step delivered to both',
    async () => t.app.simulator!.received().filter((m) => m.text.includes('再度のご案内です')).length === 2,
    30_000,
  );
  const texts = t.app.simulator!.received().filter((m) => m.text.includes('再度のご案内です')).map((m) => m.text).sort();
  assert.deepEqual(texts, ['山田 太郎様 東都大学 学生課です。再度のご案内です', '鈴木 花子様 東都大学 学生課です。再度のご案内です']);

  const status = await until('sent counted', async () => {
    const s = await todokuJson<{ steps: { number: number; counts: { sent: number; reached: number } }[]; members: { active: number } }>(server(), ['cadence', 'status', CAMPAIGN]);
    return s.steps[0]!.counts.sent === 2 ? s : undefined;
  });
  assert.deepEqual(status.steps.map((s) => s.counts.reached), [2, 0, 0]);
  assert.equal(status.members.active, 2);
  const words = await cli(['cadence', 'status', CAMPAIGN]);
  assert.match(words.stdout, /督促シナリオ「授業料の督促」（後期授業料 督促）: 実行中/);
  assert.match(words.stdout, /対象 2人: 進行中 2/);

  const paused = await todokuJson<{ state: string }>(server(), ['cadence', 'pause', CAMPAIGN]);
  assert.equal(paused.state, 'paused');
  const edit = await cli(['cadence', 'create', CAMPAIGN, file]);
  assert.equal(edit.code, 0, 'a paused cadence may be rewritten');
  const stopped = await todokuJson<{ state: string; left: { operator: number } }>(server(), ['cadence', 'stop', CAMPAIGN]);
  assert.deepEqual([stopped.state, stopped.left.operator], ['stopped', 2]);
  const again = await cli(['cadence', 'resume', CAMPAIGN]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /督促シナリオは「停止」のため再開できません/);
});

test('a file with a mistake is refused, saying where; the built-in re-notice is one option away', async () => {
  const { id } = await campaignWithList(t, { name: '別の督促', template: '{{name}}様 ご案内です', policyPack: 'none' }, ['氏名,電話番号', '田中 一郎,090-3300-0009'].join('\n'));
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'steps:\n  - at: いつか\n    template: x\n');
  const r = await cli(['cadence', 'create', String(id), bad]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /入力内容に誤りがあります\n.*steps\/0\/at: 「いつか」: write like 期日の3日前 10:00/);
  const unknown = join(dir, 'unknown-field.json');
  writeFileSync(unknown, JSON.stringify({ steps: [{ at: '開始時', template: '{{name}}様 {{amount|yen}}のお支払いを' }] }));
  const field = await cli(['cadence', 'create', String(id), unknown]);
  assert.notEqual(field.code, 0);
  assert.match(field.stderr, /ステップ1「ステップ1」の本文が宛先リストにない項目を使っています: amount/);
  const yaml = join(dir, 'broken.yaml');
  writeFileSync(yaml, 'steps: [\n');
  const broken = await cli(['cadence', 'create', String(id), yaml]);
  assert.notEqual(broken.code, 0);
  assert.match(broken.stderr, /YAMLを読めません/);

  const builtin = await todokuJson<{ name: string; steps: { atText: { ja: string }; when: string[] }[] }>(server(), ['cadence', 'create', String(id), '--builtin', 'renotice_unopened']);
  assert.equal(builtin.name, '未開封者への再通知');
  assert.deepEqual(builtin.steps.map((s) => [s.atText.ja, s.when]), [['前回から2日後', ['not_opened']]]);
  // The campaign has not been sent: the cadence cannot start yet.
  const early = await cli(['cadence', 'start', String(id)]);
  assert.notEqual(early.code, 0);
  assert.match(early.stderr, /キャンペーンの送信を確定してから督促シナリオを開始してください/);
});
