// A recipient's PDF as the page hands it out, on SQLite and PostgreSQL: the uploaded file when there is
// one, otherwise the invoice, generated on first download and then kept, so later downloads get the
// very same bytes; each download recorded with its message and time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { createDocumentService } from '../../src/documents/service.ts';
import { uploadDocuments } from '../../src/documents/upload.ts';
import { invoiceTemplateSchema } from '../../src/documents/invoice/template.ts';
import type { TodokuError } from '../../src/core/errors.ts';
import { chunked, makePdf, pdfText, studentCampaign, zip } from './fixtures.ts';

const TEMPLATE = invoiceTemplateSchema.parse({
  issuer: { name: '東都大学 財務課' },
  items: [
    { label: '授業料', column: '授業料' },
    { label: '施設設備費', column: '施設費' },
  ],
  paymentInstructions: '{{due_date|date}}までにお支払いください。',
});

eachDatabase('documents handed out', (kind) => {
  let t: TestDb;
  let clock = Date.UTC(2026, 10, 20, 1, 0);
  before(async () => {
    t = await createTestDb(kind, () => clock);
  });
  after(async () => t.cleanup());

  test('the invoice is issued on the first download, kept, and every download is recorded', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'issue-invoice');
    const docs = createDocumentService({ store: t.store, vault: testVault, now: () => clock });
    const yamada = recipients.get('S0001')!;
    assert.equal(await docs.offer(campaign.id, yamada.id), null, 'no template, no upload: nothing to offer');
    await docs.saveTemplate(campaign, TEMPLATE);
    assert.deepEqual(await docs.offer(campaign.id, yamada.id), { source: 'invoice', size: null });

    const ref = { campaignId: campaign.id, messageId: messageOf(yamada.id), recipientId: yamada.id };
    const first = (await docs.download(ref))!;
    assert.equal(first.source, 'invoice');
    assert.equal(first.fileName, '請求書.pdf');
    const text = pdfText(first.bytes);
    assert.match(text, /山田 太郎 様/u);
    assert.match(text, /施設設備費\s+¥2,345/u);
    assert.deepEqual(await docs.offer(campaign.id, yamada.id), { source: 'invoice', size: first.bytes.length });

    // The template changes and a day passes: what was issued stays what every download gets.
    await docs.saveTemplate(campaign, { ...TEMPLATE, title: '督促状' });
    clock += 24 * 3600 * 1000;
    const second = (await docs.download(ref))!;
    assert.deepEqual(second.bytes, first.bytes);
    const downloads = await t.store.documents.downloadsOf(ref.messageId);
    assert.deepEqual(downloads.map((d) => d.at), [clock - 24 * 3600 * 1000, clock]);
    assert.deepEqual(await t.store.documents.counts(campaign.id), { upload: 0, invoice: 1, downloads: 2, downloadedMessages: 1 });
  });

  test('an uploaded file wins over the invoice', async () => {
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'issue-upload');
    const docs = createDocumentService({ store: t.store, vault: testVault, now: () => clock });
    await docs.saveTemplate(campaign, TEMPLATE);
    const pdf = await makePdf('uploaded for S0002');
    await uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(zip({ 'S0002.pdf': pdf })));
    const sato = recipients.get('S0002')!;
    const file = (await docs.download({ campaignId: campaign.id, messageId: messageOf(sato.id), recipientId: sato.id }))!;
    assert.equal(file.source, 'upload');
    assert.deepEqual(new Uint8Array(file.bytes), pdf);
  });

  test('a template naming a column the list lacks is refused; a row that cannot fill the invoice gets no PDF', async () => {
    const unreadable = { line: 9, phone: '+819011119999', fields: { name: '未納 額子', phone: '+819011119999', amount: 'なし', due_date: '', external_id: 'S0009', 授業料: '', 施設費: '' } };
    const { campaign, recipients, messageOf } = await studentCampaign(t.store, 'issue-problems', [unreadable]);
    const docs = createDocumentService({ store: t.store, vault: testVault, now: () => clock });
    await assert.rejects(docs.saveTemplate(campaign, { ...TEMPLATE, items: [{ label: '寮費', column: '寮費' }] }), (e: TodokuError) => e.code === 'TODOKU_E_DOCUMENT_COLUMN');
    await assert.rejects(docs.saveTemplate(campaign, { ...TEMPLATE, number: 'INV-{{社員番号}}' }), (e: TodokuError) => {
      assert.match(e.ja, /差込項目 \{\{社員番号\}\} が宛先リストにありません/u);
      return true;
    });
    // A column by its CSV header or by its field: 学籍番号 is imported as external_id.
    const byHeader = await docs.preview(campaign, { ...recipients.get('S0001')!, phone: '' }, { ...TEMPLATE, number: 'INV-{{学籍番号}}/{{external_id}}' });
    assert.match(pdfText(byHeader), /INV-S0001\/S0001/u);
    await docs.saveTemplate(campaign, TEMPLATE);
    const broken = recipients.get('S0009')!;
    await assert.rejects(docs.download({ campaignId: campaign.id, messageId: messageOf(broken.id), recipientId: broken.id }), (e: TodokuError) => {
      assert.equal(e.code, 'TODOKU_E_INVOICE_FIELDS');
      assert.match(e.ja, /金額を円の金額として読めません/u);
      return true;
    });
  });
});
