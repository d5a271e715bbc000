// The documents API over HTTP on the running app: a ZIP uploaded with curl-like requests, the report,
// who has no file, the invoice template with a PDF preview, one recipient's PDF, and the refusals.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList } from '../support/factories.ts';
import { makePdf, pdfText, zip } from './fixtures.ts';

const LIST = ['氏名,電話番号,金額,支払期限,学籍番号,授業料', '山田 太郎,090-2222-0001,12345,2026/12/01,S0001,12345', '佐藤 花子,090-2222-0002,5000,2026/12/01,S0002,5000', '鈴木 一郎,090-2222-0003,8000,2026/12/01,S0003,8000'].join('\n');

let t: TestApp;
let id: number;
before(async () => {
  t = await startTestApp('sqlite');
  ({ id } = await campaignWithList(t, { name: '書類API' }, LIST));
});
after(async () => t?.stop());

test('POST a ZIP: files matched by 学籍番号, the report lists strays and recipients without a file', async () => {
  const body = zip({ 'S0001.pdf': await makePdf('S0001'), 'S0002.pdf': await makePdf('S0002'), 'S0099.pdf': await makePdf('x') });
  const r = await t.api('POST', `/campaigns/${id}/documents?column=${encodeURIComponent('学籍番号')}`, body, { contentType: 'application/zip' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.stored, 2);
  assert.deepEqual(r.body.rejected.map((x: any) => x.reason), ['no_recipient']);
  assert.deepEqual(r.body.recipientsWithout, { count: 1, list: [{ line: 4, key: 'S0003' }] });

  const summary = await t.api('GET', `/campaigns/${id}/documents?missing=true`);
  assert.equal(summary.status, 200);
  assert.equal(summary.body.matchColumn, '学籍番号');
  assert.equal(summary.body.uploaded, 2);
  assert.equal(summary.body.recipientsWithout.count, 1);

  const pdf = await t.api('GET', `/campaigns/${id}/documents/line/2`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition')!, /filename\*=UTF-8''S0001\.pdf/u);
  assert.deepEqual(new Uint8Array(pdf.raw), await makePdf('S0001'));
  assert.equal((await t.api('GET', `/campaigns/${id}/documents/line/4`)).status, 404);
});

test('the invoice template is checked, saved and previewed as a PDF for a line of the list', async () => {
  const bad = await t.api('PUT', `/campaigns/${id}/documents/invoice`, { paymentInstructions: 'x', items: [{ label: '寮費', column: '寮費' }] });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'TODOKU_E_DOCUMENT_COLUMN');
  const syntax = await t.api('PUT', `/campaigns/${id}/documents/invoice`, { paymentInstructions: '{{amount|円}}' });
  assert.equal(syntax.status, 422);
  assert.equal(syntax.body.code, 'TODOKU_E_TEMPLATE_SYNTAX');

  const put = await t.api('PUT', `/campaigns/${id}/documents/invoice`, { issuer: { name: '東都大学' }, items: [{ label: '授業料', column: '授業料' }], paymentInstructions: '{{due_date|date}}までにお振込みください' });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.title, '請求書');
  assert.equal((await t.api('GET', `/campaigns/${id}/documents/invoice`)).body.issuer.name, '東都大学');

  const preview = await t.api('POST', `/campaigns/${id}/documents/invoice/preview?line=4`);
  assert.equal(preview.status, 200, preview.raw.toString());
  const text = pdfText(preview.raw);
  assert.match(text, /鈴木 一郎 様/u);
  assert.match(text, /¥8,000/u);
  assert.equal((await t.api('GET', `/campaigns/${id}/documents`)).body.invoicesIssued, 0, 'a preview issues nothing');
  assert.equal((await t.api('POST', `/campaigns/${id}/documents/invoice/preview?line=99`)).status, 404);
});

test('a body that is not a ZIP, a missing column and no API key are refused as problems', async () => {
  const notZip = await t.api('POST', `/campaigns/${id}/documents?column=学籍番号`, await makePdf('bare'), { contentType: 'application/octet-stream' });
  assert.equal(notZip.status, 415);
  assert.equal(notZip.body.code, 'TODOKU_E_DOCUMENT_NOT_ZIP');
  assert.match(notZip.body.title, /ZIPファイルを送ってください/u);
  const noColumn = await t.api('POST', `/campaigns/${id}/documents`, zip({}), { contentType: 'application/zip' });
  assert.equal(noColumn.status, 400);
  const anonymous = await t.api('GET', `/campaigns/${id}/documents`, undefined, { key: null });
  assert.equal(anonymous.status, 401);
});
