// 全銀協 振込入金通知 (01) and 入出金取引明細 (03): Shift_JIS bytes made here, with and without line breaks;
// a trailer that does not add up, a file cut short, and files of another kind are refused naming the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseZengin, looksFixedWidth } from '../../../src/core/bank/zengin.ts';
import { readBankFile } from '../../../src/core/bank/read.ts';
import { TodokuError } from '../../../src/core/errors.ts';
import { SAMPLE_ACCOUNT, zenginFile, type SampleCredit } from '../../support/bank-files.ts';

const TODAY = '2026-12-07';

const CREDITS: SampleCredit[] = [
  { inquiry: '000101', date: '2026-12-04', amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ', remitBank: 'ﾐﾂｲｽﾐﾄﾓ', remitBranch: 'ｼﾌﾞﾔ' },
  { inquiry: '000102', date: '2026-12-04', amount: 12_800, payerName: 'ｶ)ﾄｳﾄｼﾖｳｼﾞ', edi: 'S2026-0042', payerCode: '9876543210' },
  { inquiry: '000103', date: '2026-12-07', amount: 8_000, payerName: 'ｽｽﾞｷ ﾊﾅｺ' },
];

function refusal(fn: () => unknown): TodokuError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof TodokuError, String(err));
    assert.equal(err.code, 'TODOKU_E_BANK_FILE');
    return err;
  }
  assert.fail('the file was not refused');
}

for (const lineBreaks of [true, false]) {
  test(`振込入金通知 ${lineBreaks ? 'with CR/LF' : 'without line breaks'}: every credit with its account, reference, 令和 date, amount and payer`, () => {
    const bytes = zenginFile('01', CREDITS, { lineBreaks });
    assert.equal(bytes.length, 6 * 200 + (lineBreaks ? 12 : 0));
    assert.ok(looksFixedWidth(bytes));
    const file = parseZengin(bytes, TODAY);
    assert.equal(file.format, 'zengin01');
    assert.deepEqual(file.skipped, []);
    assert.deepEqual(file.credits.map((c) => [c.record, c.inquiry, c.valueDate, c.amount]), [
      [2, '000101', '2026-12-04', 35_000],
      [3, '000102', '2026-12-04', 12_800],
      [4, '000103', '2026-12-07', 8_000],
    ]);
    const [first, second] = file.credits;
    assert.equal(first!.payerName, '1234567ﾔﾏﾀﾞ ﾀﾛｳ');
    assert.equal(first!.remitBank, 'ﾐﾂｲｽﾐﾄﾓ');
    assert.equal(first!.remitBranch, 'ｼﾌﾞﾔ');
    assert.equal(first!.payerCode, '');
    assert.equal(second!.payerCode, '9876543210');
    assert.equal(second!.edi, 'S2026-0042');
    assert.deepEqual(first!.account, { bankCode: '0001', branchCode: '001', accountType: '1', accountNumber: '1234567', bankName: 'ﾐｽﾞﾎ', branchName: 'ﾄｳｷﾖｳｴｲｷﾞﾖｳﾌﾞ' });
  });

  test(`入出金取引明細 ${lineBreaks ? 'with CR/LF' : 'without line breaks'}: credits only; debits, corrections and interest set aside`, () => {
    const bytes = zenginFile('03', [
      ...CREDITS,
      { inquiry: '00000200', date: '2026-12-05', amount: 440, payerName: '', debit: true },
      { inquiry: '00000201', date: '2026-12-05', amount: 12, payerName: '', txKind: '18', description: 'ﾘｿｸ' },
      { inquiry: '00000202', date: '2026-12-06', amount: 5_000, payerName: 'ﾀﾅｶ ｲﾁﾛｳ', txKind: '19' },
    ], { lineBreaks });
    const file = parseZengin(bytes, TODAY);
    assert.equal(file.format, 'zengin03');
    assert.deepEqual(file.credits.map((c) => [c.record, c.inquiry, c.amount, c.payerName]), [
      [2, '00000101', 35_000, '1234567ﾔﾏﾀﾞ ﾀﾛｳ'],
      [3, '00000102', 12_800, 'ｶ)ﾄｳﾄｼﾖｳｼﾞ'],
      [4, '00000103', 8_000, 'ｽｽﾞｷ ﾊﾅｺ'],
    ]);
    assert.equal(file.credits[0]!.description, 'ﾌﾘｺﾐ');
    assert.equal(file.credits[1]!.edi, 'S2026-0042');
    // The 03 header's 10-digit account number reads as the same account as 01's 7 digits.
    assert.equal(file.credits[0]!.account.accountNumber, '1234567');
    assert.deepEqual(file.skipped.map((s) => [s.record, s.reason.ja]), [
      [5, '出金の明細です'],
      [6, '振込ではない入金です（取引区分18、振込依頼人名なし）'],
      [7, '訂正の明細です'],
    ]);
  });
}

test('a 平成 file (read in 2016) gives 平成 dates', () => {
  const file = parseZengin(zenginFile('01', [{ inquiry: '000001', date: '2016-05-03', amount: 1000, payerName: 'ﾔﾏﾀﾞ' }]), '2016-05-10');
  assert.equal(file.credits[0]!.valueDate, '2016-05-03');
});

test('a cancelled notice (取消区分 1) is counted in the trailer’s cancellations and set aside, not applied', () => {
  const file = parseZengin(zenginFile('01', [...CREDITS, { inquiry: '000104', date: '2026-12-07', amount: 3_000, payerName: 'ﾀﾅｶ', cancelled: true }]), TODAY);
  assert.equal(file.credits.length, 3);
  assert.deepEqual(file.skipped.map((s) => s.record), [5]);
  assert.match(file.skipped[0]!.reason.ja, /取消/);
});

test('a trailer whose total does not add up is refused, naming the trailer record and both figures', () => {
  const err = refusal(() => parseZengin(zenginFile('01', CREDITS, { trailerDelta: { total: 1 } }), TODAY));
  assert.match(err.ja, /^5件目のレコード: トレーラの振込金額（55801）がデータレコードの合計（55800）と合いません/);
  assert.match(err.message, /record 5/);
  assert.deepEqual(err.details, { record: 5 });
});

test('a trailer whose count does not add up is refused too (入出金取引明細)', () => {
  const err = refusal(() => parseZengin(zenginFile('03', CREDITS, { trailerDelta: { count: -1 }, lineBreaks: false }), TODAY));
  assert.match(err.ja, /5件目のレコード: トレーラの入金件数（2）がデータレコードの合計（3）と合いません/);
});

test('a file cut short (no end record, or a record short of 200 bytes) is refused', () => {
  assert.match(refusal(() => parseZengin(zenginFile('01', CREDITS, { withoutEnd: true }), TODAY)).ja, /エンドレコード/);
  const whole = zenginFile('01', CREDITS, { lineBreaks: false });
  assert.match(refusal(() => parseZengin(whole.subarray(0, whole.length - 50), TODAY)).ja, /^6件目のレコード: 1レコード200バイト/);
  const lines = zenginFile('01', CREDITS);
  const cut = Buffer.concat([lines.subarray(0, 202 + 150), lines.subarray(202 + 200)]);
  assert.match(refusal(() => parseZengin(cut, TODAY)).ja, /^2件目のレコード: 1行が200バイトではありません（150バイト）/);
});

test('an amount that is not a number, and a date that is not a day, are refused naming the record', () => {
  const bytes = Buffer.from(zenginFile('01', CREDITS, { lineBreaks: false }));
  bytes.write('00000ABC00', 200 + 19, 'latin1');
  assert.match(refusal(() => parseZengin(bytes, TODAY)).ja, /^2件目のレコード: 金額が数字ではありません/);
  const dated = Buffer.from(zenginFile('01', CREDITS, { lineBreaks: false }));
  dated.write('081340', 400 + 7, 'latin1');
  assert.match(refusal(() => parseZengin(dated, TODAY)).ja, /^3件目のレコード: 勘定日が和暦の年月日/);
});

test('files of another kind are named and refused: 総合振込 (21), EBCDIC', () => {
  const bytes = Buffer.from(zenginFile('01', CREDITS));
  bytes.write('21', 1, 'latin1');
  assert.match(refusal(() => parseZengin(bytes, TODAY)).ja, /種別コード「21」（総合振込）/);
  const ebcdic = Buffer.from(zenginFile('01', CREDITS));
  ebcdic.write('1', 3, 'latin1');
  assert.match(refusal(() => parseZengin(ebcdic, TODAY)).ja, /EBCDIC/);
});

test('two accounts in one file: each header’s account goes with its credits, each trailer checked', () => {
  const other = { ...SAMPLE_ACCOUNT, branchCode: '002', accountNumber: '7654321' };
  const a = zenginFile('01', CREDITS.slice(0, 1));
  const b = zenginFile('01', CREDITS.slice(1), { account: other });
  // The first file without its end record, then the second whole.
  const both = Buffer.concat([a.subarray(0, 3 * 202), b]);
  const file = parseZengin(both, TODAY);
  assert.deepEqual(file.credits.map((c) => [c.record, c.account.accountNumber]), [[2, '1234567'], [5, '7654321'], [6, '7654321']]);
});

test('readBankFile tells a fixed-width file from a CSV by its first bytes', () => {
  assert.equal(readBankFile(zenginFile('03', CREDITS), TODAY).format, 'zengin03');
  assert.equal(readBankFile(Buffer.from('日付,金額,振込依頼人名\n2026/12/07,1000,ﾔﾏﾀﾞ\n'), TODAY).format, 'csv');
});
