// The operator API of the recipient's side: the organisation's branding, contact and official senders
// (with a readable colour and a real image for a logo), a campaign's landing settings checked against
// its list, all in the OpenAPI document and behind the API key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { campaignWithList } from '../../support/factories.ts';
import { Visitor } from './visitor.ts';

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const LIST = ['氏名,電話番号,金額,生年月日,学籍番号', '山田 太郎,090-4444-0001,12345,1990/01/02,S0001'].join('\n');

let t: TestApp;
let campaignId: number;
before(async () => {
  t = await startTestApp('sqlite');
  ({ id: campaignId } = await campaignWithList(t, { name: 'settings', template: '{{name}}様 {{url}}' }, LIST));
});
after(async () => t.stop());

test('before it is set, the organisation is Todoku with the route sender as its official one', async () => {
  const r = await t.api('GET', '/organisation');
  assert.equal(r.status, 200);
  assert.equal(r.body.name, 'Todoku');
  assert.deepEqual(r.body.officialSenders, ['TODOKU']);
  assert.equal(r.body.linkBase, `${t.url}/l`);
  assert.equal(r.body.updatedAt, null);
});

test('branding, contact and official senders are set, shown back and audited', async () => {
  const body = {
    name: '東都大学 学生課',
    nameEn: 'Toto University',
    colours: { primary: '#003366', accent: '#b3261e' },
    contact: { phone: '03-1234-5678', hours: '平日 9:00〜17:00', hoursEn: 'Weekdays 9:00-17:00' },
    officialSenders: ['0120-000-111'],
    linkBase: 'https://t.toto-u.ac.jp/l',
    sampleMessage: '【東都大学】授業料のご案内です。https://t.toto-u.ac.jp/l/AbC12dEf34G',
  };
  const put = await t.api('PUT', '/organisation', body);
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const got = await t.api('GET', '/organisation');
  assert.equal(got.body.name, '東都大学 学生課');
  assert.deepEqual(got.body.colours, body.colours);
  assert.deepEqual(got.body.contact, body.contact);
  assert.deepEqual(got.body.officialSenders, ['0120-000-111']);
  assert.equal(got.body.linkBase, 'https://t.toto-u.ac.jp/l');
  const audit = await t.app.store.audit.list(10);
  assert.ok(audit.some((a) => a.action === 'organisation.update'));
  const css = await new Visitor(t.url).get('/p/style.css');
  assert.match(css.html, /--brand:#003366;--brand-text:#ffffff/u);
});

test('saving without a link base (as the console form does) keeps the one set before; null puts the default back', async () => {
  const base = { name: '東都大学 学生課', colours: { primary: '#003366', accent: '#b3261e' }, officialSenders: ['0120-000-111'] };
  assert.equal((await t.api('PUT', '/organisation', { ...base, linkBase: 'https://t.toto-u.ac.jp/l' })).status, 200);
  assert.equal((await t.api('PUT', '/organisation', { ...base, nameEn: 'Toto University' })).status, 200);
  assert.equal((await t.api('GET', '/organisation')).body.linkBase, 'https://t.toto-u.ac.jp/l');
  assert.equal((await t.api('PUT', '/organisation', { ...base, linkBase: null })).status, 200);
  assert.equal((await t.api('GET', '/organisation')).body.linkBase, `${t.url}/l`);
});

test('a colour text cannot be read on is refused; so is a logo URL that is not https', async () => {
  const grey = await t.api('PUT', '/organisation', { name: 'x', colours: { primary: '#777777', accent: '#b3261e' }, officialSenders: [] });
  assert.equal(grey.status, 422);
  assert.equal(grey.body.code, 'TODOKU_E_ORGANISATION_COLOUR');
  assert.match(grey.body.title, /コントラスト比/u);
  assert.equal((await t.api('PUT', '/organisation', { name: 'x', colours: { primary: 'navy', accent: '#b3261e' } })).status, 400);
  assert.equal((await t.api('PUT', '/organisation', { name: 'x', logoUrl: 'http://example.jp/logo.png' })).status, 400);
  assert.equal((await t.api('GET', '/organisation')).body.name, '東都大学 学生課', 'nothing changed');
});

test('an uploaded logo must be a real image; it is served to the pages', async () => {
  const svg = await t.api('PUT', '/organisation/logo', { data: Buffer.from('<svg onload="alert(1)"/>').toString('base64') });
  assert.equal(svg.status, 422);
  assert.equal(svg.body.code, 'TODOKU_E_LOGO');
  const png = await t.api('PUT', '/organisation/logo', { data: ONE_PIXEL_PNG });
  assert.equal(png.status, 200);
  assert.equal(png.body.logo.kind, 'uploaded');
  const logo = await fetch(`${t.url}${png.body.logo.url}`);
  assert.equal(logo.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await logo.arrayBuffer()), Buffer.from(ONE_PIXEL_PNG, 'base64'));
  const page = await new Visitor(t.url).get('/verify');
  assert.match(page.html, /<img src="\/p\/logo\?v=[0-9a-z]+" alt="">/u);
  assert.equal((await t.api('DELETE', '/organisation/logo')).status, 204);
  assert.equal((await t.api('GET', '/organisation')).body.logo, null);
});

test('landing settings are refused when the list cannot answer them', async () => {
  const noColumn = await t.api('PUT', `/campaigns/${campaignId}/landing`, { verification: { method: 'postal_code' }, expiresAt: null, notice: 'x' });
  assert.equal(noColumn.status, 422);
  assert.equal(noColumn.body.code, 'TODOKU_E_LANDING_COLUMN');
  assert.match(noColumn.body.title, /postal_code/u);
  const missingField = await t.api('PUT', `/campaigns/${campaignId}/landing`, { verification: { method: 'birth_date' }, expiresAt: null, notice: '{{name}}様 {{住所}}' });
  assert.equal(missingField.status, 422);
  assert.equal(missingField.body.code, 'TODOKU_E_NOTICE_FIELDS');
  assert.deepEqual(missingField.body.details.missing, ['住所']);
  const inLink = await t.api('PUT', `/campaigns/${campaignId}/landing`, { verification: { method: 'birth_date' }, expiresAt: null, notice: '[pay]({{amount}})' });
  assert.equal(inLink.body.code, 'TODOKU_E_NOTICE_FIELD_PLACEMENT');
  const syntax = await t.api('PUT', `/campaigns/${campaignId}/landing`, { verification: { method: 'birth_date' }, expiresAt: null, notice: '{{name' });
  assert.equal(syntax.body.code, 'TODOKU_E_TEMPLATE_SYNTAX');
  const badMethod = await t.api('PUT', `/campaigns/${campaignId}/landing`, { verification: { method: 'face' }, expiresAt: null, notice: 'x' });
  assert.equal(badMethod.status, 400);
  assert.equal((await t.api('GET', `/campaigns/${campaignId}/landing`)).status, 404, 'nothing was saved');
});

test('a 10,830-character notice, a column named by its header, an expiry and a contact are saved and shown back', async () => {
  let notice = '# ご案内\n\n{{name}}様 {{amount|yen}}\n\n';
  while ([...notice].length < 10_830) notice += '授業料の納付についてご案内いたします。期限までにお手続きください。\n\n';
  const expiresAt = '2030-03-31T23:59:00+09:00';
  const put = await t.api('PUT', `/campaigns/settings/landing`, {
    verification: { method: 'id_suffix', column: '学籍番号', digits: 4 },
    expiresAt,
    notice,
    contact: { name: '学生課 奨学金係', phone: '03-0000-1111', hours: '平日 10:00〜16:00' },
  });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  const got = await t.api('GET', `/campaigns/${campaignId}/landing`);
  assert.deepEqual(got.body.verification, { method: 'id_suffix', column: 'external_id', digits: 4 });
  assert.equal(got.body.expiresAt, new Date(expiresAt).toISOString());
  assert.equal(got.body.notice, notice);
  assert.equal(got.body.contact.name, '学生課 奨学金係');
  assert.deepEqual(got.body.funnel, { opened: 0, verified: 0, locked: 0 });
  assert.ok((await t.app.store.audit.list(10)).some((a) => a.action === 'campaign.landing.update' && a.target === `campaign:${campaignId}`));
});

test('the routes are in the OpenAPI document and need an API key', async () => {
  const doc = await t.api('GET', '/api/v1/openapi.json', undefined, { key: null });
  for (const path of ['/api/v1/organisation', '/api/v1/organisation/logo', '/api/v1/campaigns/{campaign}/landing', '/api/v1/messages/{id}/unlock', '/api/v1/messages/{id}/landing']) {
    assert.ok(doc.body.paths[path], `${path} documented`);
  }
  assert.ok(doc.body.paths['/api/v1/campaigns/{campaign}/landing'].put.requestBody);
  assert.equal((await t.api('GET', '/organisation', undefined, { key: null })).status, 401);
  assert.equal((await t.api('POST', '/messages/1/unlock', undefined, { key: null })).status, 401);
});
