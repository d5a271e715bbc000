// The per-address guessing brake, kept in the database so every process spends from one budget: a
// spent budget blocks the address while others go on, it refills evenly over the window, concurrent
// misses are each counted once (one atomic statement), addresses are stored only as keyed hashes,
// an IPv6 client counts by its /64, and untouched buckets are pruned. On SQLite and PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { addressKey, createMissLimiter, RECENT_MS } from '../../src/landing/rate-limit.ts';
import { createLanding } from '../../src/landing/landing.ts';

test('an address counts as its client: IPv4 as is, IPv4-mapped as IPv4, IPv6 by its /64', () => {
  assert.equal(addressKey('198.51.100.1'), '198.51.100.1');
  assert.equal(addressKey('::ffff:198.51.100.1'), '198.51.100.1');
  assert.equal(addressKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:0DB8:0001:0002:ffff:ffff:ffff:fffe'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
  assert.equal(addressKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
  assert.equal(addressKey('64:ff9b::192.0.2.1'), '64:ff9b:0:0::/64');
  assert.notEqual(addressKey('2001:db8:1:2::1'), addressKey('2001:db8:1:3::1'));
});

eachDatabase('the shared guessing brake', (kind) => {
  let t: TestDb;
  before(async () => (t = await createTestDb(kind)));
  after(async () => t?.cleanup());

  const limiter = (misses: number, windowMs = 60_000) =>
    createMissLimiter({ buckets: t.store.rateLimits, hash: (a) => testVault.derive('test/brake', a, 16).toString('base64url'), misses, windowMs });

  test('the budget spent blocks the address, others go on, and it refills with time', async () => {
    const l = limiter(3);
    const at = 1_000_000;
    assert.equal(await l.miss('198.51.100.1', at), false);
    assert.equal(await l.miss('198.51.100.1', at), false);
    assert.equal(await l.blocked('198.51.100.1', at), null);
    assert.equal(await l.miss('198.51.100.1', at), true, 'the third miss spends the budget');
    assert.deepEqual(await l.blocked('198.51.100.1', at), { retryAfterSeconds: 20 });
    assert.equal(await l.blocked('198.51.100.2', at), null);
    assert.equal(await l.blocked('198.51.100.1', at + 20_000), null, 'one miss back after a third of the window');
    assert.equal(await l.miss('198.51.100.1', at + 20_000), true, 'and only one');
  });

  test('a clock behind the row\'s (another process) refills nothing', async () => {
    const l = limiter(2);
    assert.equal(await l.miss('198.51.100.3', 5_000_000), false);
    assert.equal(await l.miss('198.51.100.3', 5_000_000), true);
    assert.equal(await l.miss('198.51.100.3', 4_000_000), true);
    assert.ok(await l.blocked('198.51.100.3', 5_000_000));
  });

  test('40 misses at once are each counted: the budget of 10 ends after exactly 10', async () => {
    const rule = { capacity: 10, windowMs: 600_000 };
    const left = await Promise.all(Array.from({ length: 40 }, () => t.store.rateLimits.spend('burst', 'one-address', 7_000_000, rule)));
    assert.deepEqual(
      left.filter((n) => n > 0).sort((a, b) => b - a),
      [9, 8, 7, 6, 5, 4, 3, 2, 1],
      'each spend saw the one before it',
    );
    assert.equal(left.filter((n) => n === 0).length, 31);
  });

  test('40 parallel guesses at unknown codes: exactly the budget of 30 are looked up, the rest refused before any lookup', async () => {
    let lookups = 0;
    const counted = { ...t.store, landing: { ...t.store.landing, byCode: async (code: string) => (lookups++, t.store.landing.byCode(code)) } };
    const landing = createLanding({ store: counted, vault: testVault, now: () => 11_000_000, defaults: { sender: 'TODOKU', linkBase: () => 'https://example.jp/l' } });
    const visitor = { ip: '192.0.2.77', userAgent: undefined };
    const entries = await Promise.all(Array.from({ length: 40 }, (_, i) => landing.enter(`Guess${String(i).padStart(6, '0')}`, visitor)));
    assert.equal(entries.filter((e) => e.kind === 'unknown').length, 30);
    assert.equal(entries.filter((e) => e.kind === 'blocked').length, 10);
    assert.equal(lookups, 30, 'a refused guess never reaches the lookup');
    const next = await landing.enter('GuessAfter0', visitor);
    assert.equal(next.kind, 'blocked', 'and the address stays blocked');
    await sql`DELETE FROM rate_limits`.execute(t.db.kysely);
  });

  test('a reserved token comes back when the code is real: a real link never spends the budget', async () => {
    const l = limiter(2);
    assert.equal(await l.reserve('198.51.100.9', 12_000_000), null);
    await l.refund('198.51.100.9');
    assert.equal(await l.reserve('198.51.100.9', 12_000_000), null);
    assert.equal(await l.reserve('198.51.100.9', 12_000_000), null, 'two tokens: the refunded one and the second');
    assert.ok(await l.reserve('198.51.100.9', 12_000_000), 'the third is refused');
    assert.ok(await l.blocked('198.51.100.9', 12_000_000));
  });

  test('a page view may use a reading of the last second that found budget; spending through the same limiter is seen at once', async () => {
    const l = limiter(2);
    const other = limiter(2); // another process, sharing the buckets
    const at = 30_000_000;
    assert.equal(await l.blocked('198.51.100.40', at, { recent: true }), null);
    await other.miss('198.51.100.40', at);
    await other.miss('198.51.100.40', at);
    assert.equal(await l.blocked('198.51.100.40', at + 500, { recent: true }), null, 'within the second the earlier reading stands');
    assert.ok(await l.blocked('198.51.100.40', at + 500), 'a fresh reading is refused');
    assert.ok(await l.blocked('198.51.100.40', at + 600, { recent: true }), 'and once seen spent, so is a page view');

    assert.equal(await l.blocked('198.51.100.41', at, { recent: true }), null);
    await other.miss('198.51.100.41', at);
    await other.miss('198.51.100.41', at);
    assert.ok(await l.blocked('198.51.100.41', at + RECENT_MS, { recent: true }), 'after the second it is read again');

    assert.equal(await l.blocked('198.51.100.42', at, { recent: true }), null);
    await l.miss('198.51.100.42', at);
    await l.miss('198.51.100.42', at);
    assert.ok(await l.blocked('198.51.100.42', at, { recent: true }), 'spent through this limiter: refused at once');
    assert.equal(await l.blocked('198.51.100.43', at, { recent: true }), null);
    assert.equal(await l.reserve('198.51.100.43', at), null);
    assert.equal(await l.reserve('198.51.100.43', at), null);
    assert.ok(await l.blocked('198.51.100.43', at, { recent: true }), 'reserved through this limiter: refused at once');
  });

  test('an IPv6 client rotating within its /64 spends one budget', async () => {
    const l = limiter(3);
    for (const host of ['1', '2', '3']) await l.miss(`2001:db8:77:1::${host}`, 8_000_000);
    assert.ok(await l.blocked('2001:db8:77:1:dead:beef:0:1', 8_000_000));
    assert.equal(await l.blocked('2001:db8:77:2::1', 8_000_000), null, 'the next /64 is another client');
  });

  test('the landing service keeps only a keyed hash of the address', async () => {
    await sql`DELETE FROM rate_limits`.execute(t.db.kysely);
    const landing = createLanding({ store: t.store, vault: testVault, now: () => 9_000_000, defaults: { sender: 'TODOKU', linkBase: () => 'https://example.jp/l' } });
    await landing.enter('ZZZZZZZZZZZ', { ip: '192.0.2.55', userAgent: undefined });
    const rows = (await sql<{ scope: string; bucket: string }>`SELECT scope, bucket FROM rate_limits WHERE scope = 'landing_guess'`.execute(t.db.kysely)).rows;
    assert.equal(rows.length, 1);
    assert.doesNotMatch(rows[0]!.bucket, /192|0\.2\.55/u);
    assert.match(rows[0]!.bucket, /^[\w-]{22}$/u);
  });

  test('buckets untouched for a window are pruned, newer ones kept', async () => {
    const l = limiter(5, 60_000);
    const count = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM rate_limits WHERE scope = 'landing_guess'`.execute(t.db.kysely)).rows[0]!.n);
    await sql`DELETE FROM rate_limits`.execute(t.db.kysely);
    const start = 20_000_000;
    for (let i = 0; i < 50; i++) await l.miss(`203.0.113.${i}`, start + i);
    assert.equal(await count(), 50, 'prunes at most every tenth of a window');
    await l.miss('203.0.113.200', start + 30_000);
    assert.equal(await count(), 51, 'nothing is a window old yet');
    await l.miss('203.0.113.201', start + 60_000 + 25);
    assert.equal(await count(), 27, 'the 25 oldest are gone: full again, they meant nothing');
    assert.ok(await l.blocked('203.0.113.200', start + 60_000 + 25) === null);
  });
});
