// Several writers on one ledger: in one process over two separate database connections, and as two OS
// processes, each appending many small transactions and sequencing as it goes. The log comes out as one:
// every leaf index once, no gap, numbers 1..k within each campaign, and the whole database verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { openDb } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { sequence } from '../../src/store/evidence/sequence.ts';
import { createLedger } from '../../src/evidence/ledger.ts';
import { createLogger } from '../../src/log.ts';

/** Leaf indexes 0..n-1 each once, numbers 1..k per campaign in leaf order, and verify --database passes. */
async function assertOneLog(t: TestDb, expected: number): Promise<void> {
  const k = t.db.kysely;
  const ledger = createLedger({ store: t.store, vault: testVault, timestamper: null, now: Date.now, log: createLogger('silent'), headIntervalMs: 0 });
  await ledger.seal('test');
  const rows = await k.selectFrom('evidence_entries').select(['leaf_index', 'campaign_id', 'n']).orderBy('leaf_index').execute();
  assert.equal(rows.length, expected);
  assert.deepEqual(rows.map((r) => Number(r.leaf_index)), [...Array(expected).keys()], 'every index once, no gap');
  const last = new Map<number, number>();
  for (const r of rows) {
    const c = Number(r.campaign_id);
    assert.equal(Number(r.n), (last.get(c) ?? 0) + 1, `campaign ${c} numbered in order`);
    last.set(c, Number(r.n));
  }
  const report = await ledger.verifyDatabase();
  assert.equal(report.ok, true, report.failure?.en);
  assert.equal(report.entries, expected);
}

function runWriter(t: TestDb, rounds: number, perRound: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/evidence/ledger-writer.ts', JSON.stringify(t.config), String(rounds), String(perRound)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer exited ${code}:\n${out}`))));
  });
}

eachDatabase('concurrent writers', (kind) => {
  // better-sqlite3 waits for a lock by blocking its thread: two connections in one process would wait on
  // each other. One SQLite file is shared between processes, tested below.
  const sqliteInProcess = kind === 'sqlite' ? 'one SQLite file is written by one connection per process' : false;
  test('two connections appending and sequencing at once make one consistent log', { timeout: 120_000, skip: sqliteInProcess }, async () => {
    const t = await createTestDb(kind);
    const other = await openDb(t.config);
    try {
      const second = createStore(other, testVault);
      const writers = [
        { db: t.db, store: t.store },
        { db: other, store: second },
      ];
      let total = 0;
      await Promise.all(
        writers.map(async ({ db, store }, w) => {
          for (let i = 0; i < 40; i += 1) {
            const size = 1 + ((i * 7 + w) % 5);
            total += size;
            await db.kysely.transaction().execute((trx) =>
              store.evidence.append(trx, Array.from({ length: size }, (_, j) => ({ kind: 'page.opened' as const, campaignId: 1 + ((i + j) % 4), messageId: w * 10_000 + i * 10 + j, data: { first: j === 0 } }))),
            );
            // Small batches so the two sequencers interleave, each taking the lock many times.
            if (i % 2 === w % 2) await sequence(db, Date.now, 3);
          }
          for (;;) if ((await sequence(db, Date.now, 7)).appended === 0) break;
        }),
      );
      await assertOneLog(t, total);
    } finally {
      await other.close();
      await t.cleanup();
    }
  });

  test('two OS processes appending and sequencing at once make one consistent log', { timeout: 120_000 }, async () => {
    const t = await createTestDb(kind);
    try {
      const outputs = await Promise.all([runWriter(t, 15, 37), runWriter(t, 15, 23)]);
      for (const out of outputs) assert.match(out, /done/);
      await assertOneLog(t, 15 * 37 + 15 * 23);
    } finally {
      await t.cleanup();
    }
  });
});
