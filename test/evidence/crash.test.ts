// SIGKILL in the middle of sequencing: a child process appends thousands of entries a round and sequences
// them; it is killed at a random moment while sequencing, three times over. Each time the ledger still
// verifies (a transaction is all or nothing: no half-written batch, node or frontier), and sequencing
// resumes where it stopped. Then `todoku evidence verify --database`, the command people run, says so
// (exit 0), and names an entry changed behind its back (exit 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestDb, eachDatabase, PG_URL, testVault, type TestDb } from '../support/db.ts';
import { todoku } from '../cli/harness.ts';
import { createLedger } from '../../src/evidence/ledger.ts';
import { createLogger } from '../../src/log.ts';
import { sequence } from '../../src/store/evidence/sequence.ts';

/** Starts the writer forever and SIGKILLs it a random moment after its `rounds`-th "sequencing". */
async function killWhileSequencing(t: TestDb, rounds: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/evidence/ledger-writer.ts', JSON.stringify(t.config), '0', '3000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let seen = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      seen = out.split('\n').filter((l) => l === 'sequencing').length;
      if (seen >= rounds) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`writer exited ${code} before the kill:\n${out}`)));
  });
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 120)));
  child.kill('SIGKILL');
  await exited;
}

function cliEnv(t: TestDb, dataDir: string): Record<string, string> {
  const common = { TODOKU_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'), LANG: 'en_US.UTF-8' };
  if (t.config.kind === 'sqlite') return { ...common, TODOKU_DATA_DIR: dirname(t.config.file) };
  return { ...common, TODOKU_DATA_DIR: dataDir, DATABASE_URL: PG_URL, TODOKU_DB_SCHEMA: t.config.schema };
}


eachDatabase('SIGKILL while sequencing', (kind) => {
  test('the ledger verifies after each kill and sequencing resumes; the CLI checks the database', { timeout: 240_000 }, async () => {
    const t = await createTestDb(kind);
    const dataDir = mkdtempSync(join(tmpdir(), 'todoku-evidence-cli-'));
    try {
      const ledger = createLedger({ store: t.store, vault: testVault, timestamper: null, now: Date.now, log: createLogger('silent'), headIntervalMs: 0 });
      const k = t.db.kysely;
      let leftWaiting = 0;
      for (let kill = 1; kill <= 3; kill += 1) {
        await killWhileSequencing(t, 1 + (kill % 2));
        const pending = Number((await k.selectFrom('evidence_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('leaf_index', 'is', null).executeTakeFirstOrThrow()).n);
        if (pending > 0) leftWaiting += 1;
        const after = await ledger.verifyDatabase();
        assert.equal(after.ok, true, `after kill ${kill}: ${after.failure?.en}`);
        assert.equal(after.pending, pending);
        // Sequencing resumes: everything committed gets its place, and the whole verifies again.
        for (;;) if ((await sequence(t.db, Date.now, 1000)).appended === 0) break;
        await ledger.seal('test');
        const resumed = await ledger.verifyDatabase();
        assert.equal(resumed.ok, true, resumed.failure?.en);
        const total = Number((await k.selectFrom('evidence_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        assert.deepEqual([resumed.entries, resumed.pending], [total, 0]);
      }
      assert.ok(leftWaiting > 0, 'at least one kill came while entries were still waiting to be sequenced');

      const env = cliEnv(t, dataDir);
      const ok = await todoku(['evidence', 'verify', '--database'], { env });
      assert.equal(ok.code, 0, ok.stderr + ok.stdout);
      assert.match(ok.stdout, /The evidence ledger verifies: no problem found/);
      assert.match(ok.stdout, /entries: \d+ \(0 waiting to be sequenced\)/);
      assert.match(ok.stdout, /last tree head: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d JST/);
      const json = await todoku(['evidence', 'verify', '--database', '--json'], { env });
      const report = JSON.parse(json.stdout) as { ok: boolean; entries: number; heads: number };
      assert.equal(report.ok, true);
      assert.ok(report.entries >= 3000 && report.heads >= 3);

      const target = await k.selectFrom('evidence_entries').select(['id', 'leaf_index']).where('leaf_index', '=', 1234).executeTakeFirstOrThrow();
      await k.updateTable('evidence_entries').set({ data_json: '{"first":false,"edited":true}' }).where('id', '=', target.id).execute();
      const bad = await todoku(['evidence', 'verify', '--database'], { env });
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /the evidence ledger does not verify \(entry #1234\): the entry at leaf index 1234 does not match its leaf hash/);
      const ja = await todoku(['evidence', 'verify', '--database'], { env: { ...env, LANG: 'ja_JP.UTF-8' } });
      assert.equal(ja.code, 1);
      assert.match(ja.stderr, /証跡台帳の検証に失敗しました（記録 #1234）/);
    } finally {
      await t.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
