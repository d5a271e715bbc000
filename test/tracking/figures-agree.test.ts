// One campaign, every place that counts it: three people are sent to over real SMPP; one opts out and
// answers the confirmation with STOP again (two replies, one person), one answers once, one's message is marked 送達不明 and re-sent.
// The campaign list, the campaign page, `todoku status`, the funnel, the sum of the chart and the
// results export must then say the same: 3 sent, 3 delivered, 2 people replied — not 4 messages
// delivered or 3 replies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { todokuJson } from '../cli/harness.ts';

const HANAKO = '+819012345678';
const TARO = '+818023456789';
const csv = ['氏名,電話番号,金額', '佐藤 花子,090-1234-5678,12000', '山田 太郎,080-2345-6789,8000', '鈴木 次郎,070-3456-7890,5000'].join('\r\n');

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(async () => t.stop());

/** The export's rows as cells (UTF-8 with BOM, CRLF, quoted cells when needed: none here). */
function exportRows(text: string): string[][] {
  return text.replace(/^\uFEFF/, '').trim().split(/\r\n/).map((l) => l.split(','));
}

test('the list, the campaign page, the CLI, the funnel, the chart and the export agree on one campaign', async () => {
  const settings = await t.api('PUT', '/simulator/settings', { moScript: { [HANAKO]: ['停止', 'STOP'], [TARO]: ['来週払います'] }, moDelayMs: 20 });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  const { id } = await campaignWithList(t, { name: '12月督促', template: '{{name}}様 {{amount|yen}}のお支払いをお願いします。〇〇大学' }, csv);
  await sendCampaign(t, id);
  await until('three delivered, three replies stored and the confirmation delivered', async () => {
    const inbox = await t.app.store.db.kysely.selectFrom('inbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', id).executeTakeFirst();
    const confirmation = await t.app.store.db.kysely.selectFrom('messages').select('id').where('campaign_id', '=', id).where('kind', '=', 'confirmation').where('state', '=', 'delivered').executeTakeFirst();
    const c = await t.api('GET', `/campaigns/${id}`);
    return Number(inbox?.n) === 3 && confirmation && c.body.counts.delivered === 3;
  });

  // Jiro's receipt is taken as lost: 送達不明, then re-sent knowingly and delivered.
  const db = t.app.store.db.kysely;
  const jiro = await db.selectFrom('messages').innerJoin('recipients', 'recipients.id', 'messages.recipient_id').select('messages.id').where('messages.campaign_id', '=', id).where('recipients.line', '=', 4).executeTakeFirstOrThrow();
  await db.updateTable('messages').set({ state: 'unknown', delivered_at: null }).where('id', '=', jiro.id).execute();
  const resent = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, { messageIds: [jiro.id], confirm: 'duplicate-risk' });
  assert.equal(resent.status, 200, JSON.stringify(resent.body));
  await until('the re-send delivered and the campaign completed', async () => {
    const c = await t.api('GET', `/campaigns/${id}`);
    return c.body.status === 'completed' && c.body.counts.delivered === 3 && c.body.counts.unknown === undefined;
  });
  const messages = await db.selectFrom('messages').select(['kind', 'state']).where('campaign_id', '=', id).execute();
  assert.equal(messages.length, 5, 'three campaign messages, one re-send, one confirmation');
  assert.equal(messages.filter((m) => m.state === 'delivered').length, 4, 'four messages delivered, to three people, plus the replaced one');

  const page = (await t.api('GET', `/campaigns/${id}`)).body;
  const listed = ((await t.api('GET', '/campaigns')).body.campaigns as any[]).find((c) => c.id === id);
  const cli = await todokuJson<{ counts: Record<string, number>; status: string }>(t, ['status', String(id)]);
  const funnel = (await t.api('GET', `/campaigns/${id}/funnel`)).body;
  const chart = (await t.api('GET', `/campaigns/${id}/timeline?bucket=day`)).body;
  const sum = (series: string) => (chart.buckets as any[]).reduce((n, b) => n + b[series], 0);

  assert.deepEqual(page.counts, { delivered: 3 });
  assert.deepEqual(listed.counts, page.counts, 'list = page');
  assert.deepEqual(cli.counts, page.counts, 'CLI = page');
  assert.equal(cli.status, 'completed');
  assert.deepEqual(funnel.states, page.counts, 'funnel states = page');
  assert.equal(funnel.funnel.sent, 3);
  assert.equal(funnel.funnel.delivered, page.counts.delivered);
  assert.equal(funnel.funnel.replied, 2);
  assert.equal(funnel.funnel.optedOut, 1);
  assert.equal(sum('sent'), funnel.funnel.sent, 'chart sent = funnel');
  assert.equal(sum('delivered'), funnel.funnel.delivered, 'chart delivered = funnel');
  assert.equal(sum('replied'), funnel.funnel.replied, 'chart replied = funnel (people, at their first reply)');

  const csvOut = await t.api('GET', `/campaigns/${id}/export.csv`);
  assert.equal(csvOut.status, 200);
  const [header, ...rows] = exportRows(csvOut.body);
  const kindAt = header!.indexOf('種類/kind');
  const stateAt = header!.indexOf('状態/state');
  assert.ok(kindAt >= 0 && stateAt >= 0, header!.join(','));
  assert.equal(rows.length, 5, 'one row per message');
  assert.deepEqual(rows.map((r) => r[kindAt]).sort(), [
    'キャンペーン送信 (campaign)',
    'キャンペーン送信 (campaign)',
    'キャンペーン送信・再送済み (campaign; resent)',
    '後続の送信（再送） (later_step)',
    '配信停止の確認 (confirmation)',
  ]);
  // The campaign's figures from the export: its own messages, not replaced, by state.
  const counted = rows.filter((r) => /\((campaign|later_step)\)$/.test(r[kindAt]!));
  assert.equal(counted.length, funnel.funnel.sent);
  assert.equal(counted.filter((r) => r[stateAt] === '配達済み (delivered)').length, funnel.funnel.delivered);
});
