// Uploaded PDFs on SQLite and PostgreSQL: a ZIP streamed in, each file matched to a recipient by 学籍番号,
// checked to be a PDF, sealed at rest; every unused file and every recipient without a file reported;
// a ZIP that fails half-way (or breaks a limit) changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { uploadDocuments } from '../../src/documents/upload.ts';
import { createDocumentService } from '../../src/documents/service.ts';
import { DEFAULT_ZIP_LIMITS } from '../../src/documents/zip-intake.ts';
import type { TodokuError } from '../../src/core/errors.ts';
import { chunked, makePdf, studentCampaign, zip } from './fixtures.ts';

eachDatabase('uploaded documents', (kind) => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb(kind);
  });
  after(async () => t.cleanup());

  test('a ZIP of PDFs named by 学籍番号 reaches the right recipients; strays and gaps are reported', async () => {
    const { campaign, recipients } = await studentCampaign(t.store, 'zip-match');
    const yamadaPdf = await makePdf('for S0001');
    const archive = zip({
      'S0001.pdf': yamadaPdf,
      's0002.PDF': await makePdf('for S0002'),
      '後期/S0003.pdf': await makePdf('for S0003'),
      '後期/S0001.pdf': await makePdf('again S0001'),
      'S9999.pdf': await makePdf('nobody'),
      'S0004.pdf': 'this is not a PDF',
      '__MACOSX/._S0001.pdf': 'resource fork',
      '.DS_Store': 'x',
    });
    const report = await uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(archive, 1000));
    assert.deepEqual(report.column, { header: '学籍番号', field: 'external_id' });
    assert.equal(report.files, 6, 'macOS metadata and hidden files are not counted');
    assert.equal(report.stored, 3);
    assert.equal(report.replaced, 0);
    assert.deepEqual(
      report.rejected.map((r) => [r.file, r.reason]),
      [
        ['後期/S0001.pdf', 'duplicate_file'],
        ['S9999.pdf', 'no_recipient'],
        ['S0004.pdf', 'not_pdf'],
      ],
    );
    assert.match(report.rejected[1]!.message, /S9999.pdf」に当たる宛先がありません/u);
    assert.equal(report.recipients, 5);
    assert.deepEqual(report.recipientsWithout, { count: 2, list: [{ line: 5, key: 'S0004' }, { line: 6, key: 'S0005' }] });

    const docs = createDocumentService({ store: t.store, vault: testVault });
    const yamada = recipients.get('S0001')!;
    const file = await docs.fileOf(campaign, { ...yamada, phone: '' });
    assert.ok(file);
    assert.equal(file.source, 'upload');
    assert.equal(file.fileName, 'S0001.pdf');
    assert.deepEqual(new Uint8Array(file.bytes), yamadaPdf);
  });

  test('files are sealed at rest: the stored bytes are not the PDF, and a sealed file moved to another recipient does not open', async () => {
    const { campaign, recipients } = await studentCampaign(t.store, 'zip-sealed');
    const pdf = await makePdf('secret invoice');
    await uploadDocuments(t.store, testVault, campaign, 'external_id', chunked(zip({ 'S0001.pdf': pdf })));
    const stored = (await t.store.documents.current(recipients.get('S0001')!.id))!;
    assert.equal(stored.size, pdf.length);
    assert.equal(stored.content.indexOf(Buffer.from('%PDF-')), -1);
    assert.equal(stored.content.indexOf(Buffer.from('secret invoice')), -1);
    const docs = createDocumentService({ store: t.store, vault: testVault });
    const opened = await docs.fileOf(campaign, { ...recipients.get('S0001')!, phone: '' });
    assert.deepEqual(new Uint8Array(opened!.bytes), pdf);
    const { documentSealer } = await import('../../src/documents/seal.ts');
    assert.throws(() => documentSealer(testVault).open(stored.content, { campaignId: campaign.id, recipientId: recipients.get('S0002')!.id }));
  });

  test('a second ZIP replaces those recipients\' files; one that breaks off half-way leaves the first in place', async () => {
    const { campaign, recipients } = await studentCampaign(t.store, 'zip-replace');
    const docs = createDocumentService({ store: t.store, vault: testVault });
    const yamada = { ...recipients.get('S0001')!, phone: '' };
    await uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(zip({ 'S0001.pdf': await makePdf('first'), 'S0002.pdf': await makePdf('first') })));
    const second = await uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(zip({ 'S0001.pdf': await makePdf('second version') })));
    assert.equal(second.replaced, 1);
    assert.deepEqual(new Uint8Array((await docs.fileOf(campaign, yamada))!.bytes), await makePdf('second version'));
    assert.ok(await t.store.documents.current(recipients.get('S0002')!.id), 'others keep theirs');

    const good = zip({ 'S0001.pdf': await makePdf('third version'), 'S0003.pdf': await makePdf('third') });
    // Cut inside the second file, and cut only the archive's end record: both are a ZIP broken off.
    for (const cut of [Math.floor(good.length * 0.6), good.length - 10, good.length - 1]) {
      await assert.rejects(uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(good.subarray(0, cut), 500)), (e: TodokuError) => e.code === 'TODOKU_E_DOCUMENT_ZIP', `cut at ${cut} of ${good.length}`);
    }
    assert.deepEqual(new Uint8Array((await docs.fileOf(campaign, yamada))!.bytes), await makePdf('second version'));
    assert.equal(await t.store.documents.current(recipients.get('S0003')!.id), undefined);
    assert.deepEqual(await t.store.documents.counts(campaign.id), { upload: 2, invoice: 0, downloads: 0, downloadedMessages: 0 });
  });

  test('limits hold while streaming: a file over its limit is skipped, a zip bomb stops the upload before memory runs out', async () => {
    const { campaign } = await studentCampaign(t.store, 'zip-limits');
    const limits = { ...DEFAULT_ZIP_LIMITS, maxFileBytes: 50_000, maxTotalBytes: 2_000_000 };
    const padded = Buffer.concat([Buffer.from(await makePdf('big')), Buffer.alloc(60_000, 0x20)]);
    const report = await uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(zip({ 'S0001.pdf': padded, 'S0002.pdf': await makePdf('ok') })), limits);
    assert.deepEqual(report.rejected.map((r) => [r.file, r.reason]), [['S0001.pdf', 'too_large']]);
    assert.equal(report.stored, 1);

    // 8 MB of zeros deflate to about 8 KB; the inflated bytes are counted as they come, so the upload
    // stops at the 2 MB limit instead of inflating it all.
    const bomb = zip({ 'S0003.pdf': Buffer.alloc(8 * 1024 * 1024) });
    assert.ok(bomb.length < 20_000, `bomb is ${bomb.length} bytes`);
    await assert.rejects(uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(bomb, 64 * 1024), limits), (e: TodokuError) => {
      assert.equal(e.code, 'TODOKU_E_DOCUMENT_ZIP_TOO_LARGE');
      assert.match(e.ja, /展開後の合計サイズが上限/u);
      return true;
    });
    assert.equal((await t.store.documents.counts(campaign.id)).upload, 1, 'nothing staged by the bomb remains');
  });

  test('a body that is not a ZIP, and an unknown column, are refused with a reason', async () => {
    const { campaign } = await studentCampaign(t.store, 'zip-refused');
    await assert.rejects(uploadDocuments(t.store, testVault, campaign, '学籍番号', chunked(await makePdf('bare pdf'))), (e: TodokuError) => e.code === 'TODOKU_E_DOCUMENT_NOT_ZIP');
    await assert.rejects(uploadDocuments(t.store, testVault, campaign, '社員番号', chunked(zip({}))), (e: TodokuError) => {
      assert.equal(e.code, 'TODOKU_E_DOCUMENT_COLUMN');
      assert.match(e.ja, /列「社員番号」が宛先リストにありません（あるのは: 氏名、電話番号/u);
      return true;
    });
  });
});
