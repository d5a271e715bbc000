// Serving the built console: / leads to /console/, every path under /console is the app's page (it
// routes in the browser), hashed assets are cached for a year and index.html never, a missing asset is
// a 404 rather than the page, and without a build /console says how to make one.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { consolePages } from '../../src/web/console-serve.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function build(root: string): void {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Todoku</title><script type="module" src="/console/assets/index-AbC123.js"></script>');
  writeFileSync(join(root, 'assets', 'index-AbC123.js'), 'console.log(1)');
}

async function serve(built: boolean): Promise<{ app: FastifyInstance; root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'todoku-console-'));
  dirs.push(root);
  if (built) build(root);
  const app = Fastify();
  await app.register(consolePages({ root }));
  await app.ready();
  return { app, root };
}

test('the built console: / leads there, any screen is the app, assets cached for a year, index.html never', async () => {
  const { app } = await serve(true);
  const root = await app.inject('/');
  assert.equal(root.statusCode, 302);
  assert.equal(root.headers.location, '/console/');
  assert.equal((await app.inject('/console')).headers.location, '/console/');

  for (const path of ['/console/', '/console/campaigns/3', '/console/inbox/abc?x=1', '/console/admin/users']) {
    const page = await app.inject(path);
    assert.equal(page.statusCode, 200, path);
    assert.match(page.headers['content-type'] as string, /^text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(page.body, /index-AbC123\.js/);
    assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
  }
  const asset = await app.inject('/console/assets/index-AbC123.js');
  assert.equal(asset.statusCode, 200);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  assert.equal(asset.body, 'console.log(1)');
  assert.match(asset.headers['content-type'] as string, /javascript/);
  assert.equal((await app.inject('/console/assets/index-Old999.js')).statusCode, 404, 'a stale hash fails visibly');
  await app.close();
});

test('without a build, /console says how to make one; a build made while running is served at once', async () => {
  const { app, root } = await serve(false);
  const page = await app.inject('/console/campaigns/1');
  assert.equal(page.statusCode, 503);
  assert.match(page.body, /npm run build/);
  assert.match(page.body, /コンソールがビルドされていません/);
  build(root);
  assert.equal((await app.inject('/console/campaigns/1')).statusCode, 200);
  assert.equal((await app.inject('/console/assets/index-AbC123.js')).statusCode, 200);
  await app.close();
});
