// submit_sm_resp command_status → outcome, through the status table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeForStatus } from '../../../src/routes/smpp/status.ts';

test('transient refusals are retries, permanent ones failures, each with its SMPP name', () => {
  const table: Array<[number, 'retry' | 'failed', string]> = [
    [0x58, 'retry', 'ESME_RTHROTTLED'],
    [0x14, 'retry', 'ESME_RMSGQFUL'],
    [0x08, 'retry', 'ESME_RSYSERR'],
    [0x64, 'retry', 'ESME_RX_T_APPN'],
    [0x0b, 'failed', 'ESME_RINVDSTADR'],
    [0x01, 'failed', 'ESME_RINVMSGLEN'],
    [0x45, 'failed', 'ESME_RSUBMITFAIL'],
    [0x0a, 'failed', 'ESME_RINVSRCADR'],
    [0x66, 'failed', 'ESME_RX_R_APPN'],
  ];
  for (const [status, kind, code] of table) {
    const outcome = outcomeForStatus(status);
    assert.deepEqual([outcome.kind, outcome.code], [kind, code], code);
    assert.match(outcome.reason, new RegExp(`0x${status.toString(16).toUpperCase().padStart(8, '0')}`));
  }
});

test('an unknown (vendor) status is a permanent failure named by its number', () => {
  assert.deepEqual(outcomeForStatus(0x401), { kind: 'failed', code: 'SMPP_0x00000401', reason: 'SMSC refused the message (0x00000401)' });
});

test('reasons are bilingual', () => {
  assert.equal(outcomeForStatus(0x0b).reason, 'Invalid destination address (0x0000000B) / 宛先番号が不正です');
});

test('"slow down" refusals are flagged throttled, so the dispatcher need not know SMPP codes; other retries are not', () => {
  for (const status of [0x58, 0x14]) {
    const outcome = outcomeForStatus(status);
    assert.equal(outcome.kind === 'retry' && outcome.throttled, true, outcome.code);
  }
  const sysErr = outcomeForStatus(0x08);
  assert.equal(sysErr.kind === 'retry' && sysErr.throttled, undefined);
});
