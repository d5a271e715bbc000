// The data directory and the SQLite file hold sealed personal data, keys and hashes: a new data directory
// is created 0700 and the database 0600 (with its -wal and -shm files), whatever the umask allows others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { startApp } from '../../src/app.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

test('a fresh data directory is 0700 and the SQLite file and its journal files 0600', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'todoku-modes-'));
  const dataDir = join(parent, 'data');
  const previous = process.umask(0o022);
  try {
    const app = await startApp(
      loadConfig({
        PORT: '0',
        TODOKU_DATA_DIR: dataDir,
        TODOKU_SIMULATOR_PORT: '0',
        TODOKU_LOG_LEVEL: 'silent',
        TODOKU_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
      }),
    );
    try {
      assert.equal(mode(dataDir).toString(8), '700');
      const files = ['todoku.sqlite', 'todoku.sqlite-wal', 'todoku.sqlite-shm'].map((f) => join(dataDir, f));
      for (const file of files) assert.equal(mode(file).toString(8), '600', file);
    } finally {
      await app.stop();
    }
  } finally {
    process.umask(previous);
    rmSync(parent, { recursive: true, force: true });
  }
});
