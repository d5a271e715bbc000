// 本人認証 answers as people type them: every form of the same birth date, postal code, number suffix
// or PIN is the same answer; what is not a real answer is recognised before a try is spent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseBirthDate } from '../../src/landing/birth-date.ts';
import { expectedAnswer, givenAnswer } from '../../src/landing/answers.ts';

describe('birth dates', () => {
  test('Western, full-width, Excel and Japanese-era forms of 2 January 1990 are one answer', () => {
    const forms = [
      '1990-01-02', '1990/1/2', '1990.01.02', '19900102', '1990年1月2日', '1990年 1月 2日', '１９９０／０１／０２',
      '１９９０年１月２日', '1990/1/2 0:00', '平成2年1月2日', '平成２年１月２日', 'H2.1.2', 'h02/01/02', '1990ー01ー02', ' 1990 1 2 ',
    ];
    for (const f of forms) assert.equal(normaliseBirthDate(f), '19900102', f);
  });

  test('the first year of an era is 元年', () => {
    assert.equal(normaliseBirthDate('平成元年3月4日'), '19890304');
    assert.equal(normaliseBirthDate('令和元年5月1日'), '20190501');
    assert.equal(normaliseBirthDate('昭和64年1月7日'), '19890107');
    assert.equal(normaliseBirthDate('S50.12.31'), '19751231');
  });

  test('dates that do not exist and other text are not answers', () => {
    for (const f of ['1990-02-30', '1990/13/01', '2001/2/29', '900102', 'abc', '', '平成0年1月1日', '1990-01', '12345678901']) {
      assert.equal(normaliseBirthDate(f), undefined, f);
    }
  });
});

describe('other methods', () => {
  test('a postal code with 〒, a hyphen, full-width digits or spaces is seven digits', () => {
    const rule = { method: 'postal_code' as const, digits: null };
    for (const f of ['123-4567', '1234567', '〒123-4567', '〒１２３－４５６７', '１２３ ４５６７', '123ー4567']) assert.equal(givenAnswer(rule, f), '1234567', f);
    for (const f of ['123-456', '12345678', 'abc-defg']) assert.equal(givenAnswer(rule, f), undefined, f);
  });

  test('the last N digits of a student number with letters are its trailing digits', () => {
    const rule = { method: 'id_suffix' as const, digits: 4 };
    assert.equal(expectedAnswer(rule, 'S2024-0001'), '0001');
    assert.equal(expectedAnswer(rule, 'ＡＢ１２３４５'), '2345');
    assert.equal(expectedAnswer(rule, 'S12'), undefined, 'fewer digits than asked: nobody can answer');
    assert.equal(givenAnswer(rule, '０００１'), '0001');
    assert.equal(givenAnswer(rule, '001'), undefined, 'three digits when four are asked');
    assert.equal(givenAnswer({ method: 'id_suffix', digits: 6 }, '123456'), '123456');
  });

  test('a PIN ignores width, case, spaces and hyphens', () => {
    const rule = { method: 'pin' as const, digits: null };
    assert.equal(givenAnswer(rule, 'ab-12 cd'), givenAnswer(rule, 'ＡＢ１２ＣＤ'));
    assert.equal(givenAnswer(rule, '   '), undefined);
  });

  test('an empty cell gives no expected answer', () => {
    assert.equal(expectedAnswer({ method: 'birth_date', digits: null }, ''), undefined);
    assert.equal(expectedAnswer({ method: 'birth_date', digits: null }, undefined), undefined);
    assert.equal(expectedAnswer({ method: 'birth_date', digits: null }, '1990/1/2'), '19900102');
  });
});
