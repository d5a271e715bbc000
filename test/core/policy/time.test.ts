import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  formatLocal,
  isLocalDate,
  isValidTimeZone,
  localInstants,
  localParts,
  localToInstant,
  nextLocalTime,
  parseClock,
  weekdayOf,
} from '../../../src/core/policy/time.ts';

const NY = 'America/New_York';
const iso = (d: Date): string => d.toISOString();

describe('local wall clock of an instant', () => {
  test('an evening in UTC is the next morning in Tokyo, a Saturday', () => {
    const p = localParts(new Date('2026-01-09T23:30:15Z'), 'Asia/Tokyo');
    assert.deepEqual(p, { date: '2026-01-10', year: 2026, month: 1, day: 10, hour: 8, minute: 30, second: 15, weekday: 6 });
  });

  test('midnight reads 00, not 24', () => {
    const p = localParts(new Date('2026-01-09T15:00:00Z'), 'Asia/Tokyo');
    assert.equal(p.hour, 0);
    assert.equal(p.date, '2026-01-10');
  });

  test('New York jumps from 01:59 EST to 03:00 EDT on 8 March 2026', () => {
    assert.equal(formatLocal(new Date('2026-03-08T06:59:00Z'), NY), '2026-03-08 01:59');
    assert.equal(formatLocal(new Date('2026-03-08T07:00:00Z'), NY), '2026-03-08 03:00');
  });

  test('New York reads 01:30 twice on 1 November 2026', () => {
    assert.equal(formatLocal(new Date('2026-11-01T05:30:00Z'), NY), '2026-11-01 01:30');
    assert.equal(formatLocal(new Date('2026-11-01T06:30:00Z'), NY), '2026-11-01 01:30');
  });
});

describe('instants of a local date and time', () => {
  const table: { name: string; date: string; time: string; zone: string; all: string[]; chosen: string }[] = [
    { name: 'an ordinary morning in Tokyo', date: '2026-01-10', time: '08:00', zone: 'Asia/Tokyo', all: ['2026-01-09T23:00:00.000Z'], chosen: '2026-01-09T23:00:00.000Z' },
    { name: 'the morning after spring forward in New York (EDT)', date: '2026-03-08', time: '08:00', zone: NY, all: ['2026-03-08T12:00:00.000Z'], chosen: '2026-03-08T12:00:00.000Z' },
    { name: 'the morning after fall back in New York (EST)', date: '2026-11-01', time: '08:00', zone: NY, all: ['2026-11-01T13:00:00.000Z'], chosen: '2026-11-01T13:00:00.000Z' },
    { name: 'a time skipped by spring forward moves on by the gap', date: '2026-03-08', time: '02:30', zone: NY, all: [], chosen: '2026-03-08T07:30:00.000Z' },
    { name: 'a time repeated by fall back gives its first occurrence', date: '2026-11-01', time: '01:30', zone: NY, all: ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'], chosen: '2026-11-01T05:30:00.000Z' },
    { name: 'a zone half an hour off the hour', date: '2026-07-01', time: '08:00', zone: 'Asia/Kolkata', all: ['2026-07-01T02:30:00.000Z'], chosen: '2026-07-01T02:30:00.000Z' },
  ];
  for (const row of table) {
    test(row.name, () => {
      assert.deepEqual(localInstants(row.date, row.time, row.zone).map(iso), row.all);
      assert.equal(iso(localToInstant(row.date, row.time, row.zone)), row.chosen);
    });
  }
});

describe('the next instant the local clock reads HH:MM', () => {
  const table: { name: string; after: string; time: string; zone: string; next: string }[] = [
    { name: 'later the same morning (07:59 → 08:00)', after: '2026-01-09T22:59:00Z', time: '08:00', zone: 'Asia/Tokyo', next: '2026-01-09T23:00:00.000Z' },
    { name: 'exactly now is now', after: '2026-01-09T23:00:00Z', time: '08:00', zone: 'Asia/Tokyo', next: '2026-01-09T23:00:00.000Z' },
    { name: 'over midnight (21:00 → 08:00 next day)', after: '2026-01-09T12:00:00Z', time: '08:00', zone: 'Asia/Tokyo', next: '2026-01-09T23:00:00.000Z' },
    { name: 'a second past is tomorrow', after: '2026-01-09T23:00:01Z', time: '08:00', zone: 'Asia/Tokyo', next: '2026-01-10T23:00:00.000Z' },
    { name: 'over the spring-forward night in New York', after: '2026-03-08T03:00:00Z', time: '08:00', zone: NY, next: '2026-03-08T12:00:00.000Z' },
    { name: 'over the fall-back night in New York', after: '2026-11-01T01:00:00Z', time: '08:00', zone: NY, next: '2026-11-01T13:00:00.000Z' },
    { name: 'the skipped 02:30 is reached as the clock jumps past it', after: '2026-03-08T06:00:00Z', time: '02:30', zone: NY, next: '2026-03-08T07:30:00.000Z' },
    { name: 'after the first 01:30 of a fall-back night comes the second', after: '2026-11-01T05:45:00Z', time: '01:30', zone: NY, next: '2026-11-01T06:30:00.000Z' },
    { name: 'over a year end', after: '2026-12-31T14:00:00Z', time: '08:00', zone: 'Asia/Tokyo', next: '2026-12-31T23:00:00.000Z' },
  ];
  for (const row of table) {
    test(row.name, () => {
      assert.equal(iso(nextLocalTime(new Date(row.after), row.time, row.zone)), row.next);
    });
  }
});

describe('calendar dates and clock strings', () => {
  test('adding days crosses months, leap days and years', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2027-02-28', 1), '2027-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-01-01', -1), '2025-12-31');
    assert.equal(addDays('2026-03-08', 0), '2026-03-08');
  });

  test('weekdays: 9 January 2026 is a Friday, 12 January a Monday', () => {
    assert.equal(weekdayOf('2026-01-09'), 5);
    assert.equal(weekdayOf('2026-01-12'), 1);
    assert.equal(weekdayOf('2026-01-11'), 0);
  });

  test('clock strings are HH:MM from 00:00 to 23:59', () => {
    assert.equal(parseClock('00:00'), 0);
    assert.equal(parseClock('08:00'), 480);
    assert.equal(parseClock('23:59'), 1439);
    for (const bad of ['24:00', '8:00', '08:60', '08:00:00', '', '21時']) {
      assert.throws(() => parseClock(bad), RangeError, bad);
    }
  });

  test('real dates only', () => {
    assert.equal(isLocalDate('2026-12-29'), true);
    assert.equal(isLocalDate('2028-02-29'), true);
    assert.equal(isLocalDate('2026-02-29'), false);
    assert.equal(isLocalDate('2026-13-01'), false);
    assert.equal(isLocalDate('2026/12/29'), false);
  });

  test('time zones Intl knows', () => {
    assert.equal(isValidTimeZone('Asia/Tokyo'), true);
    assert.equal(isValidTimeZone(NY), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
  });
});
