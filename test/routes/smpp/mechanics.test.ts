// The small machinery of the route: the window, reconnect backoff, reassembly, id formats, decoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { e164, smppAddress } from '../../../src/routes/smpp/address.ts';
import { reconnectDelay } from '../../../src/routes/smpp/backoff.ts';
import { decodeText } from '../../../src/routes/smpp/data-coding.ts';
import { Reassembler } from '../../../src/routes/smpp/reassembly.ts';
import { idFromReceiptText, idFromSubmit } from '../../../src/routes/smpp/smsc-id.ts';
import { Window } from '../../../src/routes/smpp/window.ts';

test('the window hands slots out first come first served and turns everyone away once closed', async () => {
  const window = new Window(2);
  assert.equal(await window.acquire(), true);
  assert.equal(await window.acquire(), true);
  const order: string[] = [];
  const third = window.acquire().then((ok) => order.push(`third:${ok}`));
  const fourth = window.acquire().then((ok) => order.push(`fourth:${ok}`));
  window.release();
  await third;
  assert.equal(window.inUse(), 2);
  window.close();
  await fourth;
  assert.deepEqual(order, ['third:true', 'fourth:false']);
  assert.equal(await window.acquire(), false);
});

test('reconnect delays double from the minimum up to the cap, with jitter in the upper half', () => {
  const policy = { minMs: 250, maxMs: 30_000 };
  assert.deepEqual([0, 1, 2, 3].map((a) => reconnectDelay(a, policy, () => 1)), [250, 500, 1000, 2000]);
  assert.equal(reconnectDelay(3, policy, () => 0), 1000);
  assert.equal(reconnectDelay(50, policy, () => 1), 30_000);
});

test('parts join in order whatever order they arrive in; stale incomplete messages are dropped', () => {
  let now = 0;
  const parts = new Reassembler<string>({ maxAgeMs: 1000, now: () => now });
  assert.equal(parts.add('a', 3, 3, 'C'), null);
  assert.equal(parts.add('a', 3, 1, 'A'), null);
  assert.deepEqual(parts.add('a', 3, 2, 'B'), ['A', 'B', 'C']);
  parts.forget('a');
  parts.add('b', 2, 1, 'x');
  now = 2000;
  parts.add('c', 2, 1, 'y');
  assert.equal(parts.size(), 1);
  assert.equal(parts.add('b', 2, 2, 'z'), null, 'the first half of b expired');
});

test('smsc ids: unchanged by default; decimal on both sides for carriers that mix hex and decimal', () => {
  assert.equal(idFromSubmit('0A1b', 'same'), '0A1b');
  assert.equal(idFromSubmit('0A1b', 'decimal'), '2587');
  assert.equal(idFromReceiptText('002587', 'decimal'), '2587');
  assert.equal(idFromSubmit('not-hex', 'decimal'), 'not-hex');
});

test('received bytes decode by data_coding: GSM-7, IA5, Latin-1, UCS-2 and GSM message classes', () => {
  assert.equal(decodeText(Buffer.from([0x48, 0x1b, 0x65, 0x00]), 0x00), 'H€@');
  assert.equal(decodeText(Buffer.from('Hi@', 'ascii'), 0x01), 'Hi@');
  assert.equal(decodeText(Buffer.from('café', 'latin1'), 0x03), 'café');
  assert.equal(decodeText(Buffer.from([0x30, 0x42, 0xd8, 0x3d, 0xde, 0x00]), 0x08), 'あ😀');
  assert.equal(decodeText(Buffer.from([0x48, 0x69]), 0xf1), 'Hi');
});

test('addresses: E.164 from international, national and unknown TONs; national digits for carriers that want them', () => {
  const cases: Array<[string, number, string | undefined]> = [
    ['819012345678', 1, '+819012345678'],
    ['+819012345678', 0, '+819012345678'],
    ['09012345678', 2, '+819012345678'],
    ['09012345678', 0, '+819012345678'],
    ['00819012345678', 0, '+819012345678'],
    ['819012345678', 0, '+819012345678'],
    ['12345', 0, undefined],
    ['TODOKU', 5, undefined],
    ['4412345678', 5, undefined],
  ];
  for (const [addr, ton, expected] of cases) assert.equal(e164(addr, ton), expected, `${addr} TON ${ton}`);
  assert.equal(e164('0412345678', 2, '61'), '+61412345678');
  assert.equal(smppAddress('+819012345678', 2), '09012345678');
  assert.equal(smppAddress('+819012345678', 1), '819012345678');
  assert.equal(smppAddress('+447700900123', 2), '447700900123', 'another country stays international');
});
