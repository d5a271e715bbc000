// The SMPP route against a scripted carrier SMSC: what it puts in PDUs, how it reads refusals,
// replies and bare receipts, and how it survives refused binds, silence and dead links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeUcs2 } from '../../../src/core/segments.ts';
import { concatUdh } from '../../../src/routes/smpp/udh.ts';
import { RecordingEvents, routeTo, sms, waitFor } from '../harness.ts';
import { ScriptedSmsc } from './scripted-smsc.ts';
import { Connection } from '../../../src/routes/smpp/connection.ts';

test('submit_sm carries explicit data_coding, the number without "+", TON/NPI 1/1 and a receipt request', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());
  await route.submit(sms('42', 'Hello'));
  await route.submit(sms('0f3c9a6e-uuid', 'こんにちは'));

  const [bind] = smsc.binds;
  assert.deepEqual([bind?.system_id, bind?.password, bind?.interface_version], ['todoku', 'secret', 0x34]);
  const [gsm, ucs] = smsc.submits;
  assert.deepEqual(
    [gsm?.destination_addr, gsm?.dest_addr_ton, gsm?.dest_addr_npi, gsm?.registered_delivery, gsm?.data_coding, gsm?.esm_class],
    ['819012345678', 1, 1, 1, 0, 0],
  );
  assert.deepEqual([gsm?.source_addr, gsm?.source_addr_ton, gsm?.source_addr_npi], ['TODOKU', 5, 0]);
  assert.deepEqual(gsm?.short_message, Buffer.from('Hello'));
  assert.equal(gsm?.user_message_reference, 42);
  assert.deepEqual([ucs?.data_coding, ucs?.short_message], [8, encodeUcs2('こんにちは')]);
  assert.equal(ucs?.user_message_reference, undefined);
});

test('a carrier that wants national numbers (TON 2) gets 090…, and its national replies and receipts are read back', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t), { destTon: 2, destNpi: 1, sender: '+81312345678', sourceTon: 2, sourceNpi: 1 });
  const events = new RecordingEvents();
  await route.start(events);
  await route.submit(sms('1', 'Hello'));
  const [submit] = smsc.submits;
  assert.deepEqual([submit?.destination_addr, submit?.dest_addr_ton, submit?.source_addr, submit?.source_addr_ton], ['09012345678', 2, '0312345678', 2]);

  await smsc.deliver({ source_addr: '09012345678', source_addr_ton: 2, destination_addr: '0312345678', dest_addr_ton: 2, data_coding: 8, short_message: encodeUcs2('停止') });
  await smsc.deliver({ source_addr: '09012345678', source_addr_ton: 0, esm_class: 0x04, receipted_message_id: 'id0', message_state: 2 });
  assert.deepEqual([events.inbounds[0]?.from, events.inbounds[0]?.to, events.inbounds[0]?.text], ['+819012345678', '+81312345678', '停止']);
  assert.equal(events.receipts[0]?.to, '+819012345678', 'the receipt names the recipient, so a late one can adopt its message');
});

test('a system error is a retry; a bad number and a failed submit are failures; each is sent once', async (t) => {
  const smsc = new ScriptedSmsc();
  const statuses: Record<string, number> = { '810000000003': 0x08, '810000000004': 0x0b, '810000000005': 0x45 };
  smsc.answerSubmit = (pdu) => statuses[pdu.destination_addr ?? ''] ?? { message_id: 'ok' };
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());

  const outcomes = [];
  for (const n of [3, 4, 5]) outcomes.push(await route.submit(sms(String(n), 'Reminder', `+81000000000${n}`)));
  assert.deepEqual(
    outcomes.map((o) => [o.kind, o.kind === 'accepted' ? o.smscId : o.code]),
    [
      ['retry', 'ESME_RSYSERR'],
      ['failed', 'ESME_RINVDSTADR'],
      ['failed', 'ESME_RSUBMITFAIL'],
    ],
  );
  assert.equal(smsc.submits.length, 3);
  assert.equal(route.sendRate(), Infinity, 'no throttling, no pacing');
});

test('throttled and queue-full PDUs are sent again, after growing pauses, until accepted: the message does not fail', async (t) => {
  const smsc = new ScriptedSmsc();
  const sentAt: number[] = [];
  smsc.answerSubmit = (_pdu, i) => {
    sentAt.push(Date.now());
    return [0x58, 0x58, 0x14][i] ?? { message_id: 'finally' };
  };
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());

  assert.deepEqual(await route.submit(sms('7', 'Tuition reminder')), { kind: 'accepted', smscId: 'finally' });
  assert.equal(smsc.submits.length, 4, 'the same PDU, sent again three times');
  assert.equal(new Set(smsc.submits.map((p) => p.sequence_number)).size, 4, 'each time as a new PDU');
  const gaps = sentAt.slice(1).map((at, i) => at - (sentAt[i] ?? at));
  assert.ok(gaps[0]! >= 45 && gaps[1]! >= 95 && gaps[2]! >= 195, `pauses of 50, 100, 200 ms: ${gaps}`);
});

test('a carrier throttling most of a burst cuts the route\'s pace, which then grows back', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = (_pdu, i) => (i < 40 && i % 4 !== 0 ? 0x58 : { message_id: `m${i}` });
  const route = routeTo(t, await smsc.start(t), { window: 20 });
  await route.start(new RecordingEvents());
  const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => route.submit(sms(String(i), 'Notice', `+8190000000${String(i).padStart(2, '0')}`))));
  assert.ok(outcomes.every((o) => o.kind === 'accepted'));
  const cut = route.sendRate();
  assert.ok(cut < Infinity, 'three quarters refused: the route slowed down');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.ok(route.sendRate() > cut, 'and speeds up again');
});

test('a carrier that keeps throttling gets the message back as a retry after throttleWaitMs', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = () => 0x58;
  const route = routeTo(t, await smsc.start(t), { minSubmitsPerSecond: 10, throttleWaitMs: 300 });
  await route.start(new RecordingEvents());

  const started = Date.now();
  const outcome = await route.submit(sms('8', 'Tuition reminder'));
  assert.equal(outcome.kind, 'retry');
  assert.equal(outcome.kind === 'retry' && outcome.code, 'ESME_RTHROTTLED');
  assert.match(outcome.kind === 'retry' ? outcome.reason : '', /still refused after 300 ms/);
  assert.ok(Date.now() - started >= 250, 'held and resent for about throttleWaitMs');
  assert.ok(smsc.submits.length >= 2 && smsc.submits.length <= 6, `resent at the paced rate (${smsc.submits.length} sends)`);
});

test('close() wakes a message waiting to be resent after throttling; it comes back as a retry, not sent again', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = () => 0x58;
  const route = routeTo(t, await smsc.start(t), { minSubmitsPerSecond: 1, maxSubmitsPerSecond: 1 });
  await route.start(new RecordingEvents());
  const pending = route.submit(sms('9', 'Tuition reminder'));
  await waitFor('the first refusal', () => smsc.submits.length === 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await route.close();
  assert.deepEqual(await pending, { kind: 'retry', code: 'CLOSING', reason: 'route is closing', held: true });
  assert.equal(smsc.submits.length, 1);
});

test('transmitter_receiver: two binds, submits on the transmitter, receipts on the receiver', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t), { bindMode: 'transmitter_receiver', systemType: 'TODOKU' });
  const events = new RecordingEvents();
  await route.start(events);
  assert.deepEqual(smsc.binds.map((b) => b.command).sort(), ['bind_receiver', 'bind_transmitter']);
  assert.deepEqual(smsc.binds.map((b) => b.system_type), ['TODOKU', 'TODOKU']);

  assert.deepEqual(await route.submit(sms('10', 'Hello')), { kind: 'accepted', smscId: 'id0' });
  assert.deepEqual(smsc.submitsVia, ['bind_transmitter']);
  const answer = await smsc.deliver({ source_addr: '819012345678', source_addr_ton: 1, esm_class: 0x04, receipted_message_id: 'id0', message_state: 2 });
  assert.equal(answer.command_status, 0);
  assert.deepEqual(events.receipts.map((r) => [r.smscId, r.status]), [['id0', 'delivered']]);
});

test("the SMSC's enquire_link is answered", async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());
  const answer = await smsc.deliver({}, 'enquire_link');
  assert.deepEqual([answer.command, answer.command_status], ['enquire_link_resp', 0]);
});

test('a receipt in data_sm (message_payload, network_error_code) is answered with data_sm_resp and read', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t));
  const events = new RecordingEvents();
  await route.start(events);
  const answer = await smsc.deliver(
    {
      source_addr: '819012345678', source_addr_ton: 1, esm_class: 0x04, data_coding: 0,
      receipted_message_id: '0a1b2c3d4e', message_state: 5, network_error_code: Buffer.from([3, 0, 34]),
      message_payload: Buffer.from('id:0a1b2c3d4e sub:001 dlvrd:000 stat:UNDELIV'),
    },
    'data_sm',
  );
  assert.deepEqual([answer.command, answer.command_status], ['data_sm_resp', 0]);
  assert.deepEqual(events.receipts, [{ smscId: '0a1b2c3d4e', status: 'undeliverable', carrierState: 'UNDELIV', errorCode: '034', to: '+819012345678' }]);
});

test('replies are decoded whatever their coding: GSM-7 in deliver_sm, Latin-1 and UCS-2 in data_sm', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t));
  const events = new RecordingEvents();
  await route.start(events);
  const from = { source_addr: '819012345678', source_addr_ton: 1, destination_addr: 'TODOKU', dest_addr_ton: 5 };
  await smsc.deliver({ ...from, data_coding: 0, short_message: Buffer.from([0x50, 0x61, 0x69, 0x64, 0x20, 0x1b, 0x65, 0x35]) });
  await smsc.deliver({ ...from, data_coding: 3, message_payload: Buffer.from('Déjà payé', 'latin1') }, 'data_sm');
  await smsc.deliver({ ...from, data_coding: 8, message_payload: encodeUcs2('支払いました') }, 'data_sm');
  assert.deepEqual(events.inbounds.map((m) => [m.from, m.to, m.text]), [
    ['+819012345678', 'TODOKU', 'Paid €5'],
    ['+819012345678', 'TODOKU', 'Déjà payé'],
    ['+819012345678', 'TODOKU', '支払いました'],
  ]);
});

test('a text over the route maximum fails at once, without reaching the SMSC', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t), { concatenation: 'payload' });
  await route.start(new RecordingEvents());
  const outcome = await route.submit(sms('11', '届'.repeat(661)));
  assert.equal(outcome.kind, 'failed');
  assert.equal(outcome.kind === 'failed' && outcome.code, 'TODOKU_E_TEXT_TOO_LONG');
  assert.match(outcome.kind === 'failed' ? outcome.reason : '', /661 characters, at most 660/);
  assert.equal(smsc.submits.length, 0);
});

test('a refused part stops a long message: the rest is not sent', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = (_pdu, i) => (i === 1 ? 0x45 : { message_id: `p${i}` });
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());

  const outcome = await route.submit(sms('long', '届'.repeat(300)));
  assert.equal(outcome.kind, 'failed');
  assert.match(outcome.kind === 'failed' ? outcome.reason : '', /^part 2\/5: /);
  assert.equal(smsc.submits.length, 2);
});

test('a long message whose middle part goes unanswered is incomplete (a plain retry); its last part, unknown', async (t) => {
  const smsc = new ScriptedSmsc();
  let silentAt = 1;
  smsc.answerSubmit = (_pdu, i) => (i === silentAt ? 'silence' : { message_id: `p${i}` });
  const route = routeTo(t, await smsc.start(t), { responseTimeoutMs: 100 });
  await route.start(new RecordingEvents());

  const middle = await route.submit(sms('long-1', '届'.repeat(300)));
  assert.deepEqual([middle.kind, middle.kind !== 'accepted' && middle.code], ['retry', 'PARTS_INCOMPLETE']);
  assert.equal(smsc.submits.length, 2, 'parts 3 to 5 never sent');
  silentAt = 6; // the last part of the next five
  const last = await route.submit(sms('long-2', '届'.repeat(300)));
  assert.deepEqual([last.kind, last.kind !== 'accepted' && last.code], ['retry', 'TIMEOUT'], 'every part sent: the SMSC may have it all');
  assert.match(last.kind !== 'accepted' ? last.reason : '', /^part 5\/5: /);
});

test('an unanswered submit is a retry after responseTimeoutMs', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = () => 'silence';
  const route = routeTo(t, await smsc.start(t), { responseTimeoutMs: 100 });
  await route.start(new RecordingEvents());
  assert.deepEqual(await route.submit(sms('1', 'hello')), { kind: 'retry', code: 'TIMEOUT', reason: 'no submit_sm_resp within 100 ms', answerLost: true });
  assert.equal(route.inflight(), 0);
});

test('a two-part Japanese reply arrives as one message, acknowledged only once it is stored', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t));
  const events = new RecordingEvents();
  let failures = 1;
  await route.start({
    receipt: (r) => events.receipt(r),
    inbound: async (m) => {
      if (failures-- > 0) throw new Error('database unavailable');
      await events.inbound(m);
    },
  });

  const reply = encodeUcs2('もう払いました。振込明細を送ります😀');
  const part = (seq: number, bytes: Buffer) => ({
    source_addr: '819012345678', source_addr_ton: 1, destination_addr: 'TODOKU', dest_addr_ton: 5,
    esm_class: 0x40, data_coding: 8, short_message: Buffer.concat([concatUdh(0x21, 2, seq), bytes]),
  });
  assert.equal((await smsc.deliver(part(1, reply.subarray(0, 20)))).command_status, 0, 'first part held, acknowledged');
  assert.equal((await smsc.deliver(part(2, reply.subarray(20)))).command_status, 0x64, 'not stored: deliver again');
  assert.equal(events.inbounds.length, 0);
  assert.equal((await smsc.deliver(part(2, reply.subarray(20)))).command_status, 0, 'stored');
  assert.equal(events.inbounds.length, 1);
  assert.deepEqual([events.inbounds[0]?.from, events.inbounds[0]?.to, events.inbounds[0]?.text], ['+819012345678', 'TODOKU', 'もう払いました。振込明細を送ります😀']);
});

test('a receipt with no TLVs, its text in UCS-2, is matched by the id in its text', async (t) => {
  const smsc = new ScriptedSmsc();
  const route = routeTo(t, await smsc.start(t));
  const events = new RecordingEvents();
  await route.start(events);
  const text = 'id:1234567 sub:001 dlvrd:000 submit date:2405311200 done date:2405311230 stat:UNDELIV err:034 text:山田様、';
  const answer = await smsc.deliver({ source_addr: '819012345678', source_addr_ton: 1, esm_class: 0x04, data_coding: 8, short_message: encodeUcs2(text) });
  assert.equal(answer.command_status, 0);
  assert.deepEqual(events.receipts, [
    { smscId: '1234567', status: 'undeliverable', carrierState: 'UNDELIV', errorCode: '034', to: '+819012345678', doneAt: new Date('2024-05-31T12:30:00Z'), doneDate: '2405311230' },
  ]);
});

test('refused binds are retried with backoff and start() resolves once bound', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.refuseBinds = 2;
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());
  assert.equal(smsc.binds.length, 3);
  assert.equal(route.ready(), true);
});

test('an enquire_link left unanswered drops the link, and the route binds again', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerEnquireLink = false;
  const route = routeTo(t, await smsc.start(t), { enquireLinkMs: 1000, responseTimeoutMs: 100 });
  await route.start(new RecordingEvents());
  await waitFor('a second bind', () => smsc.binds.length === 2, 3_000);
  await waitFor('the route to be ready', () => route.ready());
});

test('a submit written before the link dropped may be at the SMSC (lost); one asked for after it never left (unsent)', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = () => 'silence';
  const port = await smsc.start(t);
  let closed!: () => void;
  const gone = new Promise<void>((resolve) => (closed = resolve));
  const connection = await Connection.open(
    { host: '127.0.0.1', port, systemId: 'todoku', password: 'secret', systemType: '', enquireLinkMs: 30_000, responseTimeoutMs: 30_000, bindTimeoutMs: 5_000 },
    'transceiver',
    { incoming: async () => 0, closed: () => closed() },
  );
  const written = connection.request('submit_sm', { destination_addr: '819000000001', short_message: 'x' });
  await waitFor('the submit at the SMSC', () => smsc.submits.length === 1);
  smsc.dropAll();
  assert.deepEqual(await written, { kind: 'lost' }, 'the SMSC got it and never answered: it may send it');
  await gone;
  assert.deepEqual(await connection.request('submit_sm', { destination_addr: '819000000002', short_message: 'y' }), { kind: 'unsent' });
  assert.equal(smsc.submits.length, 1, 'the second never reached the SMSC');
});
