// Receipt parsing, table by table: ids in hex and decimal, UCS-2 receipt text, missing fields, stat words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeGsm7, encodeUcs2 } from '../../../src/core/segments.ts';
import { isReceipt, parseReceipt, parseReceiptDate, parseReceiptText, type DeliverSmFields, type ReceiptOptions } from '../../../src/routes/smpp/receipt.ts';

const SAME: ReceiptOptions = { idFormat: 'same', utcOffsetMinutes: 0 };
const STANDARD = 'id:0a1b2c3d4e sub:001 dlvrd:001 submit date:2405311200 done date:2405311201 stat:DELIVRD err:000 text:Hello';

function pdu(text: string, extra: Partial<DeliverSmFields> = {}): DeliverSmFields {
  return { esmClass: 0x04, dataCoding: 0, sourceAddr: '819012345678', sourceAddrTon: 1, ...extra, body: extra.body ?? encodeGsm7(text) };
}

test('a standard receipt gives id, status, recipient and done time (and the done date as written, for the evidence ledger)', () => {
  assert.deepEqual(parseReceipt(pdu(STANDARD), SAME), {
    smscId: '0a1b2c3d4e',
    status: 'delivered',
    carrierState: 'DELIVRD',
    to: '+819012345678',
    doneAt: new Date('2024-05-31T12:01:00Z'),
    doneDate: '2405311201',
  });
});

test('ids: hex and decimal as written, the TLV first, and decimal receipts for hex submit ids', () => {
  const cases: Array<[string, Partial<DeliverSmFields>, ReceiptOptions, string]> = [
    ['id:0A1B2C3D4E stat:DELIVRD', {}, SAME, '0A1B2C3D4E'],
    ['id:43405557070 stat:DELIVRD', {}, SAME, '43405557070'],
    ['id:999 stat:DELIVRD', { receiptedMessageId: '0a1b2c3d4e' }, SAME, '0a1b2c3d4e'],
    // A carrier that answers submits in hex but writes receipts in decimal: everything becomes decimal.
    ['id:0043405557070 stat:DELIVRD', {}, { idFormat: 'decimal', utcOffsetMinutes: 0 }, '43405557070'],
    ['id:1 stat:DELIVRD', { receiptedMessageId: '0A1B2C3D4E' }, { idFormat: 'decimal', utcOffsetMinutes: 0 }, '43405557070'],
  ];
  for (const [text, extra, options, smscId] of cases) assert.equal(parseReceipt(pdu(text, extra), options)?.smscId, smscId, text);
});

test('a receipt in UCS-2 (data_coding 8) is decoded before it is read', () => {
  const text = 'id:77 sub:001 dlvrd:001 submit date:2405311200 done date:2405311201 stat:UNDELIV err:012 text:山田様、授業料の';
  const receipt = parseReceipt(pdu(text, { dataCoding: 8, body: encodeUcs2(text) }), SAME);
  assert.deepEqual([receipt?.smscId, receipt?.status, receipt?.errorCode], ['77', 'undeliverable', '012']);
});

test('missing fields are simply absent; the message_state TLV stands in for a missing stat', () => {
  assert.deepEqual(parseReceipt(pdu('id:5 stat:EXPIRED', { sourceAddr: 'TODOKU', sourceAddrTon: 5 }), SAME), {
    smscId: '5',
    status: 'expired',
    carrierState: 'EXPIRED',
  });
  const fromTlv = parseReceipt(pdu('', { receiptedMessageId: 'ab12', messageState: 8 }), SAME);
  assert.deepEqual([fromTlv?.status, fromTlv?.carrierState], ['rejected', 'REJECTD']);
  const skipped = parseReceipt(pdu('', { receiptedMessageId: 'ab13', messageState: 9 }), SAME);
  assert.deepEqual([skipped?.status, skipped?.carrierState], ['undeliverable', 'SKIPPED']);
  assert.equal(parseReceipt(pdu('stat:DELIVRD err:000'), SAME), null, 'no id anywhere: nothing to match');
});

test('every stat word maps to our status', () => {
  const table: Array<[string, string]> = [
    ['DELIVRD', 'delivered'],
    ['UNDELIV', 'undeliverable'],
    ['EXPIRED', 'expired'],
    ['REJECTD', 'rejected'],
    ['DELETED', 'deleted'],
    ['ACCEPTD', 'accepted'],
    ['UNKNOWN', 'unknown'],
    ['ENROUTE', 'accepted'],
    ['SCHEDULED', 'accepted'],
    ['SKIPPED', 'undeliverable'],
    ['delivrd', 'delivered'],
    ['SOMETHING', 'unknown'],
  ];
  for (const [word, status] of table) assert.equal(parseReceipt(pdu(`id:1 stat:${word}`), SAME)?.status, status, word);
});

test('err:000 is no error, anything else is kept as the carrier wrote it', () => {
  assert.equal(parseReceipt(pdu('id:1 stat:DELIVRD err:000'), SAME)?.errorCode, undefined);
  assert.equal(parseReceipt(pdu('id:1 stat:UNDELIV err:0A4'), SAME)?.errorCode, '0A4');
});

test('a numeric user_message_reference comes back as our ref', () => {
  assert.equal(parseReceipt(pdu('id:1 stat:DELIVRD', { userMessageReference: 4321 }), SAME)?.ref, '4321');
});

test('the text field runs to the end, even when it looks like other fields', () => {
  assert.deepEqual(parseReceiptText('Id:9 Stat:DELIVRD Text:stat:UNDELIV id:1 '), { id: '9', stat: 'DELIVRD', text: 'stat:UNDELIV id:1 ' });
  assert.deepEqual(parseReceiptText(STANDARD), {
    id: '0a1b2c3d4e',
    sub: '001',
    dlvrd: '001',
    submitDate: '2405311200',
    doneDate: '2405311201',
    stat: 'DELIVRD',
    err: '000',
    text: 'Hello',
  });
});

test('receipt dates: minutes or seconds, in the carrier zone', () => {
  assert.deepEqual(parseReceiptDate('2405312101', 540), new Date('2024-05-31T12:01:00Z'));
  assert.deepEqual(parseReceiptDate('240531120159', 0), new Date('2024-05-31T12:01:59Z'));
  assert.equal(parseReceiptDate('2413311200', 0), undefined);
  assert.equal(parseReceiptDate('yesterday', 0), undefined);
});

test('a receipt is told from a reply by esm_class or by receipted_message_id', () => {
  assert.equal(isReceipt({ esmClass: 0x04 }), true);
  assert.equal(isReceipt({ esmClass: 0x20 }), true);
  assert.equal(isReceipt({ esmClass: 0x00, receiptedMessageId: 'ab' }), true);
  assert.equal(isReceipt({ esmClass: 0x40 }), false);
  assert.equal(isReceipt({ esmClass: 0x00 }), false);
});
