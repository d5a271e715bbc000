// The portals' CSV of the same credits: Shift_JIS or UTF-8, lines about the account before the header,
// columns found by their many names, debits and totals set aside, unreadable rows listed by line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { parsePortalCsv, yenCell } from '../../../src/core/bank/portal-csv.ts';
import { TodokuError } from '../../../src/core/errors.ts';
import { portalCsv, type SampleCredit } from '../../support/bank-files.ts';

const TODAY = '2026-12-07';
const CREDITS: SampleCredit[] = [
  { inquiry: '000101', date: '2026-12-04', amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ', remitBank: 'ﾐﾂｲｽﾐﾄﾓ' },
  { inquiry: '000102', date: '2026-12-07', amount: 12_800, payerName: 'ｶ)ﾄｳﾄｼﾖｳｼﾞ', edi: 'S2026-0042' },
];

for (const utf8 of [false, true]) {
  test(`a 振込入金明細 CSV in ${utf8 ? 'UTF-8 with BOM' : 'Shift_JIS'}: the header found after the account lines, every credit read`, () => {
    const file = parsePortalCsv(portalCsv(CREDITS, { utf8 }), TODAY, { bankCode: '0001', branchCode: '001', accountNumber: '1234567' });
    assert.equal(file.format, 'csv');
    assert.deepEqual(file.refused, []);
    assert.deepEqual(file.credits.map((c) => [c.record, c.inquiry, c.valueDate, c.amount, c.payerName, c.edi]), [
      [4, '000101', '2026-12-04', 35_000, '1234567ﾔﾏﾀﾞ ﾀﾛｳ', ''],
      [5, '000102', '2026-12-07', 12_800, 'ｶ)ﾄｳﾄｼﾖｳｼﾞ', 'S2026-0042'],
    ]);
    assert.equal(file.credits[0]!.remitBank, 'ﾐﾂｲｽﾐﾄﾓ');
    assert.equal(file.credits[0]!.account.accountNumber, '1234567');
  });
}

test('an 入出金明細 CSV with 入金/出金 columns and the payer in 摘要: debits and the totals line set aside', () => {
  const text = [
    '取引日,摘要,お預入れ額,お引出し額,残高',
    '令和8年12月4日,振込 ﾔﾏﾀﾞ ﾀﾛｳ,"35,000",,"1,035,000"',
    '令和8年12月5日,ﾃｽｳﾘﾖｳ,,440,"1,034,560"',
    '2026/12/06,ﾌﾘｺﾐ ｽｽﾞｷ ﾊﾅｺ,８，０００円,,"1,042,560"',
    '合計,,"43,000",440,',
  ].join('\n');
  const file = parsePortalCsv(iconv.encode(text, 'cp932'), TODAY);
  assert.deepEqual(file.credits.map((c) => [c.record, c.valueDate, c.amount, c.payerName, c.inquiry]), [
    [2, '2026-12-04', 35_000, 'ﾔﾏﾀﾞ ﾀﾛｳ', ''],
    [4, '2026-12-06', 8_000, 'ｽｽﾞｷ ﾊﾅｺ', ''],
  ]);
  assert.deepEqual(file.skipped.map((s) => s.record), [3, 5]);
});

test('a signed 入出金 column (negative = debit), and rows that cannot be read listed by line', () => {
  const text = ['取引日,入出金(円),取引後残高(円),入出金内容', '20261204,35000,1035000,ﾔﾏﾀﾞ ﾀﾛｳ', '20261205,-440,1034560,ﾃｽｳﾘﾖｳ', 'きのう,1000,0,ﾀﾅｶ', '20261206,千円,0,ﾀﾅｶ'].join('\r\n');
  const file = parsePortalCsv(Buffer.from(text), TODAY);
  assert.deepEqual(file.credits.map((c) => [c.record, c.amount]), [[2, 35_000]]);
  assert.deepEqual(file.skipped.map((s) => s.record), [3]);
  assert.deepEqual(file.refused.map((s) => [s.record, s.reason.ja]), [[4, '日付「きのう」を読めません'], [5, '金額を読めません']]);
});

test('a CSV without a date and an amount column is refused with what to choose instead', () => {
  assert.throws(() => parsePortalCsv(Buffer.from('氏名,電話番号\nヤマダ,09012345678\n'), TODAY), (err: unknown) => err instanceof TodokuError && err.code === 'TODOKU_E_BANK_FILE' && /見出しの行/.test(err.ja));
});

test('yen cells as portals write them', () => {
  assert.equal(yenCell('12,345'), 12_345);
  assert.equal(yenCell('¥12,345'), 12_345);
  assert.equal(yenCell('１２，３４５円'), 12_345);
  assert.equal(yenCell('△440'), -440);
  assert.equal(yenCell('(440)'), -440);
  assert.equal(yenCell(''), null);
  assert.equal(yenCell('12.5'), null);
});
