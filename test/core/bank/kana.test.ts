// Payer names from a bank file and フリガナ from a list become the same key when they name the same payer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeRuns, customerNumberKey, nameKey, normaliseKana } from '../../../src/core/bank/kana.ts';
import { canonicalField } from '../../../src/core/csv/aliases.ts';

test('half-width kana with separate ﾞﾟ read as the full-width katakana people type', () => {
  assert.equal(normaliseKana('ﾔﾏﾀﾞ ﾀﾛｳ'), 'ヤマダタロウ');
  assert.equal(normaliseKana('ﾊﾟﾝ'), 'パン');
  assert.equal(normaliseKana('ヤマタ゛'), 'ヤマダ'); // a stand-alone ゛ joins its kana instead of becoming a space
  assert.equal(normaliseKana('カ゛'), 'ガ');
});

test('hiragana, small kana, long-vowel marks and spaces: one spelling', () => {
  assert.equal(normaliseKana('きゃのん　しょうじ'), 'キヤノンシヨウジ');
  assert.equal(normaliseKana('ｷﾔﾉﾝ ｼﾖｳｼﾞ'), 'キヤノンシヨウジ');
  assert.equal(normaliseKana('サトー'), normaliseKana('ｻﾄ-'));
  assert.equal(normaliseKana('ｻﾄｰ'), 'サトー');
  assert.equal(normaliseKana('ヤマダ・タロウ'), 'ヤマダタロウ');
  assert.equal(normaliseKana('ﾂﾂﾞｷ'), normaliseKana('つずき'));
});

test('company marks in every position, abbreviated or written out', () => {
  const plain = nameKey('ﾔﾏﾀﾞｼﾖｳｼﾞ');
  for (const written of ['ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', 'ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ', 'ﾔﾏﾀﾞｼﾖｳｼﾞ(ｶ)', '(ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', 'ﾕ)ﾔﾏﾀﾞｼﾖｳｼﾞ', 'ﾔﾏﾀﾞｼﾖｳｼﾞ(ﾄﾞ', 'ｶﾌﾞｼｷｶﾞｲｼﾔﾔﾏﾀﾞｼﾖｳｼﾞ', 'やまだしょうじ かぶしきがいしゃ', 'ﾄｸﾋ)ﾔﾏﾀﾞｼﾖｳｼﾞ', 'ｲ)ﾔﾏﾀﾞｼﾖｳｼﾞ']) {
    assert.equal(nameKey(written), plain, written);
  }
  // A name that merely starts with カ is not a company mark.
  assert.equal(nameKey('ｶﾄｳ ﾀﾛｳ'), 'カトウタロウ');
});

test('a customer number before the name is not part of the name', () => {
  assert.equal(nameKey('1234567ﾔﾏﾀﾞ ﾀﾛｳ'), nameKey('やまだ たろう'));
});

test('customer numbers: where they stand in a payer name, and compared without zeros, width or hyphens', () => {
  assert.deepEqual(codeRuns('1234567ﾔﾏﾀﾞ ﾀﾛｳ'), ['1234567']);
  assert.deepEqual(codeRuns('AB-1234ABCｼﾖｳｼﾞ').sort(), ['1234', 'AB1234ABC']);
  assert.deepEqual(codeRuns('ﾔﾏﾀﾞ ﾀﾛｳ'), []);
  assert.equal(customerNumberKey('００１２３４５６７'), '1234567');
  assert.equal(customerNumberKey('s-2026-001'), 'S2026001');
});

test('a list’s kana column is found by its usual headers (フリガナ, カナ氏名, kana …)', () => {
  for (const header of ['フリガナ', 'ふりがな', 'カナ氏名', '氏名（カナ）', 'ﾌﾘｶﾞﾅ', 'kana', 'Furigana']) assert.equal(canonicalField(header), 'kana', header);
});
