#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's own test runner (Node 20's --test takes no globs, so we list them).
// Usage: npm test [-- substring ...]  keeps only files whose path contains one of the substrings.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return path.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test')
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const args = ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files];
const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, TODOKU_TEST: '1' } });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
