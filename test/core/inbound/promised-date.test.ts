// Promised dates read from replies, relative to when the reply arrived in Tokyo (Monday 23 November
// 2026, 10:00 JST, unless a case says otherwise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promisedDate } from '../../../src/core/inbound/promised-date.ts';

const MONDAY = new Date('2026-11-23T10:00:00+09:00');
const TOKYO = 'Asia/Tokyo';

const CASES: [string, string | undefined, Date?][] = [
  ['12月5日に払います', '2026-12-05'],
  ['12/5に振り込みます', '2026-12-05'],
  ['１２／５に振り込みます', '2026-12-05'],
  ['2027年1月10日に入金します', '2027-01-10'],
  ['2027/1/10に入金します', '2027-01-10'],
  ['1/5に払います', '2027-01-05', new Date('2026-12-28T10:00:00+09:00')],
  ['11/20の件、来週払います', '2026-12-04'],
  ['30日に払います', '2026-11-30'],
  ['5日に払います', '2026-12-05'],
  ['来月10日に払います', '2026-12-10'],
  ['明日払います', '2026-11-24'],
  ['あした払います', '2026-11-24'],
  ['明後日払います', '2026-11-25'],
  ['今日払います', '2026-11-23'],
  ['本日中に振り込みます', '2026-11-23'],
  ['来週払います', '2026-12-04'],
  ['来週 払います', '2026-12-04'],
  ['来週金曜に払います', '2026-12-04'],
  ['来週の月曜日に払います', '2026-11-30'],
  ['再来週の水曜に', '2026-12-09'],
  ['今週金曜に払います', '2026-11-27'],
  ['金曜に払います', '2026-11-27'],
  ['月曜に払います', '2026-11-30'],
  ['週明けに払います', '2026-11-30'],
  ['今週中に払います', '2026-11-27'],
  ['今週中に払います', '2026-11-29', new Date('2026-11-29T10:00:00+09:00')],
  ['月末に払います', '2026-11-30'],
  ['今月中に払います', '2026-11-30'],
  ['来月払います', '2026-12-31'],
  ['来月末に払います', '2026-12-31'],
  ['月末に払います', '2027-02-28', new Date('2027-02-03T10:00:00+09:00')],
  ['今日は無理なので来週払います', '2026-12-04'],
  ['明日か明後日に払います', '2026-11-25'],
  ['I will pay tomorrow', '2026-11-24'],
  ['will pay next week', '2026-12-04'],
  ['I will pay on Friday', '2026-11-27'],
  ['I will pay next Friday', '2026-12-04'],
  ['end of the month', '2026-11-30'],
  ['給料日に払います', undefined],
  ['払います', undefined],
  ['2月30日に払います', undefined],
  // 23:30 UTC on Sunday is already Monday in Tokyo: "tomorrow" is Tuesday.
  ['明日払います', '2026-11-24', new Date('2026-11-22T15:30:00Z')],
];

for (const [text, expected, now] of CASES) {
  test(`「${text}」 on ${(now ?? MONDAY).toISOString()} promises ${expected ?? 'no date'}`, () => {
    assert.equal(promisedDate(text, { now: now ?? MONDAY, timeZone: TOKYO }), expected);
  });
}

test('the date is read in the given time zone: 01:00 JST Monday is still Sunday in New York', () => {
  const now = new Date('2026-11-23T01:00:00+09:00');
  assert.equal(promisedDate('tomorrow', { now, timeZone: 'America/New_York' }), '2026-11-23');
  assert.equal(promisedDate('明日', { now, timeZone: TOKYO }), '2026-11-24');
});
