// No SMS goes out with a link to nothing: a template with {{url}} and no recipient page is refused
// before any message exists (the CLI says so after its preview, the API answers 422 naming the fix,
// and the preview lists it as a blocker); once the page is set, the same send goes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setLanding, startTestServer, todoku, type TestServer } from './harness.ts';

const LIST = '氏名,携帯電話番号,生年月日\n山田 太郎,090-4000-0001,1980-04-01\n佐藤 花子,090-4000-0002,1975-11-23\n';
const TEMPLATE = '{{name}}様 お知らせがあります。詳細: {{url}}';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(async () => server?.stop());

async function api(method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any }> {
  const r = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${server.key}`, ...(body === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

async function draftWithList(name: string): Promise<number> {
  const created = await api('POST', '/campaigns', { name, policyPack: 'none' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const imported = await api('POST', `/campaigns/${created.body.id}/recipients`, LIST, 'text/csv');
  assert.equal(imported.body.accepted, 2, JSON.stringify(imported.body));
  return created.body.id as number;
}

test('the CLI refuses {{url}} without a recipient page, naming PUT …/landing, and nothing is sent', async () => {
  const id = await draftWithList('ページなしCLI');
  const result = await todoku(['send', 'ページなしCLI', '--template', TEMPLATE, '--yes', '--server', server.url, '--api-key', server.key]);
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stderr, /\{\{url\}\} を使うには受信者ページを設定してください: PUT \/api\/v1\/campaigns\/.+\/landing/u);
  assert.doesNotMatch(result.stderr, /to use \{\{url\}\}/u, 'one language only');
  assert.doesNotMatch(result.stdout, /送信を開始しました/u);
  const campaign = await api('GET', `/campaigns/${id}`);
  assert.equal(campaign.body.status, 'draft');
  assert.deepEqual(campaign.body.counts, {});

  const english = await todoku(['send', 'ページなしCLI', '--template', TEMPLATE, '--yes', '--lang', 'en', '--server', server.url, '--api-key', server.key, '--json']);
  assert.equal(english.code, 1);
  assert.match(english.stderr, /^to use \{\{url\}\}, set up the recipient page first: PUT \/api\/v1\/campaigns\/.+\/landing/mu);
  assert.equal((JSON.parse(english.stdout) as { error: { code: string } }).error.code, 'TODOKU_E_LANDING_REQUIRED');
});

test('the API answers 422 TODOKU_E_LANDING_REQUIRED and the preview lists the blocker; with a page set the send goes', async () => {
  const id = await draftWithList('ページなしAPI');
  const preview = await api('POST', `/campaigns/${id}/preview`, { template: TEMPLATE, limit: 1 });
  assert.equal(preview.status, 200);
  assert.deepEqual(preview.body.blockers.map((b: { code: string }) => b.code), ['TODOKU_E_LANDING_REQUIRED']);
  assert.match(preview.body.blockers[0].message, /PUT \/api\/v1\/campaigns\/.+\/landing/u);

  const refused = await api('POST', `/campaigns/${id}/send`, { template: TEMPLATE });
  assert.equal(refused.status, 422);
  assert.equal(refused.body.code, 'TODOKU_E_LANDING_REQUIRED');
  assert.match(refused.body.title, /受信者ページを設定してください/u);
  assert.equal((await api('GET', `/campaigns/${id}`)).body.status, 'draft');

  // Without {{url}} nothing needs a page.
  const plain = await api('POST', `/campaigns/${id}/preview`, { template: '{{name}}様 お知らせがあります', limit: 1 });
  assert.deepEqual(plain.body.blockers, []);

  await setLanding(server, String(id), { verification: { method: 'birth_date' }, expiresAt: null, notice: '{{name}}様へのお知らせ' });
  assert.deepEqual((await api('POST', `/campaigns/${id}/preview`, { template: TEMPLATE, limit: 1 })).body.blockers, []);
  const sent = await api('POST', `/campaigns/${id}/send`, { template: TEMPLATE });
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  assert.equal(sent.body.queued, 2);
});
