// The column-mapping preview: the first rows of a CSV read exactly as the import reads them (encoding,
// header aliases, phone checks, duplicates, opted-out numbers, line numbers), header problems returned
// for the operator to fix rather than thrown, and nothing stored; the rejected rows of an import as JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { previewCsv } from '../../src/import/preview.ts';
import type { E164 } from '../../src/core/phone.ts';
import { eachDatabase } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList } from '../support/factories.ts';

const cp932 = (lines: string[]) => iconv.encode(lines.join('\r\n') + '\r\n', 'CP932');
const input = (b: Buffer | string) => Readable.from([typeof b === 'string' ? Buffer.from(b) : b]);

const LIST = [
  '学籍番号,氏名,携帯電話番号,金額,備考',
  'S0001,山田 太郎,090-1234-5678,12000,前期分',
  'S0002,佐藤 花子,03-3123-4567,5000,',
  'S0003,鈴木 一郎,０８０－１１１１－２２２２,8000,',
  'S0004,田中 健,090-1234-5678,1000,',
  'S0005,伊藤 さくら,12345,4000,',
];

test('a CP932 file as Excel saves it: encoding, each column’s field, each row accepted or rejected with its reason', async () => {
  const p = await previewCsv(input(cp932(LIST)), { limit: 20 });
  assert.equal(p.encoding, 'cp932');
  assert.deepEqual(
    p.columns.map((c) => [c.header, c.field, c.canonical]),
    [
      ['学籍番号', 'external_id', true],
      ['氏名', 'name', true],
      ['携帯電話番号', 'phone', true],
      ['金額', 'amount', true],
      ['備考', '備考', false],
    ],
  );
  assert.deepEqual(p.problems, []);
  assert.deepEqual(
    p.rows.map((r) => [r.line, r.accepted, r.phone ?? r.reason]),
    [
      [2, true, '+819012345678'],
      [3, false, 'phone_not_mobile'],
      [4, true, '+818011112222'],
      [5, false, 'duplicate'],
      [6, false, 'phone_invalid'],
    ],
  );
  assert.deepEqual(p.rows[0]!.cells, ['S0001', '山田 太郎', '090-1234-5678', '12000', '前期分']);
  assert.equal(p.rows[3]!.message!.ja, '2行目と同じ電話番号です');
  assert.equal(p.more, false);
});

test('an unknown phone header is a finding to fix, not an error; mapping the column by position fixes it', async () => {
  const file = cp932(['氏名,連絡先', '山田 太郎,090-1234-5678']);
  const before = await previewCsv(input(file), { limit: 20 });
  assert.deepEqual(before.problems.map((x) => [x.code, x.severity]), [['TODOKU_E_CSV_NO_PHONE', 'error']]);
  assert.equal(before.rows[0]!.reason, 'phone_empty');
  const after = await previewCsv(input(file), { limit: 20, overrides: { col_2: 'phone' } });
  assert.deepEqual(after.problems, []);
  assert.deepEqual(after.columns.map((c) => c.field), ['name', 'phone']);
  assert.equal(after.rows[0]!.accepted, true);
});

test('only the first rows are read; the start of a larger file does not show its last, maybe cut, record', async () => {
  const many = ['氏名,電話番号', ...Array.from({ length: 50 }, (_, i) => `名前${i},090-5555-${String(1000 + i)}`)].join('\n');
  const first = await previewCsv(input(many), { limit: 20 });
  assert.equal(first.rows.length, 20);
  assert.equal(first.more, true);
  assert.equal(first.rows[19]!.line, 21);

  const cut = '氏名,電話番号\n山田,090-5555-0001\n佐藤,090-5555-0002\n鈴木,090-55';
  const partial = await previewCsv(input(cut), { limit: 20, partial: true });
  assert.deepEqual(partial.rows.map((r) => r.line), [2, 3]);
  assert.equal(partial.more, true);
  const whole = await previewCsv(input(cut), { limit: 20 });
  assert.deepEqual(whole.rows.map((r) => [r.line, r.reason ?? 'ok']), [[2, 'ok'], [3, 'ok'], [4, 'phone_invalid']]);
});

test('UTF-8 with a BOM, a quoted cell over two lines, blank lines and an opted-out number: lines counted as the import counts them', async () => {
  const text = '\uFEFF氏名,電話番号,備考\n"山田\n太郎",090-6666-0001,a\n\n佐藤,090-6666-0002,b\n';
  const suppressed = new Set(['+819066660002']);
  const p = await previewCsv(input(text), { limit: 20, isSuppressed: (phone: E164) => suppressed.has(phone) });
  assert.equal(p.encoding, 'utf-8-bom');
  assert.deepEqual(p.rows.map((r) => [r.line, r.accepted, r.reason ?? null]), [[2, true, null], [5, false, 'suppressed']]);
  assert.equal(p.rows[0]!.cells[0], '山田\n太郎');
});

eachDatabase('CSV preview and rejections API', (kind) => {
  let app: TestApp;
  let viewerKey: string;
  before(async () => {
    app = await startTestApp(kind);
    viewerKey = (await app.api('POST', '/api-keys', { name: 'read only', role: 'viewer' })).body.key;
  });
  after(() => app?.stop());

  test('POST /csv/preview reads a CP932 body, honours the mapping, flags opted-out numbers, and stores nothing', async () => {
    assert.equal((await app.api('POST', '/suppressions', { phone: '080-9999-0002' })).status, 201);
    const body = cp932(['番号,氏名,連絡先', 'S1,山田 太郎,090-1234-5678', 'S2,鈴木 一郎,080-9999-0002', 'S3,高橋,090-7777-0001']);
    const r = await app.api('POST', `/csv/preview?limit=2&mapping=${encodeURIComponent(JSON.stringify({ 連絡先: 'phone', col_1: 'external_id' }))}`, body, { contentType: 'text/csv' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.encoding, 'cp932');
    assert.deepEqual(r.body.columns.map((c: { field: string }) => c.field), ['external_id', 'name', 'phone']);
    assert.ok(r.body.fields.includes('due_date'));
    assert.deepEqual(
      r.body.rows.map((x: { line: number; accepted: boolean; reason?: string; phone?: string }) => [x.line, x.accepted, x.reason ?? x.phone]),
      [
        [2, true, '+819012345678'],
        [3, false, 'suppressed'],
      ],
    );
    assert.equal(r.body.rows[1].message, '配信停止（オプトアウト）済みの電話番号です');
    assert.equal(r.body.more, true);
    const campaigns = await app.api('GET', '/campaigns');
    assert.deepEqual(campaigns.body.campaigns, [], 'nothing was stored');
  });

  test('the preview is for operators; a wrong mapping or a workbook is refused with a reason', async () => {
    const csv = '氏名,電話番号\n山田,090-1234-5678\n';
    assert.equal((await app.api('POST', '/csv/preview', csv, { contentType: 'text/csv', key: viewerKey })).status, 403);
    const bad = await app.api('POST', '/csv/preview?mapping=%7Bnope', csv, { contentType: 'text/csv' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.title, /mapping/);
    const xlsx = await app.api('POST', '/csv/preview', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), { contentType: 'application/octet-stream' });
    assert.equal(xlsx.status, 422);
    assert.equal(xlsx.body.code, 'TODOKU_E_CSV_NOT_CSV');
  });

  test('GET /campaigns/:c/rejections lists rejected rows with line, reason and the number as written', async () => {
    const { id, imported } = await campaignWithList(app, { name: 'rejects' }, cp932(LIST));
    assert.equal(imported.rejected, 3);
    const r = await app.api('GET', `/campaigns/${id}/rejections?limit=2`);
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 3);
    assert.equal(r.body.more, true);
    assert.deepEqual(r.body.rejections.map((x: { line: number; reason: string; raw: string }) => [x.line, x.reason, x.raw]), [
      [3, 'phone_not_mobile', '03-3123-4567'],
      [5, 'duplicate', '090-1234-5678'],
    ]);
    assert.match(r.body.rejections[0].message_en, /landline/);
    assert.equal((await app.api('GET', `/campaigns/${id}/rejections`, undefined, { key: viewerKey })).status, 403);
  });
});
