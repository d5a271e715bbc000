// Every error code the source raises has a status of its own in the web edge's one table: a code added
// anywhere in src without a deliberate status fails here (and in tsc), and so does a status left in the
// table for a code nothing raises any more. A domain error reaches the client as that status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { errorHandler, STATUS_BY_CODE } from '../../src/web/api/problem.ts';
import { TodokuError, type ErrorCode } from '../../src/core/errors.ts';

const SRC = join(import.meta.dirname, '../../src');
/** Codes that are not thrown errors: made by the edge itself, or recorded on a failed message. */
const NOT_THROWN = new Set(['TODOKU_E_INTERNAL', 'TODOKU_E_HTTP_', 'TODOKU_E_COMPOSE']);
/** Where the codes are listed rather than raised. */
const LISTS = new Set([join(SRC, 'core/errors.ts'), join(SRC, 'web/api/problem.ts')]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(SRC, 'web/console') ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function codesIn(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    for (const [code] of readFileSync(file, 'utf8').matchAll(/TODOKU_E_[A-Z0-9_]+/g)) {
      if (!NOT_THROWN.has(code) && !found.has(code)) found.set(code, file.slice(SRC.length + 1));
    }
  }
  return found;
}

const raised = codesIn(sources(SRC).filter((f) => !LISTS.has(f)));

test('every error code raised in src has a status in the table', () => {
  const missing = [...raised].filter(([code]) => !(code in STATUS_BY_CODE)).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, [], 'add these to ErrorCode in src/core/errors.ts and give each a status in src/web/api/problem.ts');
});

test('the table holds no code that nothing raises, and every status is an error status', () => {
  const stale = Object.keys(STATUS_BY_CODE).filter((code) => !raised.has(code));
  assert.deepEqual(stale, [], 'remove these from ErrorCode and the status table');
  for (const [code, status] of Object.entries(STATUS_BY_CODE)) {
    assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code} → ${status}`);
  }
});

test('a domain error becomes problem+json with its status and both languages', async () => {
  const app = Fastify();
  app.setErrorHandler(errorHandler);
  const thrown: ErrorCode[] = ['TODOKU_E_CSV_NO_ROWS', 'TODOKU_E_VALIDATION', 'TODOKU_E_ROUTE_NOT_READY'];
  app.get('/:i', async (req) => {
    throw new TodokuError(thrown[Number((req.params as { i: string }).i)]!, { ja: '読めません', en: 'unreadable' });
  });
  for (const [i, code] of thrown.entries()) {
    const r = await app.inject({ method: 'GET', url: `/${i}` });
    assert.equal(r.statusCode, STATUS_BY_CODE[code]);
    assert.match(r.headers['content-type'] as string, /^application\/problem\+json/);
    assert.deepEqual(r.json(), { type: `urn:todoku:problem:${code}`, title: '読めません', title_en: 'unreadable', status: STATUS_BY_CODE[code], code });
  }
  await app.close();
});
