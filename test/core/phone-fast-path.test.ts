import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { normalizePhone } from '../../src/core/phone.ts';

// normalizePhone decides the common JP mobile shapes without libphonenumber; this compares its answer
// with libphonenumber's own on numbers generated over every 01xx–09xx prefix, so metadata drift shows here.
function libphonenumber(national: string): { ok: true; e164: string } | { ok: false; reason: 'invalid' | 'not_mobile' } {
  let phone;
  try {
    phone = parsePhoneNumberWithError(national, 'JP');
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!phone.isValid()) return { ok: false, reason: 'invalid' };
  const type = phone.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' ? { ok: true, e164: phone.number } : { ok: false, reason: 'not_mobile' };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const digits = (random: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

function same(written: string, national: string): void {
  const got = normalizePhone(written);
  const want = libphonenumber(national);
  assert.equal(got.ok, want.ok, `${written}: ok`);
  if (got.ok && want.ok) assert.equal(got.e164, want.e164, written);
  if (!got.ok && !want.ok) assert.equal(got.reason, want.reason, written);
}

// 00… is the international prefix (rewritten to + before parsing): it never reaches the fast path.
test('every 01xx–09xx prefix, 9 to 12 digits, plain and hyphenated, gets the answer libphonenumber gives', () => {
  const random = seeded(15);
  let checked = 0;
  for (let prefix = 100; prefix < 1000; prefix++) {
    const head = `0${String(prefix).padStart(3, '0')}`;
    for (const length of [9, 10, 11, 12]) {
      for (let k = 0; k < 6; k++) {
        const national = head + digits(random, length - 4);
        same(national, national);
        same(`${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`, national);
        checked += 2;
      }
    }
  }
  assert.ok(checked > 40_000);
});

test('mobile numbers as Excel stores them (trunk zero dropped) agree with libphonenumber', () => {
  const random = seeded(81);
  for (const head of ['60', '70', '80', '90']) {
    for (let k = 0; k < 2000; k++) {
      const national = `0${head}${digits(random, 8)}`;
      same(national.slice(1), national);
    }
  }
});

test('the boundaries of the mobile range: 0x00 and 0x0 with a tenth digit short or over', () => {
  for (const head of ['060', '070', '080', '090', '050', '020']) {
    for (const rest of ['00000000', '01234567', '10000000', '99999999', '1234567', '123456789']) same(head + rest, head + rest);
  }
});
