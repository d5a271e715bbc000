// The evidence ledger as an auditor sees it through the API, on both databases: after a small campaign
// is sent through the SMSC simulator, GET /evidence/status gives the figures the tables hold (entries
// in the tree and waiting, the latest head, heads stamped, the key that signed them); SQLite's run has
// no TSA and says the times are the installation's own, PostgreSQL's has its heads stamped by a local
// openssl TSA and names it. POST /evidence/verify (administrators only, audited) answers ok, names an
// edited row, and refuses a second run while one is under way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { eachDatabase } from '../support/db.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { startOpensslTsa, type OpensslTsa } from '../support/openssl-tsa.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { verifyHeadSignature } from '../../src/core/evidence/head.ts';
import type { Ledger } from '../../src/evidence/ledger.ts';

const LIST = ['氏名,電話番号,生年月日', '山田 太郎,090-7373-0001,1990/01/02', '佐藤 花子,090-7373-0002,1985/12/31', '鈴木 一郎,090-7373-0003,1970/05/05'].join('\n');
const OWN_CLOCK = '時刻は本システム自身の時計です（第三者の時刻認証ではありません）';

eachDatabase('evidence status and verify API', (kind) => {
  let t: TestApp;
  let tsa: OpensslTsa | null = null;
  let c: SentCampaign;
  let ledger: Ledger;
  const k = () => t.app.store.db.kysely;
  const keyFor = async (role: string) => {
    const r = await t.api('POST', '/api-keys', { name: `鍵 ${role}`, role });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.key as string;
  };

  before(async () => {
    // PostgreSQL's run has its heads stamped by a local openssl TSA; SQLite's keeps the installation's clock.
    if (kind === 'postgres') tsa = await startOpensslTsa();
    t = await startTestApp(kind, tsa ? { TODOKU_TSA_URL: tsa.url, TODOKU_TSA_CA_FILE: tsa.caFile } : {});
    ledger = t.app.ledger!;
    c = await sentCampaign(t, '証跡の状態', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: 'お知らせです。' });
    await until('the campaign completed in the ledger', async () => (await k().selectFrom('evidence_entries').select('id').where('kind', '=', 'campaign.completed').where('campaign_id', '=', c.id).executeTakeFirst()) ?? undefined, 30_000);
    await ledger.seal('test');
  });
  after(async () => {
    await t?.stop();
    await tsa?.stop();
  });

  test('the status gives the figures the tables hold', async () => {
    const r = await t.api('GET', '/evidence/status');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const s = r.body;
    const count = async (where: 'all' | 'sequenced' | 'waiting') => {
      let q = k().selectFrom('evidence_entries').select((eb) => eb.fn.countAll<number>().as('n'));
      if (where === 'sequenced') q = q.where('leaf_index', 'is not', null);
      if (where === 'waiting') q = q.where('leaf_index', 'is', null);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const state = await k().selectFrom('evidence_state').select('size').executeTakeFirstOrThrow();
    const heads = await k().selectFrom('evidence_heads').selectAll().orderBy('id').execute();
    const last = heads[heads.length - 1]!;
    // List accepted, content fixed, send confirmed, each message handed over and delivered, the campaign completed.
    assert.ok(Number(state.size) >= 10, `a campaign of three sent and completed records ten entries or more (${state.size})`);
    assert.deepEqual(s.entries, { recorded: await count('all'), inTree: await count('sequenced'), waiting: await count('waiting'), oldestWaiting: null });
    assert.equal(s.entries.inTree, Number(state.size));
    assert.deepEqual(s.heads, {
      total: heads.length,
      stamped: heads.filter((h) => h.tsa_token !== null).length,
      unstampedSinceLastStamp: tsa ? 0 : heads.length,
    });
    assert.equal(s.latestHead.id, Number(last.id));
    assert.equal(s.latestHead.size, Number(state.size), 'sealed: the latest head covers every entry');
    assert.equal(s.latestHead.root, last.root_hash);
    assert.equal(s.latestHead.signed.at, new Date(Number(last.signed_at)).toISOString());
    assert.match(s.latestHead.signed.jst, /^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}:\d{2}$/);
    assert.equal(s.latestHead.keyId, last.key_id);
    assert.equal(s.key.keyId, last.key_id);
    // The key the page shows is the one the heads verify under.
    const head = { size: Number(last.tree_size), root: last.root_hash, at: Number(last.signed_at), keyId: last.key_id };
    assert.ok(verifyHeadSignature(head, last.signature, s.key.publicKeyPem));
    assert.match(s.key.publicKeyPem, /^-----BEGIN PUBLIC KEY-----/);
    assert.equal(s.retentionYears, 5);
    assert.equal(s.verifyRunning, false);
    if (tsa) {
      const host = new URL(tsa.url).host;
      assert.equal(s.timeSource.kind, 'tsa');
      assert.equal(s.timeSource.tsaHost, host);
      assert.match(s.timeSource.statement.ja, new RegExp(`時刻認証局（${host.replace(/\./g, '\\.')}）`));
      assert.equal(s.latestHead.stamped, true);
      assert.equal(s.latestHead.tsa.host, host);
      assert.match(s.latestHead.tsa.name, /Todoku Test TSA/);
      assert.equal(s.latestHead.tsa.time.at, new Date(Number(last.tsa_time)).toISOString());
      assert.equal(s.clock.skewMs, Number(last.skew_ms));
      assert.equal(s.clock.ok, Math.abs(Number(last.skew_ms)) <= 1000);
      assert.equal(s.clock.limitMs, 1000);
    } else {
      assert.deepEqual(s.timeSource, { kind: 'installation', tsaUrl: null, tsaHost: null, statement: { ja: OWN_CLOCK, en: "The times are this installation's own clock (not certified by a third party)" } });
      assert.equal(s.latestHead.stamped, false);
      assert.equal(s.latestHead.tsa, null);
      assert.deepEqual(s.clock, { skewMs: null, measured: null, limitMs: 1000, ok: null });
    }
  });

  test('entries recorded while the sequencer is held are counted as waiting, with the age of the oldest', async () => {
    const tick = ledger.tick;
    ledger.tick = async () => undefined;
    try {
      const before = Date.now();
      const taro = c.recipients.get('山田 太郎')!;
      assert.equal((await new Visitor(t.url).get(taro.path)).status, 200);
      const waiting = await until('the page opening recorded', async () => {
        const s = (await t.api('GET', '/evidence/status')).body;
        return s.entries.waiting > 0 ? s : undefined;
      });
      const rows = await k().selectFrom('evidence_entries').select(['kind', 'at']).where('leaf_index', 'is', null).orderBy('at').execute();
      assert.ok(rows.some((e) => e.kind === 'page.opened'), JSON.stringify(rows));
      assert.equal(waiting.entries.waiting, rows.length);
      assert.equal(waiting.entries.recorded, waiting.entries.inTree + rows.length);
      assert.equal(waiting.entries.oldestWaiting.at, new Date(Number(rows[0]!.at)).toISOString());
      assert.ok(Number(rows[0]!.at) >= before);
      assert.ok(waiting.entries.oldestWaiting.ageSeconds >= 0 && waiting.entries.oldestWaiting.ageSeconds < 30);
    } finally {
      ledger.tick = tick;
    }
    await ledger.seal('test');
    const s = (await t.api('GET', '/evidence/status')).body;
    assert.equal(s.entries.waiting, 0);
    assert.equal(s.entries.oldestWaiting, null);
    assert.equal(s.latestHead.size, s.entries.inTree);
  });

  test('verify answers ok for the ledger as it is, and the run is audited', async () => {
    const r = await t.api('POST', '/evidence/verify');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const size = Number((await k().selectFrom('evidence_state').select('size').executeTakeFirstOrThrow()).size);
    const heads = await k().selectFrom('evidence_heads').select(['id', 'tsa_token']).execute();
    assert.equal(r.body.ok, true, JSON.stringify(r.body.failure));
    assert.equal(r.body.failure, null);
    assert.equal(r.body.entries, size);
    assert.equal(r.body.heads, heads.length);
    assert.equal(r.body.stampedHeads, heads.filter((h) => h.tsa_token !== null).length);
    assert.ok(r.body.durationMs >= 0);
    const audit = await t.api('GET', '/audit?action=evidence.verify');
    assert.equal(audit.status, 200);
    const entry = audit.body.entries[0];
    assert.equal(entry.details.ok, true);
    assert.match(entry.sentence.ja, /証跡台帳を検証（問題なし、/);
    assert.match(entry.sentence.en, /verified the evidence ledger \(all holds, \d+ entries\)/);
  });

  test('an entry edited in the database is named, in Japanese and English, until it is put back', async () => {
    const row = await k().selectFrom('evidence_entries').select(['id', 'leaf_index', 'data_json']).where('leaf_index', '=', 3).executeTakeFirstOrThrow();
    await k().updateTable('evidence_entries').set({ data_json: '{"edited":true}' }).where('id', '=', row.id).execute();
    try {
      const r = await t.api('POST', '/evidence/verify');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.ok, false);
      assert.deepEqual(r.body.failure.where, { leafIndex: 3 });
      assert.match(r.body.failure.en, /leaf index 3/);
      assert.match(r.body.failure.ja, /記録 #3/);
      const audit = await t.api('GET', '/audit?action=evidence.verify');
      assert.deepEqual(audit.body.entries[0].details.failure, { leafIndex: 3 });
      assert.match(audit.body.entries[0].sentence.ja, /不整合を検出/);
    } finally {
      await k().updateTable('evidence_entries').set({ data_json: row.data_json }).where('id', '=', row.id).execute();
    }
    assert.equal((await t.api('POST', '/evidence/verify')).body.ok, true);
  });

  test('a second verify while one runs is refused with its own code, not queued', async () => {
    const verifyDatabase = ledger.verifyDatabase;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    // The real check, held until the second call has been answered.
    ledger.verifyDatabase = async () => {
      started();
      await gate;
      return verifyDatabase();
    };
    try {
      const first = t.api('POST', '/evidence/verify');
      await running;
      const second = await t.api('POST', '/evidence/verify');
      assert.equal(second.status, 409, JSON.stringify(second.body));
      assert.equal(second.body.code, 'TODOKU_E_EVIDENCE_VERIFY_RUNNING');
      assert.match(second.body.title, /実行中/);
      assert.equal((await t.api('GET', '/evidence/status')).body.verifyRunning, true);
      release();
      const done = await first;
      assert.equal(done.status, 200);
      assert.equal(done.body.ok, true);
    } finally {
      release();
      ledger.verifyDatabase = verifyDatabase;
    }
    assert.equal((await t.api('GET', '/evidence/status')).body.verifyRunning, false);
    assert.equal((await t.api('POST', '/evidence/verify')).status, 200, 'the next run is allowed once the first has finished');
  });

  test('viewers read the status; only administrators run the check', async () => {
    const viewer = await keyFor('viewer');
    const operator = await keyFor('operator');
    assert.equal((await t.api('GET', '/evidence/status', undefined, { key: viewer })).status, 200);
    for (const key of [viewer, operator]) {
      const r = await t.api('POST', '/evidence/verify', undefined, { key });
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.code, 'TODOKU_E_FORBIDDEN');
    }
    assert.equal((await t.api('GET', '/evidence/status', undefined, { key: null })).status, 401);
  });
});
