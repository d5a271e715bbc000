// Carrier error codes in words: receipt err: values, SMPP command_status names and raw hex statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carrierErrorMeaning, carrierErrorText, SMPP_ERROR_MEANINGS } from '../../src/core/carrier-errors.ts';
import { SMPP_STATUSES } from '../../src/routes/smpp/status.ts';

test('a receipt err: value reads as its meaning, in Japanese and English', () => {
  assert.equal(carrierErrorText('001', 'ja'), '001: 宛先不明（番号が使われていない可能性）');
  assert.equal(carrierErrorText('001', 'en'), '001: Unknown subscriber (the number may not be in use)');
  assert.equal(carrierErrorText('2', 'ja'), '2: 圏外または電源が入っていない', 'a network error code without leading zeros');
});

test('SMPP statuses read by name or by hex, and every status the SMPP route knows has a meaning', () => {
  assert.equal(carrierErrorText('ESME_RINVDSTADR', 'ja'), 'ESME_RINVDSTADR: 宛先番号が不正');
  assert.equal(carrierErrorText('SMPP_0x0000000B', 'en'), 'SMPP_0x0000000B: Invalid destination address');
  assert.match(carrierErrorText('SMPP_0x00000400', 'ja'), /未登録のコード/);
  for (const [status, row] of SMPP_STATUSES) {
    assert.equal(SMPP_ERROR_MEANINGS[row.name]?.status, status, row.name);
  }
});

test('codes that are not the carrier’s are left alone: policy waits, unknown codes, nothing', () => {
  assert.equal(carrierErrorMeaning('POLICY_QUIET_HOURS'), null);
  assert.equal(carrierErrorText('999', 'ja'), '999');
  assert.equal(carrierErrorText(null, 'ja'), '');
});
