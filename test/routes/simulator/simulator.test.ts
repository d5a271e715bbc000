// The SMSC simulator as any SMPP client sees it, driven over TCP by plain node-smpp sessions.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { encodeGsm7, encodeUcs2 } from '../../../src/core/segments.ts';
import { smpp, type Pdu, type PduFields, type Session } from '../../../src/routes/smpp/wire.ts';
import { startSimulator, waitFor } from '../harness.ts';

interface Client {
  session: Session;
  request(command: string, fields?: PduFields): Promise<Pdu>;
  /** deliver_sm and data_sm received (and acknowledged). */
  delivered: Pdu[];
}

async function connect(t: TestContext, port: number): Promise<Client> {
  const session = smpp.connect({ host: '127.0.0.1', port });
  t.after(() => session.destroy());
  session.on('error', () => {});
  const delivered: Pdu[] = [];
  for (const command of ['deliver_sm', 'data_sm']) {
    session.on(command, (pdu: Pdu) => {
      delivered.push(pdu);
      session.send(pdu.response());
    });
  }
  await new Promise((resolve) => session.once('connect', resolve));
  const request = (command: string, fields: PduFields = {}) =>
    new Promise<Pdu>((resolve) => session.send(new smpp.PDU(command, fields), resolve));
  return { session, request, delivered };
}

async function bound(t: TestContext, port: number, command = 'bind_transceiver', systemId = 'acme'): Promise<Client> {
  const client = await connect(t, port);
  const answer = await client.request(command, { system_id: systemId, password: 'pw', interface_version: 0x34 });
  assert.equal(answer.command_status, 0);
  return client;
}

const to = { dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '819012345678', source_addr: 'ACME', source_addr_ton: 5 };

test('concatenated messages (16-bit UDH, sar_* TLVs) and message_payload are joined and decoded; ids are 10 hex digits', async (t) => {
  const simulator = await startSimulator(t);
  const client = await bound(t, simulator.port);
  const ucs = encodeUcs2('お支払い期限のお知らせ😀です');
  const udh16 = (seq: number) => Buffer.from([0x06, 0x08, 0x04, 0x12, 0x34, 0x02, seq]);
  const answers = [
    // Parts out of order, a surrogate pair cut between them: only joined bytes decode right.
    await client.request('submit_sm', { ...to, esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh16(2), ucs.subarray(22)]) }),
    await client.request('submit_sm', { ...to, esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([udh16(1), ucs.subarray(0, 22)]) }),
    await client.request('submit_sm', { ...to, data_coding: 0, short_message: encodeGsm7('Part one, '), sar_msg_ref_num: 9, sar_total_segments: 2, sar_segment_seqnum: 1 }),
    await client.request('submit_sm', { ...to, data_coding: 0, short_message: encodeGsm7('part two.'), sar_msg_ref_num: 9, sar_total_segments: 2, sar_segment_seqnum: 2 }),
    await client.request('submit_sm', { ...to, data_coding: 8, message_payload: encodeUcs2('届'.repeat(200)) }),
    await client.request('submit_sm', { ...to, data_coding: 3, short_message: Buffer.from('Café déjà payé', 'latin1'), user_message_reference: 77 }),
  ];
  for (const answer of answers) assert.match(answer.message_id ?? '', /^[0-9a-f]{10}$/);
  assert.equal(new Set(answers.map((a) => a.message_id)).size, answers.length);

  const received = simulator.received();
  assert.deepEqual(
    received.map((m) => [m.text, m.parts, m.dataCoding]),
    [
      ['お支払い期限のお知らせ😀です', 2, 8],
      ['Part one, part two.', 2, 0],
      ['届'.repeat(200), 1, 8],
      ['Café déjà payé', 1, 3],
    ],
  );
  assert.deepEqual(received[0]?.partIds, [answers[1]?.message_id, answers[0]?.message_id], 'part ids in part order');
  assert.equal(received[0]?.smscId, answers[1]?.message_id);
  assert.deepEqual([received[3]?.userMessageReference, received[3]?.systemId, received[3]?.to, received[3]?.from], [77, 'acme', '+819012345678', 'ACME']);
  assert.equal(received[0]?.userMessageReference, undefined);
});

test('a receipt goes to a receiver of the same system_id, with its TLVs and the echoed reference', async (t) => {
  const simulator = await startSimulator(t);
  const sender = await bound(t, simulator.port, 'bind_transmitter');
  const receiver = await bound(t, simulator.port, 'bind_receiver');
  const stranger = await bound(t, simulator.port, 'bind_receiver', 'someone-else');

  const answer = await sender.request('submit_sm', { ...to, data_coding: 0, registered_delivery: 1, short_message: encodeGsm7('Hello from the finance office'), user_message_reference: 513 });
  await waitFor('the receipt', () => receiver.delivered.length === 1);
  const receipt = receiver.delivered[0] as Pdu;
  assert.equal(receipt.esm_class, 0x04);
  assert.equal(receipt.receipted_message_id, answer.message_id);
  assert.equal(receipt.message_state, 2);
  assert.equal(receipt.user_message_reference, 513);
  assert.deepEqual([receipt.source_addr, receipt.source_addr_ton, receipt.destination_addr], ['819012345678', 1, 'ACME']);
  assert.equal(receipt.data_coding, 0);
  const text = (receipt.short_message ?? Buffer.alloc(0)).toString('latin1');
  assert.match(text, new RegExp(`^id:${answer.message_id} sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:Hello from the finan$`));
  assert.equal(sender.delivered.length + stranger.delivered.length, 0);
  await waitFor('nothing owed', () => simulator.stats().receiptsOwed === 0);
});

test('a receipt for a Japanese message is UCS-2 (data_coding 8); none when none was asked for', async (t) => {
  const simulator = await startSimulator(t);
  const client = await bound(t, simulator.port);
  await client.request('submit_sm', { ...to, data_coding: 8, registered_delivery: 1, short_message: encodeUcs2('授業料のお支払いについて') });
  await client.request('submit_sm', { ...to, data_coding: 0, registered_delivery: 0, short_message: encodeGsm7('no receipt wanted') });
  await waitFor('the receipt', () => client.delivered.length === 1);
  assert.equal(client.delivered[0]?.data_coding, 8);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(client.delivered.length, 1, 'registered_delivery 0: no receipt');
});

test('a long message gets receipts only for the parts that asked: part 1 alone, as ESMEs send it, or every part', async (t) => {
  const simulator = await startSimulator(t);
  const client = await bound(t, simulator.port);
  const udh = (ref: number, seq: number) => Buffer.from([0x05, 0x00, 0x03, ref, 0x02, seq]);
  const part = (ref: number, seq: number, registered: number, text: string) =>
    client.request('submit_sm', { ...to, esm_class: 0x40, data_coding: 0, registered_delivery: registered, short_message: Buffer.concat([udh(ref, seq), encodeGsm7(text)]) });
  const firstOnly = [await part(1, 1, 1, 'Your payment '), await part(1, 2, 0, 'is due.')];
  const both = [await part(2, 1, 1, 'Second notice, '), await part(2, 2, 1, 'please pay.')];
  await waitFor('three receipts', () => client.delivered.length === 3);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(client.delivered.length, 3, 'no receipt for a part with registered_delivery 0');
  assert.deepEqual(
    client.delivered.map((r) => r.receipted_message_id).sort(),
    [firstOnly[0], both[0], both[1]].map((a) => a?.message_id).sort(),
  );
  assert.deepEqual(simulator.received().map((m) => [m.text, m.parts, m.outcome]), [
    ['Your payment is due.', 2, 'DELIVRD'],
    ['Second notice, please pay.', 2, 'DELIVRD'],
  ]);
  await waitFor('nothing owed', () => simulator.stats().receiptsOwed === 0);
});

test('binds, keep-alives and refusals behave like an SMSC', async (t) => {
  const simulator = await startSimulator(t, { accounts: { acme: 'pw' } });

  const intruder = await connect(t, simulator.port);
  assert.equal((await intruder.request('bind_transceiver', { system_id: 'acme', password: 'wrong' })).command_status, 0x0d);

  const early = await connect(t, simulator.port);
  assert.equal((await early.request('submit_sm', { ...to, short_message: encodeGsm7('hi') })).command_status, 0x04, 'not bound yet');

  const receiver = await bound(t, simulator.port, 'bind_receiver');
  assert.equal((await receiver.request('submit_sm', { ...to, short_message: encodeGsm7('hi') })).command_status, 0x04, 'receivers cannot submit');
  assert.equal((await receiver.request('bind_transmitter', { system_id: 'acme', password: 'pw' })).command_status, 0x05, 'already bound');
  assert.equal((await receiver.request('enquire_link')).command, 'enquire_link_resp');
  const nack = await receiver.request('query_sm', { message_id: '1' });
  assert.deepEqual([nack.command, nack.command_status], ['generic_nack', 0x03]);

  const closed = new Promise((resolve) => receiver.session.once('close', resolve));
  assert.equal((await receiver.request('unbind')).command, 'unbind_resp');
  await closed;
  assert.equal(simulator.received().length, 0);
});

test('receipts as data_sm carry the text in message_payload and a numeric err as network_error_code', async (t) => {
  const simulator = await startSimulator(t, { receiptsAs: 'data_sm', outcomes: { UNDELIV: 1 }, errorCodes: { UNDELIV: '034' } });
  const client = await bound(t, simulator.port);
  const answer = await client.request('submit_sm', { ...to, data_coding: 0, registered_delivery: 1, short_message: encodeGsm7('Tuition reminder') });
  await waitFor('the receipt', () => client.delivered.length === 1);
  const receipt = client.delivered[0] as Pdu;
  assert.deepEqual([receipt.command, receipt.esm_class, receipt.receipted_message_id, receipt.message_state], ['data_sm', 0x04, answer.message_id, 5]);
  assert.equal(receipt.short_message, undefined);
  assert.match((receipt.message_payload ?? Buffer.alloc(0)).toString('latin1'), /stat:UNDELIV err:034 text:Tuition reminder$/);
  assert.deepEqual([...(receipt.network_error_code ?? [])], [3, 0, 34]);
  await waitFor('acknowledged', () => simulator.stats().receiptsAcknowledged === 1);
  assert.deepEqual(
    simulator.submits().map((r) => [r.to, r.status, r.smscId, r.answered]),
    [['+819012345678', 0, answer.message_id, true]],
  );
});
