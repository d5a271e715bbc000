// Properties over many instants: whatever the policy defers to is itself permitted, and the instant just
// before it is not, so dispatch neither spins nor waits longer than it must.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideContact } from '../../../src/core/policy/decide.ts';
import type { ContactInput } from '../../../src/core/policy/decide.ts';
import { JP_MONEY_LENDING, NONE, REG_F_SEVEN_IN_SEVEN, US_FDCPA_REG_F } from '../../../src/core/policy/packs.ts';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const YEAR_2026 = Date.parse('2026-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;
const DAY = 86_400_000;

const setups: { name: string; base: Omit<ContactInput, 'now' | 'history'> }[] = [
  { name: 'Japan, skipping holidays and weekends, 2 a day and 5 a week', base: { timeZone: 'Asia/Tokyo', pack: JP_MONEY_LENDING, overrides: { skipHolidays: true, skipWeekends: true, caps: [{ count: 2, windowDays: 1 }, { count: 5, windowDays: 7 }] } } },
  { name: 'New York with 7-in-7', base: { timeZone: 'America/New_York', pack: US_FDCPA_REG_F, overrides: { caps: [REG_F_SEVEN_IN_SEVEN] } } },
  { name: 'no quiet hours, year-end closure and 1 a day', base: { timeZone: 'Europe/London', pack: NONE, overrides: { closedDates: ['2026-12-30', '2026-12-31'], caps: [{ count: 1, windowDays: 1 }] } } },
];

for (const { name, base } of setups) {
  test(`${name}: a deferral lands on the first permitted instant`, () => {
    const random = lcg(name.length * 7919);
    let deferrals = 0;
    for (let i = 0; i < 300; i++) {
      const now = YEAR_2026 + Math.floor(random() * YEAR_MS);
      const history = Array.from({ length: Math.floor(random() * 9) }, () => new Date(now - Math.floor(random() * 8 * DAY)));
      const d = decideContact({ ...base, now: new Date(now), history });
      if (d.action === 'send') continue;
      deferrals++;
      assert.ok(d.until.getTime() > now);
      assert.deepEqual(decideContact({ ...base, now: d.until, history }), { action: 'send' }, `${new Date(now).toISOString()} → ${d.until.toISOString()}`);
      const before = decideContact({ ...base, now: new Date(d.until.getTime() - 1), history });
      assert.equal(before.action, 'defer', `just before ${d.until.toISOString()} should still wait`);
    }
    assert.ok(deferrals > 30, `the sample exercises deferrals (${deferrals})`);
  });
}
