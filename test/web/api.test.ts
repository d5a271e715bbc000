// The REST API end to end over HTTP, with the dispatcher and the SMSC simulator running, on SQLite and
// on PostgreSQL: a CP932 list in, messages out over SMPP, delivered, exported; errors as problem+json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, createCampaign, setLandingPage } from '../support/factories.ts';

const CP932_LIST = [
  '氏名,携帯電話番号,請求金額,支払期限,学籍番号',
  '山田 太郎,０９０－１２３４－５６７８,12345,2026/12/01,S0001',
  '佐藤 花子,080-2345-6789,5000,2026/12/15,S0002',
  '固定 電話,03-1234-5678,100,2026/12/01,S0003',
  '番号 不正,12345,100,2026/12/01,S0004',
  '鈴木 一郎,(070)3456-7890,8000,2026/12/20,S0005',
  '重複 さん,090-1234-5678,1,2026/12/01,S0006',
].join('\r\n');

eachDatabase('REST API', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  test('without an API key the answer is 401 with a Japanese problem body', async () => {
    const r = await t.api('GET', '/campaigns', undefined, { key: null });
    assert.equal(r.status, 401);
    assert.match(r.headers.get('content-type')!, /application\/problem\+json/);
    assert.equal(r.body.code, 'TODOKU_E_UNAUTHORIZED');
    assert.match(r.body.title, /APIキー/);
    assert.ok(r.body.title_en);
  });

  test('a bad request body is a 400 problem naming the field', async () => {
    const r = await t.api('POST', '/campaigns', { name: '' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'TODOKU_E_VALIDATION');
    assert.ok(JSON.stringify(r.body.details).includes('name'));
  });

  test('the OpenAPI 3.1 document lists the campaign routes', async () => {
    const r = await t.api('GET', '/api/v1/openapi.json', undefined, { key: null });
    assert.equal(r.status, 200);
    assert.equal(r.body.openapi, '3.1.0');
    for (const path of ['/api/v1/campaigns', '/api/v1/campaigns/{campaign}/recipients', '/api/v1/campaigns/{campaign}/send', '/api/v1/campaigns/{campaign}/messages']) {
      assert.ok(r.body.paths[path], `${path} documented`);
    }
  });

  test('a CP932 list is imported, rejected lines are reported, sent over SMPP and delivered, exported in CP932', async () => {
    const created = await t.api('POST', '/campaigns', { name: '12月督促', template: '{{name}}様 {{amount|yen}}を{{due_date|date}}までに。{{url}}' });
    assert.equal(created.status, 201);
    assert.equal((await t.api('POST', '/campaigns', { name: '12月督促' })).status, 409);

    const imported = await t.api('POST', `/campaigns/${created.body.id}/recipients`, iconv.encode(CP932_LIST, 'CP932'), { contentType: 'text/csv' });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.equal(imported.body.encoding, 'cp932');
    assert.equal(imported.body.accepted, 3);
    assert.equal(imported.body.rejected, 3);

    const report = await t.api('GET', `/campaigns/${created.body.id}/rejections.csv?encoding=cp932`);
    const lines = iconv.decode(report.raw, 'CP932').trim().split('\r\n');
    assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 2)), [
      ['4', 'phone_not_mobile'],
      ['5', 'phone_invalid'],
      ['7', 'duplicate'],
    ]);

    const preview = await t.api('POST', `/campaigns/${created.body.id}/preview`, { limit: 2 });
    assert.equal(preview.status, 200);
    assert.equal(preview.body.recipients, 3);
    assert.match(preview.body.samples[0].text, /^山田 太郎様 ¥12,345を2026年12月1日までに。http/);

    // {{url}} is sent only with a recipient page to open.
    await setLandingPage(t, created.body.id, { verification: { method: 'id_suffix', column: '学籍番号' }, expiresAt: null, notice: 'お知らせ' });
    const sent = await t.api('POST', `/campaigns/${created.body.id}/send`, {});
    assert.equal(sent.status, 202, JSON.stringify(sent.body));
    assert.equal(sent.body.queued, 3);
    const again = await t.api('POST', `/campaigns/${created.body.id}/send`, {});
    assert.equal(again.body.queued, 0, 'confirming twice sends once');

    const done = await until('all delivered and the campaign completed', async () => {
      const c = await t.api('GET', `/campaigns/${created.body.id}`);
      return c.body.counts.delivered === 3 && c.body.status === 'completed' ? c.body : undefined;
    }, 30_000, 50, async () => [(await t.api('GET', `/campaigns/${created.body.id}`)).body, (await t.api('GET', `/campaigns/${created.body.id}/messages`)).body]);
    assert.equal(done.status, 'completed');
    const received = t.app.simulator!.received().filter((m) => m.text.includes('2026年12月'));
    assert.deepEqual(received.map((m) => m.to).sort(), ['+817034567890', '+818023456789', '+819012345678']);
    assert.ok(received.some((m) => m.text.startsWith('山田 太郎様 ¥12,345を2026年12月1日までに。')));

    const messages = await t.api('GET', `/campaigns/${created.body.id}/messages?limit=10`);
    assert.equal(messages.body.messages.length, 3);
    for (const m of messages.body.messages) {
      assert.equal(m.state, 'delivered');
      assert.ok(m.smscId);
      assert.equal(m.carrierState, 'DELIVRD');
      assert.match(m.text, /https?:\/\/[^/]+\/l\/[0-9A-Za-z]{11}$/);
    }

    const exported = await t.api('GET', `/campaigns/${created.body.id}/export.csv?encoding=cp932`);
    const csv = iconv.decode(exported.raw, 'CP932');
    assert.match(csv, /山田 太郎/);
    assert.match(csv, /090-1234-5678/);
    assert.match(csv, /配達済み/);
  });

  test('a template using a column missing in 3 rows is refused before sending, naming those rows', async () => {
    const list = ['氏名,電話番号,備考', '甲,090-1111-0001,あり', '乙,090-1111-0002,', '丙,090-1111-0003,あり', '丁,090-1111-0004,', '戊,090-1111-0005,'];
    const { id } = await campaignWithList(t, { name: 'missing-notes', template: '{{name}}様 {{備考}}' }, list);
    const r = await t.api('POST', `/campaigns/${id}/send`, {});
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'TODOKU_E_TEMPLATE_ROWS');
    assert.deepEqual(r.body.details.issues.map((i: { line: number }) => i.line), [3, 5, 6]);
    assert.match(r.body.title, /3行/);
    const after = await t.api('GET', `/campaigns/${id}`);
    assert.equal(after.body.status, 'draft');
    assert.deepEqual(after.body.counts, {}, 'nothing was queued');
  });

  test('a file that breaks half-way is refused naming the line, and leaves nothing behind', async () => {
    const id = await createCampaign(t, { name: 'broken-file' });
    const good = Array.from({ length: 2500 }, (_, i) => `人${i},090${20_000_000 + i}`);
    const broken = ['氏名,電話番号', ...good, '"閉じない引用符,090-3333-4444', '後続,090-3333-5555'].join('\n');
    const r = await t.api('POST', `/campaigns/${id}/recipients`, broken, { contentType: 'text/csv' });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    assert.equal(r.body.code, 'TODOKU_E_CSV_PARSE');
    assert.match(r.body.title, /2502/);
    const fixed = ['氏名,電話番号', ...good].join('\n');
    const again = await t.api('POST', `/campaigns/${id}/recipients`, fixed, { contentType: 'text/csv' });
    assert.equal(again.status, 200);
    assert.equal(again.body.accepted, 2500, 'nothing from the broken upload was kept');
    assert.equal(again.body.rejected, 0);
  });

  test('a campaign name of digits only is refused (it would read as an id)', async () => {
    const r = await t.api('POST', '/campaigns', { name: '2026' });
    assert.equal(r.status, 400);
  });

  test('an API key can be created, used without cookies, and revoked', async () => {
    const created = await t.api('POST', '/api-keys', { name: 'integration' });
    assert.equal(created.status, 201);
    const secret: string = created.body.key;
    assert.equal((await t.api('GET', '/campaigns', undefined, { key: secret })).status, 200);
    assert.equal((await t.api('DELETE', `/api-keys/${created.body.id}`)).status, 204);
    assert.equal((await t.api('GET', '/campaigns', undefined, { key: secret })).status, 401);
  });

  test('health and readiness', async () => {
    assert.deepEqual((await t.api('GET', '/health', undefined, { key: null })).body, { status: 'ok' });
    assert.deepEqual((await t.api('GET', '/ready', undefined, { key: null })).body, { status: 'ready' });
  });
});
