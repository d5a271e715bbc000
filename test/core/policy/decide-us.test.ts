import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decideContact } from '../../../src/core/policy/decide.ts';
import type { ContactDecision } from '../../../src/core/policy/decide.ts';
import { REG_F_SEVEN_IN_SEVEN, US_FDCPA_REG_F } from '../../../src/core/policy/packs.ts';

const NY = 'America/New_York';

function decide(nowUtc: string, history: string[] = [], capped = false): ContactDecision {
  return decideContact({
    now: new Date(nowUtc),
    timeZone: NY,
    pack: US_FDCPA_REG_F,
    history: history.map((h) => new Date(h)),
    overrides: capped ? { caps: [REG_F_SEVEN_IN_SEVEN] } : undefined,
  });
}

function untilOf(d: ContactDecision, code: string): string {
  assert.ok(d.action === 'defer', JSON.stringify(d));
  assert.equal(d.reason.code, code);
  return d.until.toISOString();
}

describe('Regulation F in New York across the spring-forward night (8 March 2026)', () => {
  const table: { now: string; local: string; until?: string }[] = [
    { now: '2026-03-08T01:59:00Z', local: 'Sat 20:59 EST', until: undefined },
    { now: '2026-03-08T02:00:00Z', local: 'Sat 21:00 EST', until: '2026-03-08T12:00:00.000Z' },
    { now: '2026-03-08T06:59:00Z', local: 'Sun 01:59 EST', until: '2026-03-08T12:00:00.000Z' },
    { now: '2026-03-08T07:00:00Z', local: 'Sun 03:00 EDT', until: '2026-03-08T12:00:00.000Z' },
    { now: '2026-03-08T11:59:00Z', local: 'Sun 07:59 EDT', until: '2026-03-08T12:00:00.000Z' },
    { now: '2026-03-08T12:00:00Z', local: 'Sun 08:00 EDT', until: undefined },
    { now: '2026-03-09T00:59:00Z', local: 'Sun 20:59 EDT', until: undefined },
    { now: '2026-03-09T01:00:00Z', local: 'Sun 21:00 EDT', until: '2026-03-09T12:00:00.000Z' },
  ];
  for (const row of table) {
    test(`${row.local} ${row.until ? 'waits for 08:00 local' : 'sends'}`, () => {
      const d = decide(row.now);
      if (row.until === undefined) assert.deepEqual(d, { action: 'send' });
      else assert.equal(untilOf(d, 'quiet_hours'), row.until);
    });
  }
});

describe('Regulation F in New York across the fall-back night (1 November 2026)', () => {
  const table: { now: string; local: string; until?: string }[] = [
    { now: '2026-11-01T00:59:00Z', local: 'Sat 20:59 EDT', until: undefined },
    { now: '2026-11-01T01:00:00Z', local: 'Sat 21:00 EDT', until: '2026-11-01T13:00:00.000Z' },
    { now: '2026-11-01T05:30:00Z', local: 'Sun 01:30 EDT (first)', until: '2026-11-01T13:00:00.000Z' },
    { now: '2026-11-01T06:30:00Z', local: 'Sun 01:30 EST (second)', until: '2026-11-01T13:00:00.000Z' },
    { now: '2026-11-01T12:59:00Z', local: 'Sun 07:59 EST', until: '2026-11-01T13:00:00.000Z' },
    { now: '2026-11-01T13:00:00Z', local: 'Sun 08:00 EST', until: undefined },
    { now: '2026-11-02T01:59:00Z', local: 'Sun 20:59 EST', until: undefined },
    { now: '2026-11-02T02:00:00Z', local: 'Sun 21:00 EST', until: '2026-11-02T13:00:00.000Z' },
  ];
  for (const row of table) {
    test(`${row.local} ${row.until ? 'waits for 08:00 local' : 'sends'}`, () => {
      const d = decide(row.now);
      if (row.until === undefined) assert.deepEqual(d, { action: 'send' });
      else assert.equal(untilOf(d, 'quiet_hours'), row.until);
    });
  }
});

describe('the optional 7-in-7 cap across channels', () => {
  // Seven contacts in the week before Wednesday 10 June 2026 12:00 EDT (16:00Z); the oldest Wed 3 June 14:00 EDT.
  const week = ['2026-06-03T18:00:00Z', '2026-06-04T15:00:00Z', '2026-06-05T15:00:00Z', '2026-06-06T15:00:00Z',
    '2026-06-08T15:00:00Z', '2026-06-09T15:00:00Z', '2026-06-10T13:00:00Z'];

  test('off by default: the pack itself has no cap', () => {
    assert.deepEqual(US_FDCPA_REG_F.caps, []);
    assert.deepEqual(decide('2026-06-10T16:00:00Z', week), { action: 'send' });
  });

  test('seven contacts in the last seven days wait until the oldest is seven days old', () => {
    const d = decide('2026-06-10T16:00:00Z', week, true);
    assert.equal(untilOf(d, 'frequency_cap'), '2026-06-10T18:00:00.000Z');
    assert.ok(d.action === 'defer');
    assert.equal(d.reason.message.ja, 'この方への連絡は直近7日間で7回あり、上限（7日に7回）に達しているため、2026-06-10 14:00（America/New_York）まで送信を待ちます');
    assert.match(d.reason.message.en, /contacted 7 times in the last 7 days, reaching the cap of 7 per 7 days/);
  });

  test('six contacts leave room for a seventh', () => {
    assert.deepEqual(decide('2026-06-10T16:00:00Z', week.slice(1), true), { action: 'send' });
  });

  test('once the oldest is exactly seven days old, it no longer counts', () => {
    assert.deepEqual(decide('2026-06-10T18:00:00Z', week, true), { action: 'send' });
  });

  test('the order of the history does not matter', () => {
    assert.equal(untilOf(decide('2026-06-10T16:00:00Z', [...week].reverse(), true), 'frequency_cap'), '2026-06-10T18:00:00.000Z');
  });

  test('when the oldest ages out in quiet hours (over the fall-back change) the message waits for 08:00', () => {
    // The oldest, Thu 29 Oct 08:30 EDT, is 7 × 24 hours old on Thu 5 Nov at 07:30 EST: still night, so 08:00 EST.
    const history = ['2026-10-29T12:30:00Z', '2026-10-30T14:00:00Z', '2026-10-31T14:00:00Z', '2026-11-01T14:00:00Z',
      '2026-11-02T14:00:00Z', '2026-11-03T14:00:00Z', '2026-11-04T14:00:00Z'];
    const d = decide('2026-11-04T20:00:00Z', history, true);
    assert.equal(untilOf(d, 'frequency_cap'), '2026-11-05T13:00:00.000Z');
    assert.ok(d.action === 'defer');
    assert.match(d.reason.message.en, /\(also avoiding quiet hours after that\)$/);
    assert.deepEqual(decide(d.until.toISOString(), history, true), { action: 'send' });
  });
});
