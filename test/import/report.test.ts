// Rejection report: a CSV for Excel in UTF-8 with BOM or CP932, decoded back and parsed to check every cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { csvCell, REPORT_HEADER, writeRejectionReport } from '../../src/import/report.ts';
import type { RejectedRow } from '../../src/core/csv/row.ts';
import { importFile, readAll, tempDir, writeCsv, csvText } from './fixtures.ts';

const ROWS: RejectedRow[] = [
  { line: 4, reason: 'phone_not_mobile', message: { ja: '携帯電話番号ではありません', en: 'Not a mobile number' }, raw: '03-1234-5678' },
  { line: 6, reason: 'duplicate', message: { ja: '2行目と同じ電話番号です', en: 'same phone number as line 2' }, raw: '+81 90 1234 5678' },
  { line: 9, reason: 'phone_invalid', message: { ja: '電話番号として正しくありません', en: 'Not valid, "really"' }, raw: '=HYPERLINK("http://x","y")' },
  { line: 12, reason: 'column_count', message: { ja: '列の数が違います', en: 'Wrong, column count' } },
];

function cells(text: string): string[][] {
  return parse(text, { relax_column_count: true }) as string[][];
}

test('UTF-8 report starts with a BOM, uses CRLF and reads back cell for cell', async () => {
  const bytes = await readAll(writeRejectionReport(ROWS, 'utf-8-bom'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  assert.equal(text.split('\r\n').length, ROWS.length + 2, 'header, rows and a final CRLF');
  assert.doesNotMatch(text.replaceAll('\r\n', ''), /[\r\n]/);
  assert.deepEqual(cells(text), [
    [...REPORT_HEADER],
    ['4', 'phone_not_mobile', '携帯電話番号ではありません', 'Not a mobile number', '03-1234-5678'],
    ['6', 'duplicate', '2行目と同じ電話番号です', 'same phone number as line 2', "'+81 90 1234 5678"],
    ['9', 'phone_invalid', '電話番号として正しくありません', 'Not valid, "really"', `'=HYPERLINK("http://x","y")`],
    ['12', 'column_count', '列の数が違います', 'Wrong, column count', ''],
  ]);
});

test('CP932 report decodes back to the same Japanese text, without a BOM', async () => {
  const bytes = await readAll(writeRejectionReport(ROWS, 'cp932'));
  assert.notEqual(bytes[0], 0xef);
  const text = iconv.decode(bytes, 'CP932');
  assert.ok(text.startsWith('行番号/line,'));
  assert.equal(cells(text)[1]?.[2], '携帯電話番号ではありません');
  assert.deepEqual(cells(text), cells((await readAll(writeRejectionReport(ROWS, 'utf-8-bom'))).subarray(3).toString()));
});

test('cells that Excel would run as formulas get a leading quote', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+819012345678'), "'+819012345678");
  assert.equal(csvCell('-5'), "'-5");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\t=cmd'), "'\t=cmd");
  assert.equal(csvCell('090-1234-5678'), '090-1234-5678');
  assert.equal(csvCell('a,"b"\nc'), '"a,""b""\nc"');
});

test('rows can come from an async source, many at a time', async () => {
  async function* many(): AsyncGenerator<RejectedRow> {
    for (let i = 0; i < 5000; i++) yield { line: i + 2, reason: 'phone_empty', message: { ja: '電話番号が空です', en: 'empty' }, raw: '' };
  }
  const text = iconv.decode(await readAll(writeRejectionReport(many(), 'cp932')), 'CP932');
  const parsed = cells(text);
  assert.equal(parsed.length, 5001);
  assert.deepEqual(parsed.at(-1), ['5001', 'phone_empty', '電話番号が空です', 'empty', '']);
});

test('an imported CP932 file yields a report with the lines a person can find', async (t) => {
  const path = await writeCsv(
    await tempDir(t),
    'office.csv',
    csvText(['氏名,携帯電話番号', '山田,090-1234-5678', '佐藤,03-1234-5678', '鈴木,090-1234-5678', '田中,']),
    'cp932',
  );
  const { rejected } = await importFile(path);
  const report = cells(iconv.decode(await readAll(writeRejectionReport(rejected, 'cp932')), 'CP932'));
  assert.deepEqual(report.slice(1).map((r) => [r[0], r[1], r[4]]), [
    ['3', 'phone_not_mobile', '03-1234-5678'],
    ['4', 'duplicate', '090-1234-5678'],
    ['5', 'phone_empty', ''],
  ]);
  assert.equal(report[2]?.[2], '2行目と同じ電話番号です');
});
