// A message held back by the contact policy, in words with the time it will go: never POLICY_QUIET_HOURS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waitingOf, waitingWords } from '../../src/core/waiting-words.ts';

const TOKYO = { timeZone: 'Asia/Tokyo', policyPack: 'jp_money_lending' };
const DEC8_0800_JST = Date.UTC(2026, 11, 7, 23, 0);

test('quiet hours say the window and the time it will go, in Japanese and English', () => {
  assert.deepEqual(waitingWords('POLICY_QUIET_HOURS', DEC8_0800_JST, TOKYO), {
    ja: '21:00〜8:00は送信しません。12月8日 8:00に送信します',
    en: 'No messages are sent from 21:00 to 8:00. It will go on 8 December 8:00.',
  });
});

test('holidays and caps have their own words; another zone is named', () => {
  assert.equal(waitingWords('POLICY_HOLIDAY', DEC8_0800_JST, TOKYO).ja, '祝日・休業日は送信しません。12月8日 8:00に送信します');
  assert.match(waitingWords('POLICY_FREQUENCY_CAP', DEC8_0800_JST, TOKYO).en, /contacted as often as allowed\. It will go on 8 December 8:00\.$/);
  assert.equal(waitingWords('POLICY_HOLIDAY', DEC8_0800_JST, { timeZone: 'Etc/UTC', policyPack: 'none' }).ja, '祝日・休業日は送信しません。12月7日 23:00 (Etc/UTC)に送信します');
});

test('only a queued message with a policy code waits in words', () => {
  assert.equal(waitingOf({ state: 'queued', errorCode: 'ESME_RSYSERR', nextAttemptAt: DEC8_0800_JST }, TOKYO), null);
  assert.equal(waitingOf({ state: 'delivered', errorCode: 'POLICY_QUIET_HOURS', nextAttemptAt: DEC8_0800_JST }, TOKYO), null);
  assert.equal(waitingOf({ state: 'queued', errorCode: 'POLICY_QUIET_HOURS', nextAttemptAt: new Date(DEC8_0800_JST).toISOString() }, TOKYO)?.ja, '21:00〜8:00は送信しません。12月8日 8:00に送信します');
});
