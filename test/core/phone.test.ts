import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePhone, isE164 } from '../../src/core/phone.ts';
import type { PhoneRejectReason } from '../../src/core/phone.ts';

describe('normalizePhone accepts the ways Japanese spreadsheets write a mobile number', () => {
  const accepted: [string, string][] = [
    ['09012345678', '+819012345678'],
    ['090-1234-5678', '+819012345678'],
    ['080-1234-5678', '+818012345678'],
    ['070-1234-5678', '+817012345678'],
    ['０９０－１２３４－５６７８', '+819012345678'],
    ['０９０１２３４５６７８', '+819012345678'],
    ['090‐1234‐5678', '+819012345678'], // U+2010 hyphen
    ['090–1234–5678', '+819012345678'], // en dash
    ['090—1234—5678', '+819012345678'], // em dash
    ['090−1234−5678', '+819012345678'], // minus sign
    ['090ー1234ー5678', '+819012345678'], // katakana prolonged sound mark, typed by IMEs
    ['090ｰ1234ｰ5678', '+819012345678'], // half-width prolonged sound mark
    ['090―1234―5678', '+819012345678'], // horizontal bar
    ['090─1234─5678', '+819012345678'], // box-drawing line
    ['090 1234 5678', '+819012345678'],
    ['090　1234　5678', '+819012345678'], // ideographic space
    ['(090)1234-5678', '+819012345678'],
    ['（０９０）１２３４－５６７８', '+819012345678'],
    ['+81 90-1234-5678', '+819012345678'],
    ['+819012345678', '+819012345678'],
    ['＋８１９０１２３４５６７８', '+819012345678'],
    ['+81 (0)90-1234-5678', '+819012345678'],
    ['+81-090-1234-5678', '+819012345678'],
    ['819012345678', '+819012345678'],
    ['81-90-1234-5678', '+819012345678'],
    ['00819012345678', '+819012345678'],
    ['0081-90-1234-5678', '+819012345678'],
    ['010-81-90-1234-5678', '+819012345678'],
    ['9012345678', '+819012345678'], // Excel dropped the leading zero
    ['8012345678', '+818012345678'],
    ['7012345678', '+817012345678'],
    ['"090-1234-5678"', '+819012345678'],
    ["'09012345678", '+819012345678'], // Excel's text prefix
    ['  090-1234-5678\t', '+819012345678'],
    ['\uFEFF090-1234-5678', '+819012345678'], // BOM left on the first cell
    ['「090-1234-5678」', '+819012345678'],
    ['090.1234.5678', '+819012345678'],
    ['06012345678', '+816012345678'], // the 060 mobile range
    ['060-9876-5432', '+816098765432'],
    ['6012345678', '+816012345678'],
  ];
  for (const [raw, e164] of accepted) {
    test(`${JSON.stringify(raw)} → ${e164}`, () => {
      assert.deepEqual(normalizePhone(raw), { ok: true, e164 });
    });
  }
});

describe('normalizePhone rejects what cannot receive an SMS, with a reason', () => {
  const rejected: [string, PhoneRejectReason, string][] = [
    ['', 'empty', 'empty cell'],
    ['   ', 'empty', 'only spaces'],
    ['　', 'empty', 'ideographic space'],
    ['""', 'empty', 'empty quotes'],
    ['--', 'empty', 'only dashes'],
    ['03-1234-5678', 'not_mobile', 'Tokyo landline'],
    ['06-1234-5678', 'not_mobile', 'Osaka landline'],
    ['011-231-2345', 'not_mobile', 'Sapporo landline'],
    ['+81 3 1234 5678', 'not_mobile', 'landline in international form'],
    ['312345678', 'not_mobile', 'landline with the zero dropped'],
    ['050-1234-5678', 'not_mobile', '050 IP phone'],
    ['0120-123-456', 'not_mobile', 'toll-free 0120'],
    ['0800-123-4567', 'not_mobile', 'toll-free 0800'],
    ['0570-123-456', 'not_mobile', 'navi-dial'],
    ['020-1234-5678', 'not_mobile', '020 pager / M2M'],
    ['060-123-4567', 'not_mobile', 'old 060 personal number (7 digits)'],
    ['090-1234-567', 'invalid', 'one digit short'],
    ['090-1234-56789', 'invalid', 'one digit too many'],
    ['090-0123-4567', 'invalid', '0900 is not allocated'],
    ['040-1234-5678', 'invalid', '040 is not allocated'],
    ['abc', 'invalid', 'letters'],
    ['090-1234-5678 内線12', 'invalid', 'extension text'],
    ['090-1234-5678x', 'invalid', 'trailing letter'],
    ['9.01235E+09', 'invalid', 'Excel scientific notation'],
    ['+', 'invalid', 'a lone plus'],
    ['12', 'invalid', 'too short'],
    ['090+1234+5678', 'invalid', 'plus in the middle'],
    ['+1 212 55', 'invalid', 'truncated US number'],
    ['+44 20 7183 8750', 'not_mobile', 'London landline'],
  ];
  for (const [raw, reason, story] of rejected) {
    test(`${story}: ${JSON.stringify(raw)} → ${reason}`, () => {
      const result = normalizePhone(raw);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.reason, reason);
      assert.ok(result.message.ja.length > 0 && result.message.en.length > 0);
    });
  }

  test('a landline says in Japanese that SMS cannot go to it, and what it is', () => {
    const result = normalizePhone('03-1234-5678');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.message.ja, /^携帯電話番号ではありません（固定電話・050・フリーダイヤルにはSMSを送れません）/);
    assert.match(result.message.ja, /固定電話の番号です/);
    assert.match(result.message.en, /landline/);
  });

  test('a 050 number is named as an IP phone and 0120 as toll-free', () => {
    const ip = normalizePhone('050-1234-5678');
    const free = normalizePhone('0120-123-456');
    assert.ok(!ip.ok && ip.message.ja.includes('IP電話'));
    assert.ok(!free.ok && free.message.en.includes('toll-free'));
  });
});

describe('normalizePhone handles numbers from other countries', () => {
  const accepted: [string, string | undefined, string][] = [
    ['+1 212-555-0123', undefined, '+12125550123'], // FIXED_LINE_OR_MOBILE
    ['+1 (415) 555-2671', undefined, '+14155552671'],
    ['(212) 555-0123', 'US', '+12125550123'],
    ['001-212-555-0123', undefined, '+12125550123'],
    ['+44 7911 123456', undefined, '+447911123456'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+49 151 23456789', undefined, '+4915123456789'],
    ['+86 138 0013 8000', undefined, '+8613800138000'],
    ['+82 10-1234-5678', undefined, '+821012345678'],
  ];
  for (const [raw, country, e164] of accepted) {
    test(`${raw}${country ? ` (default ${country})` : ''} → ${e164}`, () => {
      const result = country ? normalizePhone(raw, country as 'US' | 'GB') : normalizePhone(raw);
      assert.deepEqual(result, { ok: true, e164 });
    });
  }

  test('with a US default, a Japanese domestic number is not read as Japanese', () => {
    assert.equal(normalizePhone('090-1234-5678', 'US').ok, false);
  });

  test('the Excel dropped-zero rule applies only to Japan', () => {
    assert.equal(normalizePhone('9012345678', 'GB').ok, false);
  });
});

describe('isE164', () => {
  const cases: [string, boolean][] = [
    ['+819012345678', true],
    ['+12125550123', true],
    ['+1234567', true],
    ['+123456789012345', true],
    ['+1234567890123456', false],
    ['+123456', false],
    ['819012345678', false],
    ['+0819012345678', false],
    ['+81 90 1234 5678', false],
    ['', false],
  ];
  for (const [s, expected] of cases) {
    test(`${JSON.stringify(s)} → ${expected}`, () => assert.equal(isE164(s), expected));
  }

  test('every accepted number is E.164', () => {
    for (const raw of ['０９０－１２３４－５６７８', '+44 7911 123456', '060-9876-5432']) {
      const result = normalizePhone(raw);
      assert.ok(result.ok && isE164(result.e164));
    }
  });
});
