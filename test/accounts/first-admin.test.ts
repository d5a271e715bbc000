// `npm start` on a fresh data directory (the demo): nobody can log in yet, so the process creates the
// administrator `admin` and prints a one-time password once; logging in with it leads to changing it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { Browser } from './browser.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'todoku-first-admin-'));
const env = { TODOKU_SIMULATOR_PORT: '0', TODOKU_SECRET_KEY: Buffer.alloc(32, 4).toString('base64'), TODOKU_LOG_LEVEL: 'warn' };
let server: ServerProcess | null = null;

after(async () => {
  await server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

test('the first start prints a one-time administrator password once; it opens the console only to change it', { timeout: 120_000 }, async () => {
  server = await startServerProcess(env, dataDir);
  const shown = /仮パスワード \/ one-time password: (\S+)/.exec(server.output());
  assert.ok(shown, `a password was printed:\n${server.output()}`);
  assert.match(server.output(), /ログインID \/ login:\s+admin/);
  const password = shown[1]!;

  const b = new Browser(server.url);
  const login = await b.login('admin', password);
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.equal(login.body.user.role, 'admin');
  assert.equal(login.body.user.mustChangePassword, true);
  assert.equal((await b.request('GET', '/campaigns')).body.code, 'TODOKU_E_PASSWORD_CHANGE_REQUIRED');
  assert.equal((await b.request('POST', '/session/password', { json: { currentPassword: password, newPassword: 'harbour lights 2026' }, csrf: true })).status, 200);
  assert.equal((await b.request('GET', '/campaigns')).status, 200);

  await server.kill('SIGTERM');
  server = await startServerProcess(env, dataDir);
  assert.doesNotMatch(server.output(), /one-time password/, 'the next start prints nothing: the administrator exists');
  assert.equal((await new Browser(server.url).login('admin', 'harbour lights 2026')).status, 200);
});
