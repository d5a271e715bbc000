// The identity-check counters in the database, on SQLite and PostgreSQL: tries are reserved
// atomically (twenty guesses at once still compare at most five times), the fifth wrong one locks,
// an unlock starts again and ends old sessions; opens and verifications make the campaign's funnel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, type TestDb } from '../support/db.ts';
import { MAX_FAILED_ATTEMPTS } from '../../src/landing/policy.ts';

eachDatabase('landing store', (kind) => {
  let t: TestDb;
  let messageIds: number[];
  let campaignId: number;
  before(async () => {
    t = await createTestDb(kind);
    const c = await t.store.campaigns.create({ name: 'counters' });
    campaignId = c.id;
    await t.store.recipients.insertBatch(c.id, [
      { line: 2, phone: '+819000000001', fields: { name: '甲' } },
      { line: 3, phone: '+819000000002', fields: { name: '乙' } },
    ]);
    await t.store.messages.materialise(c.id);
    const rows = await t.db.kysely.selectFrom('messages').select('id').where('campaign_id', '=', c.id).orderBy('id').execute();
    messageIds = rows.map((r) => r.id);
    for (const [i, id] of messageIds.entries()) {
      await t.db.kysely.updateTable('messages').set({ link_code: `Code0000000${i}`, submitted_at: Date.now() }).where('id', '=', id).execute();
    }
  });
  after(async () => t.cleanup());

  test('twenty guesses at once reserve exactly five tries; the rest find the page locked', async () => {
    const id = messageIds[0]!;
    const results = await Promise.all(Array.from({ length: 20 }, () => t.store.landing.reserveAttempt(id, MAX_FAILED_ATTEMPTS)));
    assert.deepEqual(results.filter((r) => r !== null).sort(), [1, 2, 3, 4, 5]);
    assert.equal(results.filter((r) => r === null).length, 15);
    const target = await t.store.landing.byCode('Code00000000');
    assert.equal(target?.failedAttempts, 5);
  });

  test('a lock ends sessions; an unlock starts the tries again and ends sessions once more', async () => {
    const id = messageIds[0]!;
    const before = (await t.store.landing.byCode('Code00000000'))!;
    await t.store.landing.lock(id);
    const locked = (await t.store.landing.byCode('Code00000000'))!;
    assert.ok(locked.lockedAt !== null);
    assert.equal(locked.sessionGeneration, before.sessionGeneration + 1);
    assert.equal(await t.store.landing.reserveAttempt(id, MAX_FAILED_ATTEMPTS), null);
    assert.equal(await t.store.landing.unlock(id), true);
    const unlocked = (await t.store.landing.byCode('Code00000000'))!;
    assert.equal(unlocked.lockedAt, null);
    assert.equal(unlocked.failedAttempts, 0);
    assert.equal(unlocked.sessionGeneration, locked.sessionGeneration + 1);
    assert.equal(await t.store.landing.reserveAttempt(id, MAX_FAILED_ATTEMPTS), 1);
    assert.equal(await t.store.landing.unlock(id), false, 'not locked: nothing to unlock');
  });

  test('the right answer gives its try back and forgets earlier wrong ones', async () => {
    const id = messageIds[1]!;
    await t.store.landing.reserveAttempt(id, MAX_FAILED_ATTEMPTS);
    await t.store.landing.reserveAttempt(id, MAX_FAILED_ATTEMPTS);
    await t.store.landing.markVerified(id);
    const s = (await t.store.landing.state(id))!;
    assert.equal(s.failed_attempts, 0);
    assert.ok(s.verified_at !== null);
  });

  test('opens, verifications and locks make the funnel, each message counted once', async () => {
    const [a, b] = messageIds as [number, number];
    await t.store.landing.recordEvents([
      { messageId: a, campaignId, kind: 'open', browser: 'Safari', os: 'iOS', platform: 'mobile', ipHash: 'ab' },
      { messageId: a, campaignId, kind: 'open' },
      { messageId: b, campaignId, kind: 'open' },
      { messageId: b, campaignId, kind: 'verified' },
    ]);
    await t.store.landing.lock(a);
    assert.deepEqual(await t.store.landing.funnel(campaignId), { opened: 2, verified: 1, locked: 1 });
    const events = await t.store.landing.events(a);
    assert.equal(events.filter((e) => e.kind === 'open').length, 2);
    assert.ok(events.some((e) => e.browser === 'Safari' && e.os === 'iOS' && e.platform === 'mobile'));
  });

  test('an unknown code finds nothing', async () => {
    assert.equal(await t.store.landing.byCode('NoSuchCode0'), undefined);
  });
});
