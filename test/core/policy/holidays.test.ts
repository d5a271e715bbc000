import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { holidayDataRange, holidayName, isHoliday } from '../../../src/core/policy/holidays.ts';

describe('Japanese public holidays from @holiday-jp/holiday_jp', () => {
  const table: { date: string; holiday: string | undefined; why: string }[] = [
    { date: '2026-01-01', holiday: '元日', why: 'New Year’s Day' },
    { date: '2026-01-02', holiday: undefined, why: '2 January is an office closure, not a public holiday' },
    { date: '2026-01-03', holiday: undefined, why: '3 January (a Saturday) is not a public holiday either' },
    { date: '2026-01-12', holiday: '成人の日', why: 'Coming of Age Day, second Monday of January' },
    { date: '2026-05-06', holiday: 'こどもの日 振替休日', why: 'a substitute holiday' },
    { date: '2026-09-22', holiday: '休日', why: 'a citizens’ holiday between two holidays' },
    { date: '2026-01-10', holiday: undefined, why: 'a Saturday is not a holiday' },
    { date: '2026-01-11', holiday: undefined, why: 'a Sunday is not a holiday' },
    { date: '2026-01-13', holiday: undefined, why: 'an ordinary Tuesday' },
  ];
  for (const row of table) {
    test(`${row.date}: ${row.why}`, () => {
      assert.equal(holidayName(row.date, 'JP')?.ja, row.holiday);
      assert.equal(isHoliday(row.date, 'JP'), row.holiday !== undefined);
    });
  }

  test('names come in English too', () => {
    assert.deepEqual(holidayName('2026-01-01', 'JP'), { ja: '元日', en: "New Year's Day" });
  });

  test('no calendar has no holidays', () => {
    assert.equal(isHoliday('2026-01-01', null), false);
  });

  test('object keys are not dates', () => {
    assert.equal(isHoliday('constructor', 'JP'), false);
    assert.equal(isHoliday('__proto__', 'JP'), false);
  });

  test('the data runs from 1970 to the end of 2050; later days read as ordinary', () => {
    assert.deepEqual(holidayDataRange('JP'), { first: '1970-01-01', last: '2050-11-23' });
    assert.equal(isHoliday('2050-11-23', 'JP'), true);
    assert.equal(isHoliday('2051-01-01', 'JP'), false);
  });
});
