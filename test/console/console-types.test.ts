// The console has its own tsconfig (DOM, JSX; it also compiles the generated API client and core's
// labels it imports) and vite does not type-check: this keeps its TypeScript strict and compiling, the
// way the rest of the tree is kept, and fails when the API's documented shapes change under it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

test('the console’s TypeScript compiles under its strict settings', { timeout: 120_000 }, () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', 'src/web/console/tsconfig.json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
