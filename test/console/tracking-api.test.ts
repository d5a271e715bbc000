// Live tracking over the running app (web, dispatcher, SMSC simulator over real SMPP), on SQLite and
// PostgreSQL: the event stream sends the funnel at once and again as messages are delivered, a link is
// opened and a reply comes back; the funnel, the chart, the recipient table and a message's timeline
// say the same; a viewer's key sees states and counts but no names, numbers or texts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, createCampaign, sendCampaign, setLandingPage } from '../support/factories.ts';
import { funnelOf, openEventStream } from './event-stream.ts';

const CSV = '氏名,電話番号,学籍番号\n山田 太郎,090-2222-0001,S0001\n佐藤 花子,090-2222-0002,S0002\n鈴木 一郎,090-2222-0003,S0003\n';

eachDatabase('tracking API', (kind) => {
  let app: TestApp;
  let viewerKey: string;
  let campaignId: number;

  before(async () => {
    app = await startTestApp(kind);
    const key = await app.api('POST', '/api-keys', { name: 'dashboard', role: 'viewer' });
    viewerKey = key.body.key;
    await app.api('PUT', '/simulator/settings', { moScript: { '+819022220001': ['来週払います'] }, moDelayMs: 100 });
    const { id, imported } = await campaignWithList(app, { name: 'live', template: '{{name}}様 お知らせがあります {{url}}' }, CSV);
    campaignId = id;
    assert.equal(imported.accepted, 3);
    // {{url}} is sent only with a recipient page to open.
    await setLandingPage(app, id, { verification: { method: 'id_suffix', column: '学籍番号' }, expiresAt: null, notice: 'お知らせ' });
  });
  after(() => app?.stop());

  test('the event stream sends the funnel at once, then each change: delivered, opened, replied', { timeout: 60_000 }, async () => {
    const stream = await openEventStream(`${app.url}/api/v1/campaigns/${campaignId}/events`, { authorization: `Bearer ${viewerKey}` });
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.contentType, /^text\/event-stream/);
      const first = funnelOf(await stream.next((f) => f.event === 'funnel'));
      assert.equal(first.status, 'draft');
      assert.equal(first.funnel.targeted, 3);
      assert.equal(first.funnel.sent, 0);

      assert.equal((await app.api('POST', `/campaigns/${campaignId}/send`, {})).status, 202);
      const delivered = funnelOf(await stream.next((f) => f.event === 'funnel' && funnelOf(f).funnel.delivered === 3));
      assert.equal(delivered.funnel.sent, 3);
      assert.deepEqual(delivered.states, { delivered: 3 });

      const messages = await app.api('GET', `/campaigns/${campaignId}/messages`);
      const link = /https?:\/\/\S+\/l\/\S+/.exec(messages.body.messages[0].text)![0];
      assert.equal((await fetch(link)).status, 200);
      const opened = funnelOf(await stream.next((f) => f.event === 'funnel' && funnelOf(f).funnel.opened === 1));
      assert.equal(opened.funnel.delivered, 3);
      const replied = funnelOf(await stream.next((f) => f.event === 'funnel' && funnelOf(f).funnel.replied === 1));
      assert.equal(replied.funnel.optedOut, 0);
      // Nothing is repeated while the figures stay the same.
      const funnels = stream.frames.filter((f) => f.event === 'funnel').map((f) => JSON.stringify([funnelOf(f).status, funnelOf(f).funnel, funnelOf(f).states]));
      assert.equal(new Set(funnels).size, funnels.length);
    } finally {
      stream.close();
    }
  });

  test('the funnel, the chart and the recipient table agree; a message tells its story', async () => {
    const funnel = await app.api('GET', `/campaigns/${campaignId}/funnel`);
    assert.equal(funnel.status, 200);
    assert.deepEqual(
      { targeted: funnel.body.funnel.targeted, sent: funnel.body.funnel.sent, delivered: funnel.body.funnel.delivered, opened: funnel.body.funnel.opened, replied: funnel.body.funnel.replied },
      { targeted: 3, sent: 3, delivered: 3, opened: 1, replied: 1 },
    );

    const chart = await app.api('GET', `/campaigns/${campaignId}/timeline?bucket=minute`);
    assert.equal(chart.body.bucket, 'minute');
    const total = (k: string) => (chart.body.buckets as Record<string, number>[]).reduce((n, b) => n + b[k]!, 0);
    assert.deepEqual([total('sent'), total('delivered'), total('opened'), total('replied')], [3, 3, 1, 1]);
    assert.equal((await app.api('GET', `/campaigns/${campaignId}/timeline`)).body.bucket, 'minute', 'auto picks minutes for a campaign just sent');

    const table = await app.api('GET', `/campaigns/${campaignId}/recipients/progress`);
    assert.deepEqual(
      table.body.rows.map((r: { line: number; name: string; phone: string; externalId: string; state: string }) => [r.line, r.name, r.phone, r.externalId, r.state]),
      [
        [2, '山田 太郎', '+819022220001', 'S0001', 'delivered'],
        [3, '佐藤 花子', '+819022220002', 'S0002', 'delivered'],
        [4, '鈴木 一郎', '+819022220003', 'S0003', 'delivered'],
      ],
    );
    const yamada = table.body.rows[0];
    assert.ok(yamada.openedAt && yamada.repliedAt && yamada.deliveredAt);
    assert.equal(table.body.rows[1].openedAt, null);

    const page1 = await app.api('GET', `/campaigns/${campaignId}/recipients/progress?limit=2`);
    assert.equal(page1.body.rows.length, 2);
    const page2 = await app.api('GET', `/campaigns/${campaignId}/recipients/progress?limit=2&after=${page1.body.next}`);
    assert.deepEqual(page2.body.rows.map((r: { line: number }) => r.line), [4]);
    assert.equal(page2.body.next, null);

    const search = (q: string, key?: string) => app.api('GET', `/campaigns/${campaignId}/recipients/progress?q=${encodeURIComponent(q)}`, undefined, key ? { key } : {});
    assert.deepEqual((await search('佐藤')).body.rows.map((r: { line: number }) => r.line), [3]);
    assert.deepEqual((await search('０９０２２２２０００３')).body.rows.map((r: { line: number }) => r.line), [4], 'full-width digits and national format');
    assert.deepEqual((await search('s0001')).body.rows.map((r: { line: number }) => r.line), [2]);
    assert.deepEqual((await search('delivered', undefined)).body.rows, []);

    const story = await app.api('GET', `/campaigns/${campaignId}/messages/${yamada.messageId}/timeline`);
    assert.equal(story.status, 200);
    assert.equal(story.body.message.name, '山田 太郎');
    const kinds = story.body.events.map((e: { kind: string }) => e.kind);
    assert.deepEqual(kinds.slice(0, 3), ['queued', 'submitted', 'delivered']);
    assert.ok(kinds.includes('opened') && kinds.includes('replied'));
    assert.equal(story.body.events.find((e: { kind: string }) => e.kind === 'replied').text, '来週払います');
    assert.equal(story.body.events.find((e: { kind: string }) => e.kind === 'replied').detail.intent, 'promise');
    assert.equal(story.body.events.find((e: { kind: string }) => e.kind === 'delivered').detail.carrierState, 'DELIVRD');
  });

  test('a viewer sees states and counts, not names, numbers or texts, and searches by line only', async () => {
    const asViewer = { key: viewerKey };
    const table = await app.api('GET', `/campaigns/${campaignId}/recipients/progress`, undefined, asViewer);
    assert.equal(table.status, 200);
    const row = table.body.rows[0];
    assert.equal(row.name, '山＊＊＊＊');
    assert.equal(row.phone, '090-****-0001');
    assert.equal(row.externalId, null);
    assert.equal(row.state, 'delivered');
    assert.deepEqual((await app.api('GET', `/campaigns/${campaignId}/recipients/progress?q=${encodeURIComponent('山田')}`, undefined, asViewer)).body.rows, []);
    assert.deepEqual((await app.api('GET', `/campaigns/${campaignId}/recipients/progress?q=3`, undefined, asViewer)).body.rows.map((r: { line: number }) => r.line), [3]);

    const story = await app.api('GET', `/campaigns/${campaignId}/messages/${row.messageId}/timeline`, undefined, asViewer);
    assert.equal(story.body.message.text, null);
    assert.equal(story.body.message.to, '090-****-0001');
    assert.equal(story.body.events.find((e: { kind: string }) => e.kind === 'replied').text, null);
    assert.equal((await app.api('GET', `/campaigns/${campaignId}/funnel`, undefined, asViewer)).status, 200);
  });

  test('an undeliverable message shows the carrier’s error code; a message of another campaign is not found', { timeout: 60_000 }, async () => {
    await app.api('PUT', '/simulator/settings', { outcomes: { UNDELIV: 1 } });
    const { id: bounced } = await campaignWithList(app, { name: 'bounce', template: '{{name}}様 お知らせ' }, ['氏名,電話番号', '高橋,090-3333-0001']);
    await sendCampaign(app, bounced);
    const failed = await until('the receipt', async () => {
      const f = await app.api('GET', `/campaigns/${bounced}/funnel`);
      return f.body.funnel.failed === 1 && f.body;
    });
    assert.equal(failed.funnel.delivered, 0);
    assert.deepEqual(failed.states, { undeliverable: 1 });
    const [row] = (await app.api('GET', `/campaigns/${bounced}/recipients/progress`)).body.rows;
    assert.equal(row.errorCode, '001');
    const story = await app.api('GET', `/campaigns/${bounced}/messages/${row.messageId}/timeline`);
    const last = story.body.events.at(-1);
    assert.equal(last.kind, 'undeliverable');
    assert.equal(last.detail.errorCode, '001');
    assert.equal(last.detail.carrierState, 'UNDELIV');
    assert.equal((await app.api('GET', `/campaigns/${campaignId}/messages/${row.messageId}/timeline`)).status, 404);
    await app.api('PUT', '/simulator/settings', { outcomes: { DELIVRD: 1 } });
  });
});

test('the event stream works on a login session, is refused without one, and ends when the server closes', { timeout: 60_000 }, async () => {
  const app = await startTestApp('sqlite');
  let closed = false;
  try {
    await app.api('POST', '/users', { login: 'kansa@example.jp', password: 'kansa-Pass-2026', role: 'viewer' });
    const login = await fetch(`${app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'kansa@example.jp', password: 'kansa-Pass-2026' }) });
    assert.equal(login.status, 200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const id = await createCampaign(app, { name: 'stream' });

    const refused = await fetch(`${app.url}/api/v1/campaigns/${id}/events`);
    assert.equal(refused.status, 401);
    await refused.body?.cancel();

    const stream = await openEventStream(`${app.url}/api/v1/campaigns/${id}/events`, { cookie });
    assert.equal(stream.status, 200);
    assert.equal(funnelOf(await stream.next((f) => f.event === 'funnel')).funnel.targeted, 0);
    const started = Date.now();
    await app.stop();
    closed = true;
    await stream.ended;
    assert.ok(Date.now() - started < 8_000, 'the stream did not hold the shutdown');
  } finally {
    if (!closed) await app.stop();
  }
});
