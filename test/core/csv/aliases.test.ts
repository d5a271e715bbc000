// Header aliases: Japanese and English headers find their fields; problems are reported, not guessed around.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalField, headerKey, mapHeader } from '../../../src/core/csv/aliases.ts';

const fields = (headers: string[], overrides?: Record<string, string>) =>
  mapHeader(headers, overrides).columns.map((c) => c.field);
const codes = (headers: string[], overrides?: Record<string, string>) =>
  mapHeader(headers, overrides).problems.map((p) => p.code);

test('a university office header maps to canonical fields, keeping 備考 as a custom column', () => {
  const { columns, problems } = mapHeader(['氏名', '携帯電話番号', '請求金額', '支払期限', '学籍番号', '備考']);
  assert.deepEqual(
    columns.map((c) => c.field),
    ['name', 'phone', 'amount', 'due_date', 'external_id', '備考'],
  );
  assert.deepEqual(columns[5], { index: 5, header: '備考', field: '備考' });
  assert.deepEqual(problems, []);
});

test('every listed alias reaches its field', () => {
  const expected: Record<string, string[]> = {
    name: ['氏名', '名前', 'お名前', '顧客名', '契約者名', 'name', 'full_name'],
    phone: ['電話番号', '携帯電話番号', '携帯番号', '携帯', '電話', 'phone', 'mobile', 'tel', 'phone_number'],
    amount: ['金額', '請求金額', '未納額', '滞納額', 'amount'],
    due_date: ['支払期限', '納付期限', '期限', 'due_date', 'due'],
    external_id: ['学籍番号', '顧客番号', '契約番号', '会員番号', 'external_id', 'id'],
    birth_date: ['生年月日'],
    postal_code: ['郵便番号'],
    pin: ['PIN', '暗証番号'],
  };
  for (const [field, aliases] of Object.entries(expected)) {
    for (const alias of aliases) assert.equal(canonicalField(alias), field, alias);
  }
});

test('matching ignores case, surrounding spaces, full width and _ - space differences', () => {
  assert.deepEqual(
    fields([' Phone Number ', 'ＮＡＭＥ', 'Due-Date', 'ｐｉｎ', 'EXTERNAL ID', '郵便 番号']),
    ['phone', 'name', 'due_date', 'pin', 'external_id', 'postal_code'],
  );
  assert.equal(canonicalField('　電話番号（携帯）　'), 'phone');
  assert.equal(headerKey(' Phone_Number '), headerKey('phone-number'));
});

test('unknown headers are kept under their trimmed NFKC name', () => {
  assert.deepEqual(fields(['tel', ' 学部 ', 'ｸﾗｽ', 'Note_1']), ['phone', '学部', 'クラス', 'Note_1']);
});

test('no phone column is an error', () => {
  const { problems } = mapHeader(['氏名', '金額']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.code, 'TODOKU_E_CSV_NO_PHONE');
  assert.equal(problems[0]?.severity, 'error');
  assert.match(problems[0]?.message.ja ?? '', /電話番号/);
});

test('two headers on one canonical field is an error naming both', () => {
  const { problems } = mapHeader(['氏名', '電話番号', '携帯電話番号']);
  const [problem] = problems;
  assert.equal(problem?.code, 'TODOKU_E_CSV_DUPLICATE_FIELD');
  assert.deepEqual(problem?.columns, [1, 2]);
  assert.match(problem?.message.ja ?? '', /「電話番号」\(2列目\)と「携帯電話番号」\(3列目\)/);
  assert.match(problem?.message.en ?? '', /"電話番号" \(column 2\) and "携帯電話番号" \(column 3\)/);
});

test('an override turns the landline column into a custom one, resolving the clash', () => {
  const mapping = mapHeader(['氏名', '電話番号', '携帯電話番号'], { 電話番号: '固定電話' });
  assert.deepEqual(mapping.columns.map((c) => c.field), ['name', '固定電話', 'phone']);
  assert.deepEqual(mapping.problems, []);
});

test('overrides accept aliases as values and col_N keys for any column by position', () => {
  assert.deepEqual(fields(['連絡先', '宛名'], { '連絡先': '携帯番号', col_2: '氏名' }), ['phone', 'name']);
  // Position wins over the header text, which lets two columns with the same header be told apart.
  assert.deepEqual(fields(['電話番号', '電話番号'], { col_1: 'landline' }), ['landline', 'phone']);
});

test('empty headers are named col_N (counted from 1) with a warning', () => {
  const { columns, problems } = mapHeader(['電話番号', '', '  ']);
  assert.deepEqual(columns.map((c) => c.field), ['phone', 'col_2', 'col_3']);
  assert.deepEqual(problems.map((p) => [p.code, p.severity, p.columns]), [
    ['TODOKU_W_CSV_EMPTY_HEADER', 'warning', [1]],
    ['TODOKU_W_CSV_EMPTY_HEADER', 'warning', [2]],
  ]);
});

test('a repeated custom header gets a numbered name and a warning', () => {
  assert.deepEqual(fields(['phone', 'メモ', 'メモ', 'メモ']), ['phone', 'メモ', 'メモ_2', 'メモ_3']);
  assert.deepEqual(codes(['phone', 'メモ', 'メモ']), ['TODOKU_W_CSV_DUPLICATE_HEADER']);
});

test('__proto__ cannot become a field name', () => {
  assert.deepEqual(fields(['phone', '__proto__']), ['phone', 'col_2']);
});
