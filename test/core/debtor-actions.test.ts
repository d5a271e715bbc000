import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, checkPromiseDate, dateInZone, parseYen, promiseConfirmation, promiseDeadline, promiseStatus } from '../../src/core/debtor-actions.ts';

describe('promises to pay', () => {
  const promise = { promisedDate: '2026-05-10' };

  test('kept when paid by the promised date plus grace, broken after that day without payment, open until then', () => {
    assert.equal(promiseStatus(promise, null, '2026-05-01', 3), 'open');
    assert.equal(promiseStatus(promise, null, '2026-05-13', 3), 'open', 'the last day of grace is still open');
    assert.equal(promiseStatus(promise, null, '2026-05-14', 3), 'broken');
    assert.equal(promiseStatus(promise, '2026-05-13', '2026-05-20', 3), 'kept', 'paid on the last day of grace');
    assert.equal(promiseStatus(promise, '2026-05-14', '2026-05-20', 3), 'broken', 'paid too late');
    assert.equal(promiseStatus(promise, '2026-05-02', '2026-05-03', 0), 'kept', 'paid early keeps it at once');
    assert.equal(promiseDeadline(promise, 3), '2026-05-13');
  });

  test('instants are read as days in the time zone: 23:30 in Tokyo is already the next day in UTC terms', () => {
    const lateOnTheTenth = Date.parse('2026-05-10T14:30:00Z'); // 23:30 JST on 10 May
    assert.equal(dateInZone(lateOnTheTenth, 'Asia/Tokyo'), '2026-05-10');
    assert.equal(promiseStatus({ promised_date: '2026-05-10' }, lateOnTheTenth, lateOnTheTenth, 0), 'kept');
    assert.equal(promiseStatus({ promised_date: '2026-05-10' }, null, Date.parse('2026-05-10T15:30:00Z'), 0), 'broken', '00:30 JST on the 11th');
  });

  test('a promised date must be a real day from today up to the limit', () => {
    assert.equal(checkPromiseDate('2026-05-01', '2026-05-01', 30), null);
    assert.equal(checkPromiseDate('2026-05-31', '2026-05-01', 30), null);
    assert.equal(checkPromiseDate('2026-06-01', '2026-05-01', 30), 'too_far');
    assert.equal(checkPromiseDate('2026-04-30', '2026-05-01', 30), 'past');
    assert.equal(checkPromiseDate('2026-02-30', '2026-02-01', 30), 'invalid');
    assert.equal(checkPromiseDate('来週', '2026-02-01', 30), 'invalid');
    assert.equal(addDays('2026-12-25', 10), '2027-01-04');
  });

  test('amounts as people type them on a phone', () => {
    assert.equal(parseYen('12,000'), 12000);
    assert.equal(parseYen('１２，０００円'), 12000);
    assert.equal(parseYen('¥5000'), 5000);
    assert.equal(parseYen(' '), null);
    assert.equal(parseYen('0'), 'invalid');
    assert.equal(parseYen('12.5'), 'invalid');
    assert.equal(parseYen('たくさん'), 'invalid');
  });

  test('the confirmation SMS names the date, the amount when given, and the sender', () => {
    assert.equal(promiseConfirmation('東都大学', { promisedDate: '2026-05-10', amount: 12000 }), 'お支払いのお約束を承りました。お支払い予定日: 2026年5月10日（¥12,000）。【東都大学】');
    assert.equal(promiseConfirmation('Toto', { promisedDate: '2026-05-10', amount: null }, 'en'), 'We have noted your promise to pay by 10 May 2026. Thank you. - Toto');
  });
});
