// `todoku admin create` on a database nobody can log in to yet (SQLite and PostgreSQL): the real command
// as a child process writes the administrator straight into the database, and the app started on that
// database lets them in with the one-time password it printed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eachDatabase, PG_URL, uniqueSchema } from '../support/db.ts';
import { dropSchema } from '../../src/store/db.ts';
import { loadConfig } from '../../src/config.ts';
import { startApp, type Running } from '../../src/app.ts';
import { Browser } from './browser.ts';

const BIN = resolve(import.meta.dirname, '../../bin/todoku.js');

/** `todoku ARGS` with only the given TODOKU_* environment, optionally with text on stdin. */
function todoku(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TODOKU_') && k !== 'PORT' && k !== 'DATABASE_URL'));
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...inherited, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => ok({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

eachDatabase('todoku admin create', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-admin-'));
  const schema = uniqueSchema();
  const env: Record<string, string> = {
    TODOKU_DATA_DIR: dir,
    TODOKU_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
    ...(kind === 'postgres' ? { DATABASE_URL: PG_URL, TODOKU_DB_SCHEMA: schema } : {}),
  };
  // The command runs before the server was ever started: it migrates the empty database itself.
  let app: Running | null = null;

  after(async () => {
    await app?.stop();
    if (kind === 'postgres') await dropSchema(PG_URL, schema);
    rmSync(dir, { recursive: true, force: true });
  });

  async function browserOnApp(): Promise<Browser> {
    app ??= await startApp(loadConfig({ ...env, PORT: '0', TODOKU_SIMULATOR: 'off', TODOKU_DISPATCHER: 'off', TODOKU_LOG_LEVEL: 'silent' }));
    return new Browser(app.url!);
  }

  test('creates the first administrator with a one-time password printed once; the app lets them in to change it', async () => {
    const r = await todoku(['admin', 'create', '--email', 'Soumu@Example.jp', '--name', '総務 管理者', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.user.login, 'soumu@example.jp');
    assert.equal(out.user.role, 'admin');
    assert.match(out.oneTimePassword, /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);

    const b = await browserOnApp();
    const login = await b.login('soumu@example.jp', out.oneTimePassword);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.user.role, 'admin');
    assert.equal(login.body.user.displayName, '総務 管理者');
    assert.equal(login.body.user.mustChangePassword, true);
    assert.equal((await b.request('GET', '/users')).body.code, 'TODOKU_E_PASSWORD_CHANGE_REQUIRED');
    const changed = await b.request('POST', '/session/password', { json: { currentPassword: out.oneTimePassword, newPassword: 'soumu no atarashii pw' }, csrf: true });
    assert.equal(changed.status, 200);
    assert.equal((await b.request('GET', '/users')).status, 200);

    const audit = await app!.store.audit.list(10);
    assert.ok(audit.some((e) => e.action === 'user.create' && e.actor.startsWith('cli:')), 'the creation is audited');
  });

  test('the same login twice is refused in Japanese with exit code 1', async () => {
    const r = await todoku(['admin', 'create', '--email', 'soumu@example.jp'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ログインID「soumu@example.jp」はすでに使われています/);
  });

  test('--password-stdin sets the password given instead of a one-time one, and refuses a weak one', async () => {
    const human = await todoku(['admin', 'create', '--email', 'backup-admin', '--password-stdin'], env, 'a long passphrase from a vault\n');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /管理者「backup-admin」（ログインID backup-admin）を作成しました/);
    assert.doesNotMatch(human.stdout, /仮パスワード/);
    const b = await browserOnApp();
    const login = await b.login('backup-admin', 'a long passphrase from a vault');
    assert.equal(login.body.user.mustChangePassword, false);

    const weak = await todoku(['admin', 'create', '--email', 'weak-admin', '--password-stdin'], env, 'short\n');
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /パスワードは10文字以上にしてください/);
  });

  test('reset-password gives an administrator who forgot the password a new one-time password', async () => {
    const r = await todoku(['admin', 'reset-password', '--email', 'BACKUP-ADMIN', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const { oneTimePassword } = JSON.parse(r.stdout);
    const b = await browserOnApp();
    assert.equal((await b.login('backup-admin', 'a long passphrase from a vault')).status, 401, 'the old password is gone');
    assert.equal((await b.login('backup-admin', oneTimePassword)).body.user.mustChangePassword, true);
    const unknown = await todoku(['admin', 'reset-password', '--email', 'nobody'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /ログインID「nobody」のユーザーはいません/);
  });
});
