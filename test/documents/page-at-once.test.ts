// The verified page keeps a recipient's document kind and size for a moment (store/documents.ts
// SHOWN_DOCUMENT_MS), so every way a document is written in this process must show on the page at once,
// on SQLite and PostgreSQL: an upload, its removal, an invoice issued on its first download and the
// issued invoices removed. Each write comes right after a view that read the document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../support/factories.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { makePdf, zip } from './fixtures.ts';

const LIST = ['氏名,電話番号,学籍番号,金額,支払期限,生年月日', '山田 太郎,090-6700-0001,S0001,12345,2026/12/01,1990/01/02'].join('\n');

eachDatabase('a document shows on the page at once', (kind) => {
  let t: TestApp;
  let c: SentCampaign;
  before(async () => {
    t = await startTestApp(kind);
    await setOrganisation(t, TOTO_UNIVERSITY);
    c = await sentCampaign(t, `書類の表示 ${kind}`, LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# お知らせ\n\n{{name}}様' });
  });
  after(async () => t?.stop());

  test('an upload, its removal, an invoice issued on first download and its removal', async () => {
    const r = c.recipients.get('山田 太郎')!;
    const v = new Visitor(t.url);
    assert.equal((await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990-01-02' })).status, 303);
    const section = async () => /<section class="card" aria-labelledby="pdf-h">[\s\S]*?<\/section>/u.exec((await v.get(r.path)).html)?.[0] ?? null;

    assert.equal(await section(), null, 'nothing to offer yet');
    const up = await t.api('POST', `/campaigns/${c.id}/documents?column=${encodeURIComponent('学籍番号')}`, zip({ 'S0001.pdf': await makePdf('for S0001') }), { contentType: 'application/zip' });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal(up.body.stored, 1);
    const uploaded = await section();
    assert.match(uploaded ?? '', /お知らせの書類[\s\S]*PDF・1 KB/u, 'the upload at once');

    assert.equal((await t.api('DELETE', `/campaigns/${c.id}/documents?source=upload`)).body.removed, 1);
    assert.equal(await section(), null, 'the removal at once');

    assert.equal((await t.api('PUT', `/campaigns/${c.id}/documents/invoice`, { paymentInstructions: '{{due_date|date}}までにお支払いください。' })).status, 200);
    assert.match((await section()) ?? '', /請求書[\s\S]*<span class="hint">PDF<\/span>/u, 'an invoice still to be issued');
    const file = await fetch(`${t.url}${r.path}/pdf/file`, { headers: { cookie: [...v.cookies.entries()].map(([k, x]) => `${k.split('\0')[0]}=${x.value}`).join('; '), 'x-forwarded-for': v.ip } });
    assert.equal(file.status, 200);
    await file.arrayBuffer();
    assert.match((await section()) ?? '', /請求書[\s\S]*PDF・\d+ KB/u, 'issued on download: its size at once');

    assert.equal((await t.api('DELETE', `/campaigns/${c.id}/documents?source=invoice`)).body.removed, 1);
    assert.match((await section()) ?? '', /請求書[\s\S]*<span class="hint">PDF<\/span>/u, 'the issued invoice removed at once');
  });
});
