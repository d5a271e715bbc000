// A route's delivery window: what the carrier is told (SMPP relative validity_period, Twilio's capped
// ValidityPeriod) and how long the upkeep waits for a receipt before a message is 送達不明.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveryWindow, smppRelativeValidity, twilioValiditySeconds } from '../../src/routes/delivery-window.ts';
import { smppRouteConfigSchema } from '../../src/routes/smpp/config.ts';

const HOUR = 3_600_000;

test('SMPP 3.4 relative validity: 48 h is 2 days, 90 min is 1 h 30 min, a week is 7 days', () => {
  assert.equal(smppRelativeValidity(48 * 60), '000002000000000R');
  assert.equal(smppRelativeValidity(90), '000000013000000R');
  assert.equal(smppRelativeValidity(7 * 24 * 60), '000007000000000R');
  assert.equal(smppRelativeValidity(1), '000000000100000R');
  for (const m of [1, 59, 61, 1439, 2880, 10_080]) assert.equal(smppRelativeValidity(m).length, 16);
});

test('by default a route waits 48 h and never re-sends a lost answer by itself', () => {
  assert.deepEqual(deliveryWindow({ kind: 'smpp', config: {} }), { validityMs: 48 * HOUR, resendUnconfirmed: false });
  assert.deepEqual(deliveryWindow({ kind: 'simulator', config: { window: 50 } }), { validityMs: 48 * HOUR, resendUnconfirmed: false });
  assert.deepEqual(deliveryWindow({ kind: 'smpp', config: { validityMinutes: 120, resendUnconfirmed: true } }), { validityMs: 2 * HOUR, resendUnconfirmed: true });
});

test("an HTTP route waits as long as Twilio keeps it: validityMinutes capped at 36,000 s, or an explicit validityPeriodSeconds", () => {
  assert.equal(deliveryWindow({ kind: 'http', config: {} }).validityMs, 36_000_000);
  assert.equal(deliveryWindow({ kind: 'http-simulator', config: { validityMinutes: 30 } }).validityMs, 30 * 60_000);
  assert.equal(deliveryWindow({ kind: 'http', config: { validityPeriodSeconds: 3600 } }).validityMs, HOUR);
  assert.equal(twilioValiditySeconds({ validityMinutes: 48 * 60 }), 36_000);
});

test('settings that do not parse fall back to the safe defaults; the route schema refuses them', () => {
  assert.deepEqual(deliveryWindow({ kind: 'smpp', config: { validityMinutes: 0, resendUnconfirmed: 'yes' } }), { validityMs: 48 * HOUR, resendUnconfirmed: false });
  const base = { name: 'c', host: 'h', port: 2775, systemId: 's', password: 'p' };
  assert.equal(smppRouteConfigSchema.safeParse({ ...base, validityMinutes: 0 }).success, false);
  assert.equal(smppRouteConfigSchema.safeParse({ ...base, validityMinutes: 8 * 24 * 60 }).success, false, 'more than a week');
  assert.equal(smppRouteConfigSchema.parse(base).validityMinutes, 2880);
});
