// Test databases: a fresh SQLite file, or a fresh PostgreSQL schema (dropped afterwards), migrated.
// Every storage test runs against both through `eachDatabase`.
import { describe } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropSchema, migrate, openDb, type Db, type DbConfig } from '../../src/store/db.ts';
import { createVault } from '../../src/security/vault.ts';
import { createStore, type Store } from '../../src/store/index.ts';

export const PG_URL = process.env.TODOKU_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  store: Store;
  config: DbConfig;
  cleanup(): Promise<void>;
}

export const testVault = createVault(Buffer.alloc(32, 7));

export function uniqueSchema(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

export async function createTestDb(kind: 'sqlite' | 'postgres', now: () => number = Date.now): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'todoku-test-'));
    const config: DbConfig = { kind: 'sqlite', file: join(dir, 'todoku.sqlite') };
    const db = await openDb(config);
    await migrate(db);
    return {
      db,
      config,
      store: createStore(db, testVault, now),
      async cleanup() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = uniqueSchema();
  const config: DbConfig = { kind: 'postgres', url: PG_URL, schema };
  const db = await openDb(config);
  await migrate(db);
  return {
    db,
    config,
    store: createStore(db, testVault, now),
    async cleanup() {
      await db.close();
      await dropSchema(PG_URL, schema);
    },
  };
}

/** Runs the same suite on SQLite and on PostgreSQL. */
export function eachDatabase(title: string, suite: (kind: 'sqlite' | 'postgres') => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    describe(`${title} [${kind}]`, () => suite(kind));
  }
}
