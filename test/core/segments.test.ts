import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  countSegments,
  decodeGsm7,
  decodeUcs2,
  encodeGsm7,
  encodeUcs2,
  exceedsRouteMaximum,
  isGsm7,
  splitForConcatenation,
} from '../../src/core/segments.ts';
import { TodokuError } from '../../src/core/errors.ts';

const JP_LONG = { singleMessageMax: 660 };
const a = (n: number) => 'a'.repeat(n);
const ja = (n: number) => 'あ'.repeat(n);

describe('encoding choice', () => {
  const cases: [string, string, boolean][] = [
    ['plain ASCII', 'Hello, world!', true],
    ['the euro sign is in the extension table', '€', true],
    ['every extension character', '^{}\\[~]|€\f', true],
    ['yen sign is in the basic table', '¥12,345', true],
    ['Greek capitals and accented letters', 'ΔΦΓΛΩΠΨΣΘΞ éèÇÅÆØß', true],
    ['newlines', 'line1\r\nline2', true],
    ['empty text', '', true],
    ['Japanese', 'お支払いのお願い', false],
    ['half-width katakana', 'ｵｼﾊﾗｲ', false],
    ['lower-case ç is not in the alphabet', 'ça', false],
    ['a backtick is not in the alphabet', '`', false],
    ['a combining accent', 'e\u0301', false],
    ['an emoji', '👍', false],
    ['a raw ESC control character', '\u001b', false],
    ['full-width digits', '１２３', false],
  ];
  for (const [story, text, gsm] of cases) {
    test(`${story}: ${gsm ? 'GSM-7' : 'UCS-2'}`, () => {
      assert.equal(isGsm7(text), gsm);
      assert.equal(countSegments(text).encoding, gsm ? 'gsm7' : 'ucs2');
    });
  }
});

describe('countSegments without route limits', () => {
  const cases: [string, string, { encoding: string; characters: number; units: number; parts: number; perPart: number }][] = [
    ['empty text is no part', '', { encoding: 'gsm7', characters: 0, units: 0, parts: 0, perPart: 160 }],
    ['one character', 'a', { encoding: 'gsm7', characters: 1, units: 1, parts: 1, perPart: 160 }],
    ['exactly 160 septets fits one', a(160), { encoding: 'gsm7', characters: 160, units: 160, parts: 1, perPart: 160 }],
    ['161 septets needs two', a(161), { encoding: 'gsm7', characters: 161, units: 161, parts: 2, perPart: 153 }],
    ['153 × 2 is two parts', a(306), { encoding: 'gsm7', characters: 306, units: 306, parts: 2, perPart: 153 }],
    ['153 × 2 + 1 is three parts', a(307), { encoding: 'gsm7', characters: 307, units: 307, parts: 3, perPart: 153 }],
    ['€ counts two septets', '€', { encoding: 'gsm7', characters: 1, units: 2, parts: 1, perPart: 160 }],
    ['80 euro signs fill one message', '€'.repeat(80), { encoding: 'gsm7', characters: 80, units: 160, parts: 1, perPart: 160 }],
    ['81 euro signs need two', '€'.repeat(81), { encoding: 'gsm7', characters: 81, units: 162, parts: 2, perPart: 153 }],
    ['exactly 70 Japanese characters', ja(70), { encoding: 'ucs2', characters: 70, units: 70, parts: 1, perPart: 70 }],
    ['71 Japanese characters', ja(71), { encoding: 'ucs2', characters: 71, units: 71, parts: 2, perPart: 67 }],
    ['67 × 2 Japanese characters', ja(134), { encoding: 'ucs2', characters: 134, units: 134, parts: 2, perPart: 67 }],
    ['one Japanese character makes all UCS-2', a(69) + 'あ', { encoding: 'ucs2', characters: 70, units: 70, parts: 1, perPart: 70 }],
    ['an emoji is one character, two units', '👍', { encoding: 'ucs2', characters: 1, units: 2, parts: 1, perPart: 70 }],
    ['35 emoji fill one message', '👍'.repeat(35), { encoding: 'ucs2', characters: 35, units: 70, parts: 1, perPart: 70 }],
    ['a combining mark is its own character', 'e\u0301', { encoding: 'ucs2', characters: 2, units: 2, parts: 1, perPart: 70 }],
    ['half-width katakana', 'ｱｲｳ', { encoding: 'ucs2', characters: 3, units: 3, parts: 1, perPart: 70 }],
    ['Japanese text of 300 characters', ja(300), { encoding: 'ucs2', characters: 300, units: 300, parts: 5, perPart: 67 }],
  ];
  for (const [story, text, expected] of cases) {
    test(story, () => assert.deepEqual(countSegments(text), expected));
  }

  test('an extension character never straddles a GSM-7 part boundary', () => {
    // 306 septets would be two parts, but € cannot start at septet 153: part 1 carries 152.
    const text = a(152) + '€' + a(152);
    const info = countSegments(text);
    assert.equal(info.units, 306);
    assert.equal(info.parts, 3);
  });

  test('an extension character that ends exactly on the boundary stays in its part', () => {
    assert.equal(countSegments(a(151) + '€' + a(153)).parts, 2);
  });

  test('an emoji never straddles a UCS-2 part boundary', () => {
    const text = ja(66) + '😀' + ja(66);
    const info = countSegments(text);
    assert.equal(info.units, 134);
    assert.equal(info.parts, 3);
  });
});

describe('countSegments on a Japanese domestic long-SMS route', () => {
  test('300 Japanese characters go as one message', () => {
    assert.deepEqual(countSegments(ja(300), JP_LONG), {
      encoding: 'ucs2', characters: 300, units: 300, parts: 1, perPart: 660,
    });
  });

  test('660 characters is still one message', () => {
    const info = countSegments(ja(660), JP_LONG);
    assert.equal(info.parts, 1);
    assert.equal(exceedsRouteMaximum(info, JP_LONG), false);
  });

  test('661 characters exceed the route', () => {
    const info = countSegments(ja(661), JP_LONG);
    assert.equal(exceedsRouteMaximum(info, JP_LONG), true);
    assert.equal(info.perPart, 67);
  });

  test('the limit is in characters, so 660 emoji fit although they are 1320 units', () => {
    const info = countSegments('👍'.repeat(660), JP_LONG);
    assert.equal(info.parts, 1);
    assert.equal(info.units, 1320);
    assert.equal(exceedsRouteMaximum(info, JP_LONG), false);
  });

  test('a short GSM-7 text is one message too', () => {
    assert.deepEqual(countSegments('Pay now', JP_LONG), {
      encoding: 'gsm7', characters: 7, units: 7, parts: 1, perPart: 660,
    });
  });

  test('empty text is still no part', () => {
    assert.equal(countSegments('', JP_LONG).parts, 0);
  });
});

describe('exceedsRouteMaximum with a part cap', () => {
  const international = { maxParts: 10 };
  test('10 parts of 67 is allowed', () => {
    const info = countSegments(ja(670), international);
    assert.equal(info.parts, 10);
    assert.equal(exceedsRouteMaximum(info, international), false);
  });
  test('671 characters need 11 parts and exceed', () => {
    const info = countSegments(ja(671), international);
    assert.equal(info.parts, 11);
    assert.equal(exceedsRouteMaximum(info, international), true);
  });
  test('no limits means nothing exceeds', () => {
    assert.equal(exceedsRouteMaximum(countSegments(ja(5000)), {}), false);
  });
});

describe('GSM-7 encoding', () => {
  const alphabet =
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

  test('the basic alphabet maps to codes 0x00–0x7F, skipping ESC', () => {
    const bytes = encodeGsm7(alphabet);
    assert.equal(bytes.length, 127);
    assert.deepEqual([...bytes], [...Array(128).keys()].filter((c) => c !== 0x1b));
  });

  test('known code points', () => {
    assert.deepEqual([...encodeGsm7('@')], [0x00]);
    assert.deepEqual([...encodeGsm7('A')], [0x41]);
    assert.deepEqual([...encodeGsm7('¥')], [0x03]);
    assert.deepEqual([...encodeGsm7('Δ')], [0x10]);
    assert.deepEqual([...encodeGsm7('à')], [0x7f]);
  });

  test('extension characters are ESC + code', () => {
    assert.deepEqual([...encodeGsm7('€')], [0x1b, 0x65]);
    assert.deepEqual([...encodeGsm7('{}')], [0x1b, 0x28, 0x1b, 0x29]);
    assert.deepEqual([...encodeGsm7('^\\[~]|')], [0x1b, 0x14, 0x1b, 0x2f, 0x1b, 0x3c, 0x1b, 0x3d, 0x1b, 0x3e, 0x1b, 0x40]);
  });

  test('round trip of everything in the alphabet', () => {
    const text = alphabet + '^{}\\[~]|€\f';
    assert.equal(decodeGsm7(encodeGsm7(text)), text);
  });

  test('a character outside the alphabet is a TodokuError', () => {
    assert.throws(() => encodeGsm7('あ'), (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_NOT_GSM7');
  });

  test('decoding is lenient with what carriers send', () => {
    assert.equal(decodeGsm7(Buffer.from([0x1b, 0x41])), 'A'); // unknown escape shows the basic character
    assert.equal(decodeGsm7(Buffer.from([0x41, 0x1b])), 'A'); // trailing escape dropped
    assert.equal(decodeGsm7(Buffer.from([0x41, 0x80])), 'A\uFFFD');
    assert.equal(decodeGsm7(Buffer.alloc(0)), '');
  });
});

describe('UCS-2 encoding', () => {
  test('is UTF-16 big-endian', () => {
    assert.deepEqual([...encodeUcs2('あA')], [0x30, 0x42, 0x00, 0x41]);
  });
  test('an emoji is a surrogate pair', () => {
    assert.deepEqual([...encodeUcs2('😀')], [0xd8, 0x3d, 0xde, 0x00]);
  });
  test('round trip of Japanese, half-width katakana and emoji', () => {
    const text = 'お支払期限は12月1日です ｵｼﾗｾ 😀';
    assert.equal(decodeUcs2(encodeUcs2(text)), text);
  });
  test('decoding does not mutate its input and ignores a dangling byte', () => {
    const bytes = Buffer.from([0x30, 0x42, 0x00]);
    assert.equal(decodeUcs2(bytes), 'あ');
    assert.deepEqual([...bytes], [0x30, 0x42, 0x00]);
  });
});

describe('splitForConcatenation', () => {
  test('GSM-7 parts carry 153 septets', () => {
    const parts = splitForConcatenation(a(307), 'gsm7');
    assert.deepEqual(parts.map((p) => p.length), [153, 153, 1]);
  });

  test('an escape pair is never split: the part before it carries 152', () => {
    const text = a(152) + '€' + a(152);
    const parts = splitForConcatenation(text, 'gsm7');
    assert.deepEqual(parts.map((p) => p.length), [152, 153, 1]);
    for (const part of parts) assert.notEqual(part[part.length - 1], 0x1b);
    assert.equal(parts.map(decodeGsm7).join(''), text);
    assert.equal(parts.length, countSegments(text).parts);
  });

  test('UCS-2 parts carry 67 units (134 bytes)', () => {
    const parts = splitForConcatenation(ja(135), 'ucs2');
    assert.deepEqual(parts.map((p) => p.length), [134, 134, 2]);
  });

  test('a surrogate pair is never split: the part before it carries 66 units', () => {
    const text = ja(66) + '😀' + ja(66);
    const parts = splitForConcatenation(text, 'ucs2');
    assert.deepEqual(parts.map((p) => p.length), [132, 134, 2]);
    assert.equal(parts.map(decodeUcs2).join(''), text);
    assert.equal(parts.length, countSegments(text).parts);
  });

  test('a short text is one part and empty text none', () => {
    assert.equal(splitForConcatenation('hello', 'gsm7').length, 1);
    assert.deepEqual(splitForConcatenation('', 'ucs2'), []);
  });

  test('GSM-7 text may be sent as UCS-2', () => {
    assert.equal(decodeUcs2(splitForConcatenation('Hello €', 'ucs2')[0] as Buffer), 'Hello €');
  });

  test('asking for GSM-7 with Japanese text throws', () => {
    assert.throws(() => splitForConcatenation('あ', 'gsm7'), TodokuError);
  });
});
