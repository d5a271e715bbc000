// What goes into submit_sm bodies: explicit data_coding, bytes, and concatenation headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatReference, submitParts } from '../../../src/routes/smpp/submit-parts.ts';
import { concatUdh, readConcat, splitUserData } from '../../../src/routes/smpp/udh.ts';
import { decodeText } from '../../../src/routes/smpp/data-coding.ts';

const udh8 = (ref: number) => ({ concatenation: 'udh8' as const, ref });

test('a short GSM-7 text is one part, data_coding 0, unpacked septets with escapes', () => {
  assert.deepEqual(submitParts('Pay €5', udh8(1)), [{ dataCoding: 0, esmClass: 0, shortMessage: Buffer.from([0x50, 0x61, 0x79, 0x20, 0x1b, 0x65, 0x35]) }]);
});

test('160 GSM-7 septets and 70 UCS-2 units still fit one part', () => {
  assert.equal(submitParts('a'.repeat(160), udh8(1)).length, 1);
  assert.equal(submitParts('あ'.repeat(70), udh8(1)).length, 1);
  assert.equal(submitParts('a'.repeat(161), udh8(1)).length, 2);
  assert.equal(submitParts('あ'.repeat(71), udh8(1)).length, 2);
});

test('a long Japanese text becomes UCS-2 parts sharing one reference, in order, that join back exactly', () => {
  const text = '届'.repeat(200) + '😀' + 'く'.repeat(99);
  const parts = submitParts(text, udh8(0xab));
  assert.equal(parts.length, 5);
  const payloads = parts.map((part, i) => {
    assert.equal(part.dataCoding, 8);
    assert.equal(part.esmClass, 0x40);
    const { udh, payload } = splitUserData(part.shortMessage, true);
    assert.deepEqual(readConcat(udh ?? Buffer.alloc(0)), { ref: 0xab, total: 5, seq: i + 1 });
    assert.ok(payload.length <= 134);
    return payload;
  });
  assert.equal(decodeText(Buffer.concat(payloads), 8), text);
});

test('the 16-bit concatenation header is read too, and a malformed header is no header', () => {
  assert.deepEqual(readConcat(Buffer.from([0x06, 0x08, 0x04, 0x12, 0x34, 0x03, 0x02])), { ref: 0x1234, total: 3, seq: 2 });
  assert.deepEqual(readConcat(concatUdh(7, 2, 1)), { ref: 7, total: 2, seq: 1 });
  assert.equal(readConcat(Buffer.from([0x05, 0x00, 0x03, 0x01, 0x02, 0x03])), null, 'seq beyond total');
  assert.deepEqual(splitUserData(Buffer.from([0x09, 0x01]), true), { udh: null, payload: Buffer.from([0x09, 0x01]) });
});

test('the reference is stable for a message id, so a retried message keeps it', () => {
  assert.equal(concatReference('msg-1'), concatReference('msg-1'));
  const spread = new Set(Array.from({ length: 1000 }, (_, i) => concatReference(`msg-${i}`)));
  assert.ok(spread.size > 200, `references spread over ${spread.size} values`);
});
