// An invoice template that could never make a PDF (no issuer name in it, no organisation name to fall
// back on) is refused when it is saved, with 422 naming the field, not discovered at every recipient's PDF.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList, setOrganisation, TOTO_UNIVERSITY } from '../support/factories.ts';

const LIST = ['氏名,電話番号,金額,支払期限', '山田 太郎,090-2222-0001,12345,2026/12/01'].join('\n');

let t: TestApp;
let id: number;
before(async () => {
  t = await startTestApp('sqlite');
  ({ id } = await campaignWithList(t, { name: '請求書の必須項目' }, LIST));
});
after(async () => t?.stop());

const put = (body: unknown) => t.api('PUT', `/campaigns/${id}/documents/invoice`, body);

test('without an issuer name and without an organisation, saving is refused and nothing is stored', async () => {
  const r = await put({ paymentInstructions: '{{due_date|date}}までにお振込みください' });
  assert.equal(r.status, 422, JSON.stringify(r.body));
  assert.equal(r.body.code, 'TODOKU_E_INVOICE_FIELDS');
  assert.equal(r.body.details[0].field, 'issuer.name');
  assert.match(r.body.title, /発行者名/u);
  assert.match(r.body.title_en, /issuer name/u);
  assert.equal((await t.api('GET', `/campaigns/${id}/documents/invoice`)).status, 404);
});

test('an issuer name in the template is enough', async () => {
  const r = await put({ issuer: { name: '東都大学 財務課' }, paymentInstructions: 'お振込みください' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await t.api('DELETE', `/campaigns/${id}/documents/invoice`)).status, 204);
});

test("once the organisation has a name, a template without an issuer uses it and is saved", async () => {
  await setOrganisation(t, TOTO_UNIVERSITY);
  const r = await put({ paymentInstructions: 'お振込みください' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const preview = await t.api('POST', `/campaigns/${id}/documents/invoice/preview?line=2`);
  assert.equal(preview.status, 200);
  assert.equal(preview.headers.get('content-type'), 'application/pdf');
});
