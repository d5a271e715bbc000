// What goes into submit_sm bodies: explicit data_coding, bytes, and concatenation headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatReference, concatReference16, submitParts } from '../../../src/routes/smpp/submit-parts.ts';
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

test('udh16: a 7-octet header with the 16-bit reference, 66 UCS-2 units per part', () => {
  const text = 'あ'.repeat(140);
  const parts = submitParts(text, { concatenation: 'udh16', ref: 0x1234 });
  assert.equal(parts.length, 3);
  const payloads = parts.map((part, i) => {
    const { udh, payload } = splitUserData(part.shortMessage, true);
    assert.deepEqual([...(udh ?? [])], [0x06, 0x08, 0x04, 0x12, 0x34, 3, i + 1]);
    assert.equal(part.esmClass, 0x40);
    return payload;
  });
  assert.deepEqual(payloads.map((p) => p.length / 2), [66, 66, 8]);
  assert.equal(decodeText(Buffer.concat(payloads), 8), text);
});

test('sar: no header in the body, the reference and position in sar_* fields', () => {
  const text = 'Your tuition of 535,800 yen is due on 31 May. '.repeat(5);
  const parts = submitParts(text, { concatenation: 'sar', ref: 0xbeef });
  assert.equal(parts.length, 2);
  assert.deepEqual(parts.map((p) => [p.esmClass, p.dataCoding, p.sar]), [
    [0, 0, { ref: 0xbeef, total: 2, seq: 1 }],
    [0, 0, { ref: 0xbeef, total: 2, seq: 2 }],
  ]);
  assert.equal(parts[0]?.shortMessage.length, 152);
  assert.equal(decodeText(Buffer.concat(parts.map((p) => p.shortMessage)), 0), text);
});

test('payload: a Japanese long SMS goes whole in message_payload, up to 660 characters', () => {
  const text = '督'.repeat(659) + '😀';
  const [part, ...rest] = submitParts(text, { concatenation: 'payload', ref: 1 });
  assert.equal(rest.length, 0);
  assert.deepEqual([part?.dataCoding, part?.esmClass, part?.shortMessage.length], [8, 0, 0]);
  assert.equal(decodeText(part?.messagePayload ?? Buffer.alloc(0), 8), text);
  assert.throws(() => submitParts(text + 'x', { concatenation: 'payload', ref: 1 }), /661 characters, at most 660/);
  assert.equal(submitParts('short', { concatenation: 'payload', ref: 1 })[0]?.messagePayload, undefined, 'one SMS needs no TLV');
});

test('maxLength applies in characters to every concatenation; a GSM escape never splits across parts', () => {
  assert.throws(() => submitParts('a'.repeat(11), { concatenation: 'udh8', ref: 1, maxLength: 10 }), /TEXT_TOO_LONG|too long/);
  // 152 plain characters, then '€' (escape + code): the escape would be septet 153 of part one.
  const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
  const parts = submitParts(text, { concatenation: 'udh8', ref: 1 });
  const payloads = parts.map((p) => splitUserData(p.shortMessage, true).payload);
  assert.deepEqual(payloads.map((p) => p.length), [152, 12]);
  assert.equal(decodeText(Buffer.concat(payloads), 0), text);
});

test('the 16-bit reference is stable too', () => {
  assert.equal(concatReference16('msg-1'), concatReference16('msg-1'));
  const spread = new Set(Array.from({ length: 1000 }, (_, i) => concatReference16(`msg-${i}`)));
  assert.ok(spread.size > 950, `references spread over ${spread.size} values`);
});
