// The landing service decides which visits spend an address's guessing budget, so no page has to:
// an unknown code, a wrong answer and the answer that locks a page do; a right answer, an answer in the
// wrong form, a known link and a sender check do not; a spent budget refuses even a known link, telling
// nothing about it. Over a real database, with a budget of four.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, testVault, type TestDb } from '../support/db.ts';
import { createComposer } from '../../src/campaign/compose.ts';
import { createLanding, type ConfiguredTarget, type Landing } from '../../src/landing/landing.ts';
import { createMissLimiter } from '../../src/landing/rate-limit.ts';

let t: TestDb;
let landing: Landing;
let code: string;
let clock = 1_800_000_000_000;
const visitor = (ip: string) => ({ ip, userAgent: undefined });

before(async () => {
  t = await createTestDb('sqlite');
  const c = await t.store.campaigns.create({ name: 'budget' });
  await t.store.recipients.insertBatch(c.id, [{ line: 2, phone: '+819055550001', fields: { name: '山田', birth_date: '1990/01/02' } }]);
  await t.store.messages.materialise(c.id);
  const m = await t.db.kysely.selectFrom('messages').select('id').where('campaign_id', '=', c.id).executeTakeFirstOrThrow();
  code = createComposer(testVault, () => '').linkCode(m.id);
  await t.db.kysely.updateTable('messages').set({ link_code: code, submitted_at: clock, state: 'delivered' }).where('id', '=', m.id).execute();
  await t.store.landing.putCampaignLanding(c.id, { method: 'birth_date', column_name: 'birth_date', digits: null, expires_at: clock + 3600_000, notice: '{{name}}様', notice_en: null, contact_json: null });
  landing = createLanding({
    store: t.store,
    vault: testVault,
    now: () => clock,
    limiter: createMissLimiter({ buckets: t.store.rateLimits, hash: (a) => `test:${a}`, misses: 4, windowMs: 60_000 }),
    defaults: { sender: 'TODOKU', linkBase: () => 'https://example.jp/l' },
  });
});
after(async () => t.cleanup());

async function target(): Promise<ConfiguredTarget> {
  const visit = await landing.enter(code, visitor('192.0.2.1'));
  assert.equal(visit.kind, 'ready');
  return (visit as { target: ConfiguredTarget }).target;
}

test('unknown codes and wrong answers spend the budget; known links, malformed and right answers do not', async () => {
  const ip = '198.51.100.7';
  const org = await landing.organisation();
  assert.equal((await landing.enter(code, visitor(ip))).kind, 'ready');
  assert.equal((await landing.verify(code, await target(), 'not a date', visitor(ip))).outcome, 'invalid');
  assert.equal((await landing.check('+815012340000', visitor(ip), org)).kind, 'sender');
  assert.equal(await landing.blocked(visitor(ip)), null, 'nothing spent so far');

  assert.equal((await landing.enter('ZZZZZZZZZZZ', visitor(ip))).kind, 'unknown');
  assert.equal((await landing.verify(code, await target(), '1991-01-01', visitor(ip))).outcome, 'wrong');
  assert.equal((await landing.verify(code, await target(), '1990-01-02', visitor(ip))).outcome, 'verified');
  assert.equal(await landing.blocked(visitor(ip)), null, 'two of four spent');
  assert.deepEqual(await landing.check(`https://example.jp/l/${'Y'.repeat(code.length)}`, visitor(ip), org), { kind: 'code', found: false });

  assert.equal((await landing.enter('ZZZZZZZZZZY', visitor(ip))).kind, 'unknown');
  const refused = await landing.blocked(visitor(ip));
  assert.ok(refused && refused.retryAfterSeconds > 0, 'the fourth miss spends the budget');
  assert.deepEqual(await landing.enter(code, visitor(ip)), { kind: 'blocked', retryAfterSeconds: refused.retryAfterSeconds }, 'even a known link is refused');
  assert.equal((await landing.enter(code, visitor('198.51.100.8'))).kind, 'ready', 'other addresses are not affected');

  clock += 60_000;
  assert.equal(await landing.blocked(visitor(ip)), null, 'the budget comes back over the window');
});

test('a burst of parallel first views of a real link from one phone is all served and spends nothing', async () => {
  // Another process: the link is new to it, so the first view looks it up and the others wait for that.
  const fresh = createLanding({
    store: t.store,
    vault: testVault,
    now: () => clock,
    limiter: createMissLimiter({ buckets: t.store.rateLimits, hash: (a) => `test:${a}`, misses: 4, windowMs: 60_000 }),
    defaults: { sender: 'TODOKU', linkBase: () => 'https://example.jp/l' },
  });
  const ip = '198.51.100.30';
  const visits = await Promise.all(Array.from({ length: 50 }, () => fresh.enter(code, visitor(ip))));
  assert.deepEqual([...new Set(visits.map((v) => v.kind))], ['ready']);
  for (const guess of ['ZZZZZZZZZZA', 'ZZZZZZZZZZB', 'ZZZZZZZZZZC']) assert.equal((await fresh.enter(guess, visitor(ip))).kind, 'unknown');
  assert.equal(await fresh.blocked(visitor(ip)), null, 'three guesses later the budget of four still has one left');
  const guesses = await Promise.all(Array.from({ length: 5 }, () => fresh.enter('ZZZZZZZZZZD', visitor(ip))));
  assert.deepEqual(guesses.map((v) => v.kind).sort(), ['blocked', 'blocked', 'blocked', 'blocked', 'unknown'], 'parallel guesses at one unknown code each spend a token');
});

test('the answer that locks the page spends from the budget too', async () => {
  const ip = '203.0.113.9';
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i++) outcomes.push((await landing.verify(code, await target(), '1991-01-01', visitor(ip))).outcome);
  assert.deepEqual(outcomes.slice(-2), ['wrong', 'locked']);
  assert.ok(await landing.blocked(visitor(ip)), 'four wrong answers and the locking one: budget spent');
});
