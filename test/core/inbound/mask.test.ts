// Numbers as lists show them: area and last four digits only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskPhone } from '../../../src/core/inbound/mask.ts';
import { optOutConfirmation } from '../../../src/core/inbound/confirmation.ts';

const CASES: [string, string][] = [
  ['+819012345678', '090-****-5678'],
  ['+818023456789', '080-****-6789'],
  ['+817034567890', '070-****-7890'],
  ['+12015550123', '+1 (201) ***-0123'],
  ['not a number 12345678', 'not a number ****5678'],
];

for (const [e164, masked] of CASES) {
  test(`${e164.slice(0, 4)}… is shown as ${masked}`, () => {
    assert.equal(maskPhone(e164), masked);
  });
}

test('the opt-out confirmation says it is done and who sends it', () => {
  assert.equal(optOutConfirmation('〇〇大学 学生課'), '配信を停止しました。今後このお知らせはお送りしません。【〇〇大学 学生課】');
  assert.equal(optOutConfirmation('Acme Collections', 'en'), 'You are unsubscribed and will receive no further messages. - Acme Collections');
});
