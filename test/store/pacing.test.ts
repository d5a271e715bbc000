// A route's rate limit is one budget per second for every worker: concurrent takers (separate connections
// on PostgreSQL) never get more than the limit between them.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, type TestDb } from '../support/db.ts';
import { openDb } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { testVault } from '../support/db.ts';

eachDatabase('route pacing', (kind) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb(kind);
  });
  afterEach(async () => t.cleanup());

  test('several workers asking at once share one second\'s budget and never exceed it', async () => {
    // Four "processes": separate connections to one PostgreSQL. (SQLite is one process's file: several
    // connections inside one process would only wait on each other, so there it is one connection.)
    const others = kind === 'postgres' ? await Promise.all([1, 2, 3].map(() => openDb(t.config))) : [];
    try {
      const stores = [t.store, ...others.map((db) => createStore(db, testVault))];
      const asks = stores.flatMap((s) => Array.from({ length: 5 }, () => s.pacing.take('carrier', 1000, 30, 100)));
      const granted = await Promise.all(asks);
      assert.equal(granted.reduce((a, b) => a + b, 0), 100);
      assert.ok(granted.every((g) => g >= 0 && g <= 30));
      assert.equal(await t.store.pacing.take('carrier', 1000, 10, 100), 0, 'the second is spent');
      assert.equal(await t.store.pacing.take('carrier', 1001, 10, 100), 10, 'the next second has its own budget');
      assert.equal(await t.store.pacing.take('other-route', 1000, 10, 100), 10, 'each route has its own');
    } finally {
      await Promise.all(others.map((db) => db.close()));
    }
  });
});
