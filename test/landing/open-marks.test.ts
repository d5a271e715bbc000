// Link opens are counted once per visitor and link in a window, however the page is hammered: over HTTP
// against the running app, a burst of 200 parallel views from one phone stores one open, another address
// a second, and the funnel counts the message once; through the landing service with a clock, the same
// visitor after the window counts again, two processes racing agree on one open, and past windows' marks
// are deleted. On SQLite and PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase, createTestDb, testVault, type TestDb } from '../support/db.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { sentCampaign, inDays, type SentCampaign } from '../support/factories.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { createComposer } from '../../src/campaign/compose.ts';
import { createLanding, OPEN_MARKS_PRUNE_EVERY_MS, OPEN_WINDOW_MS, type Landing } from '../../src/landing/landing.ts';
import type { LinkTarget } from '../../src/store/landing.ts';
import type { Db } from '../../src/store/db.ts';

const LIST = ['氏名,電話番号,金額,生年月日', '山田 太郎,090-3333-0001,12345,1990/01/02', '佐藤 花子,090-3333-0002,5000,1985/12/31'].join('\n');

async function openRows(db: Db, messageId: number): Promise<{ at: number; ip_hash: string | null }[]> {
  const rows = await db.kysely.selectFrom('landing_events').select(['at', 'ip_hash']).where('message_id', '=', messageId).where('kind', '=', 'open').orderBy('at').execute();
  return rows.map((r) => ({ at: Number(r.at), ip_hash: r.ip_hash }));
}

eachDatabase('a burst of views over HTTP', (kind) => {
  let t: TestApp;
  let c: SentCampaign;
  before(async () => {
    t = await startTestApp(kind);
    c = await sentCampaign(t, `opens-${kind}`, LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(3), notice: '{{name}}様' });
  });
  after(async () => t.stop());

  test('200 parallel views from one visitor store one open; another address a second; the funnel counts the message once', async () => {
    const r = c.recipients.get('山田 太郎')!;
    const phone = new Visitor(t.url, '203.0.113.10');
    const answers = await Promise.all(Array.from({ length: 200 }, () => phone.get(r.path)));
    assert.ok(answers.every((a) => a.status === 200), 'every view is served');
    const first = await openRows(t.app.store.db, r.messageId);
    assert.equal(first.length, 1, 'one open for one visitor');

    await new Visitor(t.url, '203.0.113.11').get(r.path);
    await phone.get(r.path);
    const both = await openRows(t.app.store.db, r.messageId);
    assert.equal(both.length, 2, 'a second address is a second visitor; the first again is not');
    assert.notEqual(both[0]!.ip_hash, both[1]!.ip_hash);
    assert.equal(both[0]!.at, first[0]!.at, 'the first open keeps its time');

    const funnel = await t.api('GET', `/campaigns/${c.id}/funnel`);
    assert.equal(funnel.status, 200);
    assert.equal(funnel.body.funnel.opened, 1, 'one message opened, however often');
    const landing = await t.api('GET', `/campaigns/${c.id}/landing`);
    assert.equal(landing.body.funnel.opened, 1);
    const progress = await t.api('GET', `/campaigns/${c.id}/recipients/progress?limit=10`);
    assert.equal(progress.status, 200);
    const row = (progress.body.rows as { messageId: number; openedAt: string | null }[]).find((p) => p.messageId === r.messageId)!;
    assert.equal(Date.parse(row.openedAt!), first[0]!.at, 'the first open time is the one shown');
  });
});

eachDatabase('open marks through the landing service', (kind) => {
  let t: TestDb;
  let target: LinkTarget;
  let clock = 1_800_000_000_000 - (1_800_000_000_000 % OPEN_WINDOW_MS) + 1000;
  const landingAt = () =>
    createLanding({ store: t.store, vault: testVault, now: () => clock, defaults: { sender: 'TODOKU', linkBase: () => 'https://example.jp/l' } });
  let landing: Landing;
  const phone = { ip: '198.51.100.20', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' };

  before(async () => {
    t = await createTestDb(kind);
    const c = await t.store.campaigns.create({ name: 'marks' });
    await t.store.recipients.insertBatch(c.id, [{ line: 2, phone: '+819055550001', fields: { name: '山田' } }]);
    await t.store.messages.materialise(c.id);
    const m = await t.db.kysely.selectFrom('messages').select('id').where('campaign_id', '=', c.id).executeTakeFirstOrThrow();
    const code = createComposer(testVault, () => '').linkCode(Number(m.id));
    await t.db.kysely.updateTable('messages').set({ link_code: code, submitted_at: clock, state: 'delivered' }).where('id', '=', m.id).execute();
    landing = landingAt();
    target = (await t.store.landing.byCode(code))!;
    assert.ok(target);
  });
  after(async () => t.cleanup());

  const marks = async () => Number((await t.db.kysely.selectFrom('landing_open_marks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  test('two processes racing on one visitor store one open; the same visitor after the window, and another browser, count again', async () => {
    const other = landingAt();
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? landing : other).recordOpen(target, phone)));
    assert.equal((await openRows(t.db, target.messageId)).length, 1);

    clock += OPEN_WINDOW_MS - 2000;
    await landing.recordOpen(target, phone);
    assert.equal((await openRows(t.db, target.messageId)).length, 1, 'still the same window');

    await landing.recordOpen(target, { ...phone, userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36' });
    assert.equal((await openRows(t.db, target.messageId)).length, 2, 'another browser family is another visitor');
    await landing.recordOpen(target, { ...phone, userAgent: `${phone.userAgent} extra` });
    assert.equal((await openRows(t.db, target.messageId)).length, 2, 'a varied user-agent string of the same family is not');

    clock += 2000;
    await landing.recordOpen(target, phone);
    assert.equal((await openRows(t.db, target.messageId)).length, 3, 'the next window counts again');
  });

  test('marks of past windows are deleted, at most once a minute per process', async () => {
    const before = await marks();
    assert.ok(before >= 3);
    const visitors = Array.from({ length: 20 }, (_, i) => ({ ip: `192.0.2.${i + 1}`, userAgent: phone.userAgent }));
    clock += OPEN_MARKS_PRUNE_EVERY_MS;
    await Promise.all(visitors.map((v) => landing.recordOpen(target, v)));
    const grown = await marks();
    assert.equal(grown, before + 20);

    clock += 2 * OPEN_WINDOW_MS;
    await landing.recordOpen(target, phone);
    assert.equal(await marks(), 1, 'only the current window remains');
    const stored = await t.db.kysely.selectFrom('landing_open_marks').selectAll().execute();
    assert.ok(!JSON.stringify(stored).includes('198.51.100'), 'no address in clear');

    // Within the minute nothing more is deleted, however many windows pass without a view through this process.
    await t.db.kysely.insertInto('landing_open_marks').values({ message_id: target.messageId, visitor_hash: 'old', bucket: 1 }).execute();
    await landing.recordOpen(target, visitors[0]!);
    assert.equal(await marks(), 3);
    clock += OPEN_MARKS_PRUNE_EVERY_MS;
    await landing.recordOpen(target, visitors[0]!);
    assert.equal(await marks(), 2, 'the old mark goes at the next minute');

    const funnel = await t.store.landing.funnel(target.campaignId);
    assert.equal(funnel.opened, 1, 'the funnel counts the message once');
  });
});
