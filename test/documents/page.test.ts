// The PDF on the verified page, over HTTP: offered only after the identity check, downloaded as an
// attachment with each download recorded; not by a stranger's direct URL, and not once the link has
// expired (the contact page instead, with no name, amount or PDF).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, setLandingPage, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../support/factories.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';
import { pdfText } from './fixtures.ts';

const LIST = ['氏名,電話番号,金額,支払期限,生年月日', '山田 太郎,090-6666-0001,12345,2026/12/01,1990/01/02'].join('\n');
const NOTICE = '# お知らせ\n\n{{name}}様';

let t: TestApp;
let c: SentCampaign;
before(async () => {
  t = await startTestApp('sqlite');
  await setOrganisation(t, TOTO_UNIVERSITY);
  c = await sentCampaign(t, 'PDF画面', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: NOTICE }, {
    beforeSend: async (id) => {
      const put = await t.api('PUT', `/campaigns/${id}/documents/invoice`, { paymentInstructions: '{{due_date|date}}までにお支払いください。' });
      assert.equal(put.status, 200, JSON.stringify(put.body));
    },
  });
});
after(async () => t?.stop());

test('after verification the page offers the invoice; the download is the PDF, recorded with its message', async () => {
  const r = c.recipients.get('山田 太郎')!;
  const stranger = new Visitor(t.url);
  const direct = await stranger.get(`${r.path}/pdf/file`);
  assert.equal(direct.status, 303, 'a direct URL without a session goes to the identity check');
  assert.equal(direct.location, r.path);
  assert.doesNotMatch(direct.headers.get('content-type') ?? '', /pdf/u);

  const v = new Visitor(t.url);
  await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990-01-02' });
  const page = await v.get(r.path);
  assert.match(page.html, /<h2 id="pdf-h">請求書<\/h2>/u);
  assert.match(page.html, /<a class="button wide" href="\/l\/[0-9A-Za-z]{11}\/pdf\/file" download>PDFをダウンロード<\/a>/u);

  const file = await fetch(`${t.url}${r.path}/pdf/file`, { headers: { cookie: [...v.cookies.entries()].map(([k, x]) => `${k.split('\0')[0]}=${x.value}`).join('; '), 'x-forwarded-for': v.ip } });
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition')!, /^attachment; filename=".*\.pdf"; filename\*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8\.pdf$/u);
  assert.equal(file.headers.get('cache-control'), 'no-store');
  const text = pdfText(new Uint8Array(await file.arrayBuffer()));
  assert.match(text, /山田 太郎 様/u);
  assert.match(text, /東都大学 学生課/u, "the organisation's name as issuer");
  assert.match(text, /2026年12月1日（火）/u);

  const downloads = await t.api('GET', `/campaigns/${c.id}/documents/downloads`);
  assert.equal(downloads.body.downloads.length, 1);
  assert.equal(downloads.body.downloads[0].messageId, r.messageId);
  assert.ok(Date.now() - Date.parse(downloads.body.downloads[0].at) < 60_000);
  assert.match((await v.get(r.path)).html, /PDF・\d+ KB/u, 'once issued, its size is shown');
});

test('an expired link gives the contact page, not the PDF, even with a session and by direct URL', async () => {
  const r = c.recipients.get('山田 太郎')!;
  const v = new Visitor(t.url);
  await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990-01-02' });
  await setLandingPage(t, c.id, { verification: { method: 'birth_date' }, expiresAt: new Date(Date.now() - 60_000).toISOString(), notice: NOTICE });
  for (const path of [r.path, `${r.path}/pdf/file`, `${r.path}/survey/answer`, `${r.path}/payment/return?result=success`]) {
    const page = await v.get(path);
    assert.equal(page.status, 410, path);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.doesNotMatch(textOf(page.html), /山田|12,345|PDFをダウンロード/u, path);
  }
});
