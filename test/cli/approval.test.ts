// Approval and test sends from the command line: `send --test` reaches only the organisation's test
// numbers; a plain send is refused while approval is required; `send --request-approval --at` asks;
// `approvals` lists it; the requester's own `approve` is refused; another approver's `approve --reject`
// needs a comment, and `approve --yes` starts the send exactly as requested (scheduled at that time).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, todoku, todokuJson, type TestServer } from './harness.ts';
import { until } from '../support/wait.ts';

let server: TestServer;
let maker: { url: string; key: string };
let checker: { url: string; key: string };

async function api(method: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(`${server.url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${server.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await r.json();
  assert.ok(r.ok, JSON.stringify(json));
  return json;
}

before(async () => {
  server = await startTestServer();
  await api('PUT', '/organisation', { name: '東都大学 学生課' });
  await api('PUT', '/organisation/sending', { approvalRequired: true, testNumbers: ['090-9999-0001', '090-9999-0002'] });
  maker = { url: server.url, key: (await api('POST', '/api-keys', { name: 'maker', role: 'operator' })).key };
  checker = { url: server.url, key: (await api('POST', '/api-keys', { name: 'checker', role: 'approver' })).key };
});
after(async () => {
  await server?.stop();
});

const as = (who: { url: string; key: string }) => ['--server', who.url, '--api-key', who.key];

test('a test send goes to the test numbers only; a send waits for approval, which another approver gives from the CLI', { timeout: 90_000 }, async () => {
  const file = join(server.dir, 'approval.csv');
  writeFileSync(file, '氏名,電話番号,金額\r\n山田 太郎,090-4444-0001,12000\r\n佐藤 花子,090-4444-0002,8000\r\n');
  await todokuJson(maker, ['import', file, '--campaign', '承認テスト']);
  await api('PATCH', `/campaigns/${encodeURIComponent('承認テスト')}`, { template: '{{name}}様 ご請求額{{amount|yen}}です。', policyPack: 'none' });

  // --test: now, without approval, to one listed number, filled from line 3.
  const refusedNumber = await todoku(['send', '承認テスト', '--test', '--to', '090-4444-0001', ...as(maker)]);
  assert.equal(refusedNumber.code, 1);
  assert.match(refusedNumber.stderr, /テスト用の番号にだけ/);
  const tested = await todokuJson<{ messages: { to: string }[]; text: string }>(maker, ['send', '承認テスト', '--test', '--to', '+819099990002', '--line', '3']);
  assert.deepEqual(tested.messages.map((m) => m.to), ['+819099990002']);
  assert.match(tested.text, /佐藤 花子様/);
  await until('the test SMS at the SMSC', async () => (server.running.simulator!.received().some((m) => m.to === '+819099990002') ? true : undefined));
  assert.ok(server.running.simulator!.received().every((m) => m.to.startsWith('+81909999')), 'no one on the list got anything');

  // A plain send is refused while approval is required.
  const refused = await todoku(['send', '承認テスト', '--yes', ...as(maker)]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /承認が必要/);

  const at = new Date(Date.now() + 3 * 3_600_000);
  const jst = new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const asked = await todokuJson<{ id: number; scheduledAt: string; status: string }>(maker, ['send', '承認テスト', '--request-approval', '--at', jst, '--note', '12月分です']);
  assert.equal(asked.status, 'pending');
  assert.equal(asked.scheduledAt, new Date(`${jst.replace(' ', 'T')}:00+09:00`).toISOString(), '--at is Japan time');

  const listed = await todoku(['approvals', ...as(checker)]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /承認テスト/);
  assert.match(listed.stdout, /承認待ち/);

  const own = await todoku(['approve', '承認テスト', '--yes', ...as(maker)]);
  assert.equal(own.code, 1, 'an operator may not approve, let alone their own request');
  assert.match(own.stderr, /自分の依頼|権限/);

  const bare = await todoku(['approve', '承認テスト', '--reject', ...as(checker)]);
  assert.equal(bare.code, 1);
  assert.match(bare.stderr, /--comment/);

  const approved = await todokuJson<{ request: { status: string }; send: { started: boolean; campaign: { status: string; scheduledAt: string } } }>(checker, ['approve', '承認テスト', '--yes', '--comment', '確認しました']);
  assert.equal(approved.request.status, 'approved');
  assert.equal(approved.send.started, true);
  assert.equal(approved.send.campaign.status, 'scheduled');
  assert.equal(approved.send.campaign.scheduledAt, asked.scheduledAt, 'scheduled exactly as requested');

  const none = await todoku(['approve', '承認テスト', '--yes', ...as(checker)]);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /承認待ちの依頼はありません/);
});
