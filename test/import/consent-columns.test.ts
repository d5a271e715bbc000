// A CP932 list from Excel with 同意日 / 同意方法 columns: each accepted row carries its consent (not
// among its fields), and a consent date that is not a date, or lies in the future, rejects its row with
// the line and the reason, counted like any other rejection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvText, importFile, linesAndReasons, tempDir, writeCsv } from './fixtures.ts';

const CONSENT_CSV = csvText([
  '氏名,携帯電話番号,請求金額,同意日,同意方法',
  '山田 太郎,090-1234-5678,12000,2024/04/01,書面（契約書第12条）',
  '佐藤 花子,080-2345-6789,8000,令和6年5月10日,電子',
  '鈴木 一郎,070-3456-7890,3000,,',
  '高橋 三郎,090-4567-8901,5000,2024年13月1日,書面',
  '田中 四郎,080-5678-9012,7000,２０２４／６／１,口頭記録',
  '伊藤 五郎,090-6789-0123,9000,2027/01/01,書面',
  '渡辺 六郎,070-7890-1234,1000,,電子',
]);

test('a CP932 file with consent columns: consent per row, and bad or future dates rejected with line and reason', async (t) => {
  const path = await writeCsv(await tempDir(t), 'consent.csv', CONSENT_CSV, 'cp932');
  const { summary, accepted, rejected } = await importFile(path, { today: '2026-12-07' });

  assert.equal(summary.encoding, 'cp932');
  assert.deepEqual(summary.columns.map((c) => c.field), ['name', 'phone', 'amount', 'consent_date', 'consent_method']);
  assert.deepEqual(
    accepted.map((r) => [r.line, r.fields.name, r.consent ?? null]),
    [
      [2, '山田 太郎', { date: '2024-04-01', method: 'written', note: '契約書第12条' }],
      [3, '佐藤 花子', { date: '2024-05-10', method: 'electronic', note: null }],
      [4, '鈴木 一郎', null],
      [6, '田中 四郎', { date: '2024-06-01', method: 'oral_record', note: null }],
    ],
  );
  for (const r of accepted) assert.deepEqual(Object.keys(r.fields), ['name', 'phone', 'amount'], 'consent is not a field');
  assert.deepEqual(linesAndReasons(rejected), [
    [5, 'consent_invalid'],
    [7, 'consent_invalid'],
    [8, 'consent_invalid'],
  ]);
  assert.match(rejected[0]!.message.ja, /同意日「2024年13月1日」を日付として読めません/);
  assert.match(rejected[1]!.message.en, /2027-01-01 is in the future/);
  assert.match(rejected[2]!.message.ja, /同意日がありません/);
  assert.equal(summary.byReason.consent_invalid, 3);
  assert.equal(summary.rejected, 3);
});
