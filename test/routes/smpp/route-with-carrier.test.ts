// The SMPP route against a scripted carrier SMSC: what it puts in PDUs, how it reads refusals,
// replies and bare receipts, and how it survives refused binds, silence and dead links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeUcs2 } from '../../../src/core/segments.ts';
import { concatUdh } from '../../../src/routes/smpp/udh.ts';
import { RecordingEvents, routeTo, sms, waitFor } from '../harness.ts';
import { ScriptedSmsc } from './scripted-smsc.ts';

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

test('throttling, a full queue and a system error are retries; a bad number and a failed submit are failures', async (t) => {
  const smsc = new ScriptedSmsc();
  const statuses: Record<string, number> = { '810000000001': 0x58, '810000000002': 0x14, '810000000003': 0x08, '810000000004': 0x0b, '810000000005': 0x45 };
  smsc.answerSubmit = (pdu) => statuses[pdu.destination_addr ?? ''] ?? { message_id: 'ok' };
  const route = routeTo(t, await smsc.start(t));
  await route.start(new RecordingEvents());

  const outcomes = [];
  for (const n of [1, 2, 3, 4, 5]) outcomes.push(await route.submit(sms(String(n), 'Reminder', `+81000000000${n}`)));
  assert.deepEqual(
    outcomes.map((o) => [o.kind, o.kind === 'accepted' ? o.smscId : o.code]),
    [
      ['retry', 'ESME_RTHROTTLED'],
      ['retry', 'ESME_RMSGQFUL'],
      ['retry', 'ESME_RSYSERR'],
      ['failed', 'ESME_RINVDSTADR'],
      ['failed', 'ESME_RSUBMITFAIL'],
    ],
  );
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

test('an unanswered submit is a retry after responseTimeoutMs', async (t) => {
  const smsc = new ScriptedSmsc();
  smsc.answerSubmit = () => 'silence';
  const route = routeTo(t, await smsc.start(t), { responseTimeoutMs: 100 });
  await route.start(new RecordingEvents());
  assert.deepEqual(await route.submit(sms('1', 'hello')), { kind: 'retry', code: 'TIMEOUT', reason: 'no submit_sm_resp within 100 ms' });
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
    { smscId: '1234567', status: 'undeliverable', carrierState: 'UNDELIV', errorCode: '034', to: '+819012345678', doneAt: new Date('2024-05-31T12:30:00Z') },
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
