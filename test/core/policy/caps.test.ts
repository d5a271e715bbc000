import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decideContact } from '../../../src/core/policy/decide.ts';
import type { ContactDecision } from '../../../src/core/policy/decide.ts';
import type { PolicyOverrides } from '../../../src/core/policy/overrides.ts';
import { JP_MONEY_LENDING } from '../../../src/core/policy/packs.ts';

const jst = (local: string): Date => new Date(`${local.replace(' ', 'T')}+09:00`);
const ONE_A_DAY: PolicyOverrides = { caps: [{ count: 1, windowDays: 1 }] };

function decide(now: string, history: string[], overrides: PolicyOverrides = ONE_A_DAY): ContactDecision {
  return decideContact({ now: jst(now), timeZone: 'Asia/Tokyo', pack: JP_MONEY_LENDING, history: history.map(jst), overrides });
}

function until(d: ContactDecision, code = 'frequency_cap'): string {
  assert.ok(d.action === 'defer', JSON.stringify(d));
  assert.equal(d.reason.code, code);
  return d.until.toISOString();
}

describe('a cap of one contact per day, across campaigns', () => {
  test('the first contact of the day sends', () => {
    assert.deepEqual(decide('2026-02-02 10:00', []), { action: 'send' });
  });

  test('a second one the same afternoon waits 24 hours from the first', () => {
    assert.equal(until(decide('2026-02-02 15:00', ['2026-02-02 09:00'])), jst('2026-02-03 09:00').toISOString());
  });

  test('a contact exactly 24 hours ago no longer counts; one a second younger does', () => {
    assert.deepEqual(decide('2026-02-02 15:00', ['2026-02-01 15:00']), { action: 'send' });
    assert.equal(until(decide('2026-02-02 15:00', ['2026-02-01 15:00:01'])), jst('2026-02-02 15:00:01').toISOString());
  });

  test('a contact made at this very instant counts', () => {
    assert.equal(until(decide('2026-02-02 15:00', ['2026-02-02 15:00'])), jst('2026-02-03 15:00').toISOString());
  });

  test('contacts recorded after now are not counted now', () => {
    assert.deepEqual(decide('2026-02-02 15:00', ['2026-02-02 16:00']), { action: 'send' });
  });

  test('released on a Saturday when weekends are skipped, it waits for Monday 08:00', () => {
    // Friday 2026-02-06 10:00 contact; released Saturday 10:00; Monday 2026-02-09 is an ordinary day.
    const d = decide('2026-02-06 15:00', ['2026-02-06 10:00'], { ...ONE_A_DAY, skipWeekends: true });
    assert.equal(until(d), jst('2026-02-09 08:00').toISOString());
  });

  test('released at night (the earlier contact came from another channel at 22:00), it waits for 08:00', () => {
    // Released at 2026-02-02 22:00, inside quiet hours.
    const d = decide('2026-02-02 12:00', ['2026-02-01 22:00']);
    assert.equal(until(d), jst('2026-02-03 08:00').toISOString());
  });
});

describe('several caps at once', () => {
  const both: PolicyOverrides = { caps: [{ count: 1, windowDays: 1 }, { count: 3, windowDays: 7 }] };

  test('three in seven days holds the fourth until the oldest of the three is a week old', () => {
    const d = decide('2026-02-10 10:00', ['2026-02-04 10:00', '2026-02-06 10:00', '2026-02-08 10:00'], both);
    assert.equal(until(d), jst('2026-02-11 10:00').toISOString());
    assert.ok(d.action === 'defer');
    assert.match(d.reason.message.ja, /直近7日間で3回あり、上限（7日に3回）/);
  });

  test('when both bind, it waits for the later release', () => {
    // Daily cap frees at 2026-02-11 09:00; weekly at 2026-02-11 10:00.
    const d = decide('2026-02-10 12:00', ['2026-02-04 10:00', '2026-02-08 10:00', '2026-02-10 09:00'], both);
    assert.equal(until(d), jst('2026-02-11 10:00').toISOString());
  });

  test('more contacts than the cap wait for enough of them to age out', () => {
    // Five in the week against a cap of three: the third newest (02-07) must age out.
    const history = ['2026-02-04 10:00', '2026-02-05 10:00', '2026-02-07 10:00', '2026-02-08 10:00', '2026-02-09 10:00'];
    assert.equal(until(decide('2026-02-10 12:00', history, { caps: [{ count: 3, windowDays: 7 }] })), jst('2026-02-14 10:00').toISOString());
  });
});
