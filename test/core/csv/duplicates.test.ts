import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateTracker } from '../../../src/core/csv/duplicates.ts';
import type { E164 } from '../../../src/core/phone.ts';

test('a number seen again names the line it was first seen on, across 300,000 numbers and every resize', () => {
  const tracker = new DuplicateTracker();
  const first = new Map<string, number>();
  let line = 2;
  let seed = 7;
  for (let n = 0; n < 300_000; n++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // Numbers close together (a list's run of 090 numbers) and far apart (other countries, 15 digits).
    const phone = (n % 7 === 0 ? `+${1 + (seed % 9)}${String(seed).padStart(14, '0')}` : `+8190${String(seed % 40_000_000).padStart(8, '0')}`) as E164;
    assert.equal(tracker.check(phone, line), first.get(phone), phone);
    if (!first.has(phone)) first.set(phone, line);
    line++;
  }
  assert.equal(tracker.size, first.size);
});

test('a value that is not + and up to 15 digits is still tracked, apart from the numeric ones', () => {
  const tracker = new DuplicateTracker();
  assert.equal(tracker.check('+8190123456789012345' as E164, 2), undefined);
  assert.equal(tracker.check('+819012345678' as E164, 3), undefined);
  assert.equal(tracker.check('+8190123456789012345' as E164, 4), 2);
  assert.equal(tracker.check('+819012345678' as E164, 5), 3);
  assert.equal(tracker.size, 2);
});
