// Row validation: each record is accepted with an E.164 number or rejected with its line and a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapHeader } from '../../../src/core/csv/aliases.ts';
import { DuplicateTracker, isRejected, toRow } from '../../../src/core/csv/row.ts';
import type { E164 } from '../../../src/core/phone.ts';

const { columns } = mapHeader(['氏名', '携帯電話番号', '請求金額', '備考']);
const rules = () => ({ columns, duplicates: new DuplicateTracker() });

test('a row with a mobile number is accepted with E.164 and every column trimmed', () => {
  const row = toRow([' 山田 太郎 ', '090-1234-5678', '12,000', ''], 2, rules());
  assert.deepEqual(row, {
    line: 2,
    phone: '+819012345678',
    fields: { name: '山田 太郎', phone: '090-1234-5678', amount: '12,000', 備考: '' },
  });
  assert.equal(isRejected(row), false);
});

test('full-width digits and hyphens are accepted', () => {
  const row = toRow(['佐藤', '０８０－２３４５－６７８９', '1', ''], 3, rules());
  assert.equal(isRejected(row) ? undefined : row.phone, '+818023456789');
});

test('phone problems become phone_empty, phone_invalid and phone_not_mobile with the cell as raw', () => {
  const r = rules();
  const cases: [string, string][] = [
    ['', 'phone_empty'],
    ['090-123', 'phone_invalid'],
    ['03-1234-5678', 'phone_not_mobile'],
  ];
  for (const [cell, reason] of cases) {
    const row = toRow(['名前', cell, '1', ''], 5, r);
    assert.ok(isRejected(row));
    assert.equal(row.reason, reason, cell);
    assert.equal(row.raw, cell);
    assert.equal(row.line, 5);
    assert.ok(row.message.ja.length > 0 && row.message.en.length > 0);
  }
});

test('the second row with the same number is a duplicate naming the first line', () => {
  const r = rules();
  assert.equal(isRejected(toRow(['A', '090-1234-5678', '1', ''], 3, r)), false);
  const second = toRow(['B', '+81 90 1234 5678', '1', ''], 7, r);
  assert.deepEqual(second, {
    line: 7,
    reason: 'duplicate',
    message: { ja: '3行目と同じ電話番号です', en: 'same phone number as line 3' },
    raw: '+81 90 1234 5678',
  });
});

test('a suppressed number is rejected as suppressed and does not count as a first occurrence', () => {
  const isSuppressed = (e164: E164) => e164 === '+819012345678';
  const r = { ...rules(), isSuppressed };
  const row = toRow(['A', '09012345678', '1', ''], 2, r);
  assert.ok(isRejected(row));
  assert.equal(row.reason, 'suppressed');
  assert.equal(r.duplicates.size, 0);
});

test('a row with fewer columns than the header is rejected as column_count', () => {
  const row = toRow(['A', '090-1234-5678'], 4, rules());
  assert.ok(isRejected(row));
  assert.equal(row.reason, 'column_count');
  assert.match(row.message.ja, /見出し 4 列、この行 2 列/);
});

test('extra cells are rejected when they hold data (an unquoted comma), tolerated when empty', () => {
  const shifted = toRow(['A', '090-1234-5678', '1', '000', '前期'], 4, rules());
  assert.ok(isRejected(shifted));
  assert.equal(shifted.reason, 'column_count');
  const trailing = toRow(['A', '090-1234-5678', '1', '', '', ' '], 5, rules());
  assert.equal(isRejected(trailing), false);
});

test('the tracker remembers only first lines', () => {
  const t = new DuplicateTracker();
  assert.equal(t.check('+819012345678' as E164, 2), undefined);
  assert.equal(t.check('+819012345678' as E164, 9), 2);
  assert.equal(t.check('+819012345678' as E164, 12), 2);
  assert.equal(t.size, 1);
});

test('without a tracker duplicates are not checked', () => {
  const r = { columns };
  toRow(['A', '090-1234-5678', '1', ''], 2, r);
  assert.equal(isRejected(toRow(['A', '090-1234-5678', '1', ''], 3, r)), false);
});
