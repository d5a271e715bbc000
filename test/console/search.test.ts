// Finding people in the recipient table: operators by any part of a name, number (as written at home
// or in E.164, full-width or not) or column; viewers only by line. What a viewer sees of a name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskName, recipientMatches } from '../../src/tracking/search.ts';

const yamada = { line: 12, phone: '+819012345678', fields: { name: '山田 太郎', external_id: 'S0001', 備考: '前期分' } };

test('operators find a person by name, number or any column, however it is typed', () => {
  for (const q of ['山田', '山田太郎', '０９０-1234', '09012345678', '+81901234', 's0001', '前期', '12']) assert.equal(recipientMatches(yamada, q, true), true, q);
  for (const q of ['佐藤', '0801234', 'S0002']) assert.equal(recipientMatches(yamada, q, true), false, q);
});

test('viewers find rows by line number only', () => {
  assert.equal(recipientMatches(yamada, '12', false), true);
  assert.equal(recipientMatches(yamada, '山田', false), false);
  assert.equal(recipientMatches(yamada, '090', false), false);
});

test('a viewer sees the first character of a name and no more', () => {
  assert.equal(maskName('山田 太郎'), '山＊＊＊＊');
  assert.equal(maskName('林'), '林＊');
  assert.equal(maskName(''), '');
  assert.equal(maskName('𠮷田'), '𠮷＊');
});
