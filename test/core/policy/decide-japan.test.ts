import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decideContact } from '../../../src/core/policy/decide.ts';
import type { ContactDecision } from '../../../src/core/policy/decide.ts';
import type { PolicyOverrides } from '../../../src/core/policy/overrides.ts';
import { JP_MONEY_LENDING, NONE } from '../../../src/core/policy/packs.ts';
import type { PolicyPack } from '../../../src/core/policy/packs.ts';

const TOKYO = 'Asia/Tokyo';
/** '2026-01-09 21:00' or '2026-01-09 20:59:59' in Japan time. */
const jst = (local: string): Date => new Date(`${local.replace(' ', 'T')}+09:00`);

function decide(local: string, overrides?: PolicyOverrides, pack: PolicyPack = JP_MONEY_LENDING): ContactDecision {
  return decideContact({ now: jst(local), timeZone: TOKYO, pack, history: [], overrides });
}

function assertDefer(d: ContactDecision, until: string, code: string): Extract<ContactDecision, { action: 'defer' }> {
  assert.equal(d.action, 'defer', JSON.stringify(d));
  assert.ok(d.action === 'defer');
  assert.equal(d.until.toISOString(), jst(until).toISOString());
  assert.equal(d.reason.code, code);
  return d;
}

describe('貸金業法: no collection contact from 21:00 to 08:00 Japan time', () => {
  const table: { at: string; until?: string; why: string }[] = [
    { at: '2026-01-08 20:59', why: 'a campaign at 20:59 sends' },
    { at: '2026-01-08 20:59:59', why: 'the last second before 21:00 sends' },
    { at: '2026-01-08 21:00', until: '2026-01-09 08:00', why: '21:00 waits for 08:00 the next day' },
    { at: '2026-01-08 23:59:59', until: '2026-01-09 08:00', why: 'just before midnight waits for the morning' },
    { at: '2026-01-09 00:00', until: '2026-01-09 08:00', why: 'midnight waits for 08:00 the same day' },
    { at: '2026-01-09 07:59', until: '2026-01-09 08:00', why: '07:59 waits for 08:00 the same day' },
    { at: '2026-01-09 07:59:59', until: '2026-01-09 08:00', why: 'the last second of the night still waits' },
    { at: '2026-01-09 08:00', why: '08:00 sends' },
    { at: '2026-01-09 12:00', why: 'noon sends' },
  ];
  for (const row of table) {
    test(`${row.at}: ${row.why}`, () => {
      const d = decide(row.at);
      if (row.until === undefined) assert.deepEqual(d, { action: 'send' });
      else assertDefer(d, row.until, 'quiet_hours');
    });
  }

  test('the reason says, in Japanese first, the local time, the window and when it goes', () => {
    const d = assertDefer(decide('2026-01-08 21:30'), '2026-01-09 08:00', 'quiet_hours');
    assert.equal(d.reason.message.ja, '受信者の現地時刻 21:30 は連絡しない時間帯（21:00〜08:00）のため、2026-01-09 08:00（Asia/Tokyo）まで送信を待ちます');
    assert.equal(d.reason.message.en, 'It is 21:30 for the recipient, within the quiet hours 21:00–08:00; the message waits until 2026-01-09 08:00 (Asia/Tokyo)');
  });

  test("quiet hours follow the recipient's time zone, not Japan's", () => {
    // 21:00 in Tokyo is 02:00 in Honolulu: still night there, so it waits for 08:00 Hawaii time.
    const night = decideContact({ now: jst('2026-01-08 21:00'), timeZone: 'Pacific/Honolulu', pack: JP_MONEY_LENDING, history: [] });
    assert.ok(night.action === 'defer');
    assert.equal(night.until.toISOString(), '2026-01-08T18:00:00.000Z');
    // 05:00 in Tokyo is 10:00 the day before in Honolulu: daytime there.
    const day = decideContact({ now: jst('2026-01-09 05:00'), timeZone: 'Pacific/Honolulu', pack: JP_MONEY_LENDING, history: [] });
    assert.deepEqual(day, { action: 'send' });
  });
});

describe('holidays and closed days, when the administrator skips them', () => {
  const skip: PolicyOverrides = { skipHolidays: true };
  const skipAll: PolicyOverrides = { skipHolidays: true, skipWeekends: true };

  test('by default the money-lending pack sends on New Year’s Day', () => {
    assert.deepEqual(decide('2026-01-01 10:00'), { action: 'send' });
  });

  test('New Year’s Day is skipped to 08:00 on 2 January, named in the reason', () => {
    const d = assertDefer(decide('2026-01-01 10:00', skip), '2026-01-02 08:00', 'holiday');
    assert.match(d.reason.message.ja, /^受信者の現地日付 2026-01-01 は祝日（元日）のため、2026-01-02 08:00（Asia\/Tokyo）まで/);
    assert.match(d.reason.message.en, /New Year's Day/);
  });

  test('2 January is not a public holiday in the data, so it sends', () => {
    assert.deepEqual(decide('2026-01-02 10:00', skip), { action: 'send' });
  });

  test('New Year’s Eve at 22:00 waits over the holiday to 2 January, and says so', () => {
    const d = assertDefer(decide('2025-12-31 22:00', skip), '2026-01-02 08:00', 'quiet_hours');
    assert.match(d.reason.message.ja, /（その後の祝日・休業日も避けています）$/);
    assert.match(d.reason.message.en, /\(also avoiding holidays and closed days after that\)$/);
  });

  test('a Friday-night message waits over the weekend and a Monday holiday to Tuesday 08:00', () => {
    // 2026-01-09 is a Friday; Monday 2026-01-12 is 成人の日.
    assertDefer(decide('2026-01-09 21:30', skipAll), '2026-01-13 08:00', 'quiet_hours');
  });

  test('without skipping weekends the same message goes on Saturday at 08:00', () => {
    assertDefer(decide('2026-01-09 21:30', skip), '2026-01-10 08:00', 'quiet_hours');
  });

  test('Silver Week: from Friday night over 21–23 September 2026 to Thursday 08:00', () => {
    assertDefer(decide('2026-09-18 22:00', skipAll), '2026-09-24 08:00', 'quiet_hours');
  });

  test('on the holiday itself at noon the reason is the holiday', () => {
    const d = assertDefer(decide('2026-01-12 12:00', skipAll), '2026-01-13 08:00', 'holiday');
    assert.match(d.reason.message.ja, /成人の日/);
  });

  test('a Saturday is skipped only when weekends are, and the reason names the day', () => {
    assert.deepEqual(decide('2026-01-10 10:00', skip), { action: 'send' });
    const d = assertDefer(decide('2026-01-10 10:00', skipAll), '2026-01-13 08:00', 'holiday');
    assert.match(d.reason.message.ja, /2026-01-10 は土曜日で連絡しない設定/);
    assert.match(d.reason.message.en, /a Saturday/);
  });

  test('an office’s year-end closure (12/29–1/3) as closed dates', () => {
    const closure: PolicyOverrides = { closedDates: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'] };
    const d = assertDefer(decide('2026-12-28 21:30', closure), '2027-01-04 08:00', 'quiet_hours');
    assert.match(d.reason.message.en, /also avoiding holidays and closed days/);
    const closed = assertDefer(decide('2026-12-30 10:00', closure), '2027-01-04 08:00', 'holiday');
    assert.match(closed.reason.message.ja, /休業日に設定されている/);
  });

  test('a pack without quiet hours opens a skipped day at midnight', () => {
    assertDefer(decide('2026-12-31 10:00', { closedDates: ['2026-12-31'] }, NONE), '2027-01-01 00:00', 'holiday');
  });

  test('skipping holidays with no holiday calendar skips none', () => {
    assert.deepEqual(decide('2026-01-01 10:00', { skipHolidays: true }, NONE), { action: 'send' });
  });
});

describe('quiet hours overridden by the administrator', () => {
  test('turned off, 23:00 sends', () => {
    assert.deepEqual(decide('2026-01-08 23:00', { quietHours: null }), { action: 'send' });
  });

  test('widened to 20:00–09:00', () => {
    const wider = { quietHours: { start: '20:00', end: '09:00' } };
    assertDefer(decide('2026-01-08 20:00', wider), '2026-01-09 09:00', 'quiet_hours');
    assertDefer(decide('2026-01-09 08:30', wider), '2026-01-09 09:00', 'quiet_hours');
    assert.deepEqual(decide('2026-01-09 09:00', wider), { action: 'send' });
  });

  test('a window inside the day (lunch, 12:00–13:00) does not span midnight', () => {
    const lunch = { quietHours: { start: '12:00', end: '13:00' } };
    assert.deepEqual(decide('2026-01-09 11:59', lunch, NONE), { action: 'send' });
    assertDefer(decide('2026-01-09 12:00', lunch, NONE), '2026-01-09 13:00', 'quiet_hours');
    assert.deepEqual(decide('2026-01-09 13:00', lunch, NONE), { action: 'send' });
    assert.deepEqual(decide('2026-01-09 23:00', lunch, NONE), { action: 'send' });
  });

  test('the NONE pack sends at any hour', () => {
    for (const at of ['2026-01-08 21:00', '2026-01-09 03:00', '2026-01-01 00:00']) {
      assert.deepEqual(decide(at, undefined, NONE), { action: 'send' }, at);
    }
  });
});
