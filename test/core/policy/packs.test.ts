import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decideContact } from '../../../src/core/policy/decide.ts';
import { effectivePolicy, policyProblems } from '../../../src/core/policy/overrides.ts';
import type { PolicyOverrides } from '../../../src/core/policy/overrides.ts';
import { JP_MONEY_LENDING, NONE, POLICY_PACKS, REG_F_SEVEN_IN_SEVEN, US_FDCPA_REG_F, isPolicyPackId } from '../../../src/core/policy/packs.ts';
import { lacksOptOutText, withOptOutText } from '../../../src/core/policy/opt-out.ts';

describe('policy packs as data', () => {
  test('Japan money lending: 21:00–08:00 in Asia/Tokyo, holidays known but not skipped by default', () => {
    assert.deepEqual(JP_MONEY_LENDING.quietHours, { start: '21:00', end: '08:00' });
    assert.equal(JP_MONEY_LENDING.defaultTimeZone, 'Asia/Tokyo');
    assert.equal(JP_MONEY_LENDING.holidayCalendar, 'JP');
    assert.equal(JP_MONEY_LENDING.skipHolidays, false);
    assert.equal(JP_MONEY_LENDING.skipWeekends, false);
    assert.equal(JP_MONEY_LENDING.requiresOptOutText, null);
  });

  test('US FDCPA / Reg F: 08:00–21:00 local only, opt-out text required, 7-in-7 available', () => {
    assert.deepEqual(US_FDCPA_REG_F.quietHours, { start: '21:00', end: '08:00' });
    assert.equal(US_FDCPA_REG_F.requiresOptOutText, 'Reply STOP to opt out');
    assert.deepEqual(REG_F_SEVEN_IN_SEVEN, { count: 7, windowDays: 7 });
  });

  test('NONE restricts nothing', () => {
    assert.equal(NONE.quietHours, null);
    assert.deepEqual(NONE.caps, []);
    assert.equal(NONE.skipHolidays, false);
  });

  test('packs are found by id, and every pack is valid as shipped', () => {
    for (const [id, pack] of Object.entries(POLICY_PACKS)) {
      assert.equal(pack.id, id);
      assert.ok(pack.name.ja && pack.name.en);
      assert.deepEqual(policyProblems(effectivePolicy(pack)), [], id);
    }
    assert.equal(isPolicyPackId('jp_money_lending'), true);
    assert.equal(isPolicyPackId('constructor'), false);
  });
});

describe('overrides', () => {
  test('left out, they keep the pack; given, they replace it', () => {
    const kept = effectivePolicy(JP_MONEY_LENDING, {});
    assert.deepEqual(kept.quietHours, JP_MONEY_LENDING.quietHours);
    assert.equal(kept.closedDates.size, 0);
    const changed = effectivePolicy(JP_MONEY_LENDING, { quietHours: null, skipWeekends: true, caps: [{ count: 3, windowDays: 7 }], closedDates: ['2026-12-31'] });
    assert.equal(changed.quietHours, null);
    assert.equal(changed.skipWeekends, true);
    assert.deepEqual(changed.caps, [{ count: 3, windowDays: 7 }]);
    assert.ok(changed.closedDates.has('2026-12-31'));
    assert.equal(JP_MONEY_LENDING.skipWeekends, false, 'the pack itself is untouched');
  });

  const bad: { name: string; overrides: PolicyOverrides; says: RegExp }[] = [
    { name: 'a time not written HH:MM', overrides: { quietHours: { start: '9pm', end: '08:00' } }, says: /HH:MM/ },
    { name: 'a window that starts where it ends', overrides: { quietHours: { start: '21:00', end: '21:00' } }, says: /開始と終了が同じ/ },
    { name: 'a cap of zero', overrides: { caps: [{ count: 0, windowDays: 7 }] }, says: /1 以上の回数/ },
    { name: 'a fractional window', overrides: { caps: [{ count: 1, windowDays: 0.5 }] }, says: /1〜366 の日数/ },
    { name: 'a closed date that does not exist', overrides: { closedDates: ['2026-02-30'] }, says: /2026-02-30/ },
  ];
  for (const row of bad) {
    test(`${row.name} is reported in Japanese and English, and refused at dispatch`, () => {
      const problems = policyProblems(effectivePolicy(JP_MONEY_LENDING, row.overrides));
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.ja, row.says);
      assert.ok(problems[0]!.en.length > 0);
      assert.throws(() => decideContact({ now: new Date('2026-01-09T03:00:00Z'), timeZone: 'Asia/Tokyo', pack: JP_MONEY_LENDING, history: [], overrides: row.overrides }), RangeError);
    });
  }

  test('an unknown default time zone is reported', () => {
    const problems = policyProblems(effectivePolicy({ ...NONE, defaultTimeZone: 'Asia/Edo' }));
    assert.match(problems[0]?.ja ?? '', /Asia\/Edo/);
  });

  test('an invalid clock reading is refused', () => {
    assert.throws(() => decideContact({ now: new Date(NaN), timeZone: 'Asia/Tokyo', pack: NONE, history: [] }), RangeError);
  });
});

describe('the opt-out instruction Regulation F asks for in every text', () => {
  test('a text without it lacks it; the pack without the rule never does', () => {
    assert.equal(lacksOptOutText('Your payment of $120 is due on June 1.', US_FDCPA_REG_F), true);
    assert.equal(lacksOptOutText('Your payment of $120 is due on June 1.', JP_MONEY_LENDING), false);
  });

  test('case, width and spacing do not matter', () => {
    assert.equal(lacksOptOutText('Due June 1. reply  stop to OPT OUT.', US_FDCPA_REG_F), false);
    assert.equal(lacksOptOutText('Due June 1. Ｒｅｐｌｙ ＳＴＯＰ ｔｏ ｏｐｔ ｏｕｔ', US_FDCPA_REG_F), false);
  });

  test('it is added on its own line, once', () => {
    const added = withOptOutText('Your payment is due on June 1.\n', US_FDCPA_REG_F);
    assert.equal(added, 'Your payment is due on June 1.\nReply STOP to opt out');
    assert.equal(withOptOutText(added, US_FDCPA_REG_F), added);
    assert.equal(withOptOutText('お支払期限は6月1日です', JP_MONEY_LENDING), 'お支払期限は6月1日です');
  });
});
