// Plain words where codes used to show: a campaign sent at 23:00 in its recipients' zone says, in the
// CLI's `send` answer, in `status` and in the export, that nothing goes out between 21:00 and 8:00 and
// when it will go; a message the carrier could not deliver (receipt err:001) reads 「宛先不明（…）」.
// Real app, real SMPP to the simulator, the CLI as a child process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { todoku } from '../cli/harness.ts';

/** A fixed-offset zone whose local hour is now `hour` (Etc/GMT signs are inverted by convention). */
function zoneAtHour(hour: number): string {
  const utc = new Date().getUTCHours();
  for (let offset = -12; offset <= 14; offset++) {
    if ((utc + offset + 24) % 24 === hour) return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }
  throw new Error('no zone');
}

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(async () => t.stop());

const cli = (...args: string[]) => todoku([...args, '--server', t.url, '--api-key', t.key]);
const exportText = async (id: number) => (await t.api('GET', `/campaigns/${id}/export.csv`)).body as string;
const WORDS = /21:00〜8:00は送信しません。\d{1,2}月\d{1,2}日 8:00 \(Etc\/[A-Za-z0-9+-]+\)に送信します/u;

test('a message held back by quiet hours says so in words with the time it will go: send, status, export', async () => {
  const zone = zoneAtHour(23);
  const { id } = await campaignWithList(t, { name: '夜間の督促', timeZone: zone, policyPack: 'jp_money_lending' }, ['氏名,電話番号', '佐藤 花子,090-7777-0001', '山田 太郎,090-7777-0002']);
  const sent = await cli('send', '夜間の督促', '--template', '{{name}}様 お支払いのお願いです。東都大学 学生課', '--yes');
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stdout, new RegExp(`2件が送信を待っています: ${WORDS.source}`, 'u'));
  assert.doesNotMatch(sent.stdout + sent.stderr, /POLICY_/);

  const status = await cli('status', String(id));
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, WORDS);
  assert.doesNotMatch(status.stdout, /POLICY_/);
  const english = await todoku(['status', String(id), '--server', t.url, '--api-key', t.key, '--lang', 'en']);
  assert.match(english.stdout, /2 messages wait: No messages are sent from 21:00 to 8:00\. It will go on \d{1,2} [A-Z][a-z]+ 8:00 \(Etc\//);

  const rows = await t.api('GET', `/campaigns/${id}/recipients/progress`);
  assert.equal(rows.status, 200, JSON.stringify(rows.body));
  for (const r of rows.body.rows) assert.ok(r.nextAttemptAt && Date.parse(r.nextAttemptAt) > Date.now(), 'the recipient table knows when it will go');

  const csv = await exportText(id);
  assert.match(csv, WORDS);
  assert.doesNotMatch(csv, /POLICY_/);
});

test('a carrier error code is shown with its meaning in the export', async () => {
  const settings = await t.api('PUT', '/simulator/settings', { outcomes: { UNDELIV: 1 } });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  const { id } = await campaignWithList(t, { name: '番号違い', template: '{{name}}様 お知らせです。東都大学 学生課' }, ['氏名,電話番号', '鈴木 次郎,070-8888-0001']);
  await sendCampaign(t, id);
  await until('undeliverable', async () => (await t.api('GET', `/campaigns/${id}`)).body.counts.undeliverable === 1);
  const [header, row] = (await exportText(id)).replace(/^\uFEFF/, '').trim().split(/\r\n/).map((l) => l.split(','));
  assert.equal(row![header!.indexOf('エラー/error_code')], '001');
  assert.equal(row![header!.indexOf('エラーの意味/error_meaning')], '宛先不明（番号が使われていない可能性）');
});
