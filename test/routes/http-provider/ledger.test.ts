// What "stale" means for status callbacks without a timestamp (real Twilio): an unknown MessageSid, a
// status going backwards, a second final status. Repeats are acknowledged, not passed on twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SidLedger } from '../../../src/routes/http-provider/ledger.ts';

function ledger(start = 1_000_000) {
  const clock = { now: start };
  return { clock, ledger: new SidLedger({ ttlMs: 60_000, maxEntries: 3, now: () => clock.now }) };
}

test('a MessageSid this route never sent is stale', () => {
  const { ledger: l } = ledger();
  assert.deepEqual(l.judge('SMnever', 'delivered', '+819012345678'), { verdict: 'stale', why: 'unknown' });
});

test("a message's statuses may only move forward", () => {
  const { ledger: l } = ledger();
  l.remember('SM1', 'queued');
  assert.deepEqual(l.judge('SM1', 'queued', undefined), { verdict: 'repeat' });
  assert.deepEqual(l.judge('SM1', 'sent', undefined), { verdict: 'fresh', adopted: false });
  l.accept('SM1', 'sent', undefined, false);
  assert.deepEqual(l.judge('SM1', 'queued', undefined), { verdict: 'stale', why: 'regressed' });
  assert.deepEqual(l.judge('SM1', 'delivered', undefined), { verdict: 'fresh', adopted: false });
  l.accept('SM1', 'delivered', undefined, false);
  assert.deepEqual(l.judge('SM1', 'delivered', undefined), { verdict: 'repeat' });
  assert.deepEqual(l.judge('SM1', 'sent', undefined), { verdict: 'stale', why: 'regressed' });
  assert.deepEqual(l.judge('SM1', 'undelivered', undefined), { verdict: 'stale', why: 'after-final' });
  assert.deepEqual(l.judge('SM1', 'read', undefined), { verdict: 'fresh', adopted: false });
});

test('statuses stored out of order never move the ledger backwards', () => {
  const { ledger: l } = ledger();
  l.remember('SM1', 'queued');
  l.accept('SM1', 'delivered', undefined, false);
  l.accept('SM1', 'sent', undefined, false);
  assert.deepEqual(l.judge('SM1', 'delivered', undefined), { verdict: 'repeat' });
});

test('a send whose answer was lost lets the first callback for its number be adopted, once', () => {
  const { ledger: l } = ledger();
  l.expectLostAnswer('+819012345678');
  assert.deepEqual(l.judge('SMlost', 'sent', '+819000000000'), { verdict: 'stale', why: 'unknown' });
  assert.deepEqual(l.judge('SMlost', 'sent', '+819012345678'), { verdict: 'fresh', adopted: true });
  l.accept('SMlost', 'sent', '+819012345678', true);
  assert.deepEqual(l.judge('SMlost', 'delivered', '+819012345678'), { verdict: 'fresh', adopted: false });
  assert.deepEqual(l.judge('SMother', 'sent', '+819012345678'), { verdict: 'stale', why: 'unknown' });
});

test('the memory is bounded in time and size, oldest first', () => {
  const { clock, ledger: l } = ledger();
  l.remember('SM1', 'queued');
  clock.now += 30_000;
  l.remember('SM2', 'queued');
  l.remember('SM3', 'queued');
  l.remember('SM4', 'queued');
  assert.equal(l.size(), 3);
  assert.equal(l.judge('SM1', 'sent', undefined).verdict, 'stale');
  assert.equal(l.judge('SM2', 'sent', undefined).verdict, 'fresh');
  clock.now += 60_001;
  assert.deepEqual(l.judge('SM4', 'sent', undefined), { verdict: 'stale', why: 'unknown' });
});

test('an inbound MessageSid is taken once; one that could not be stored may come again', () => {
  const { ledger: l } = ledger();
  assert.equal(l.firstInbound('SMin'), true);
  assert.equal(l.firstInbound('SMin'), false);
  l.forgetInbound('SMin');
  assert.equal(l.firstInbound('SMin'), true);
});
