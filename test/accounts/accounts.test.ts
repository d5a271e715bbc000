// People and their logins on SQLite and PostgreSQL, with a clock the test moves: argon2id hashes,
// sessions that end when idle or old, password guessing locked per account and address, the last
// administrator kept, a one-time password that must be replaced.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { createAccounts, type Accounts } from '../../src/accounts/accounts.ts';
import { hashSessionId } from '../../src/accounts/sessions.ts';
import { TodokuError } from '../../src/core/errors.ts';

const MINUTE = 60_000;

async function rejects(p: Promise<unknown>, code: string): Promise<TodokuError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof TodokuError, String(err));
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected ${code}`);
}

eachDatabase('accounts', (kind) => {
  let t: TestDb;
  let clock = Date.UTC(2026, 10, 24, 1, 0, 0);
  let accounts: Accounts;
  const at = '198.51.100.7';
  before(async () => {
    t = await createTestDb(kind, () => clock);
    accounts = createAccounts(t.store, testVault, { now: () => clock, sessions: { idleMs: 30 * MINUTE, maxMs: 8 * 60 * MINUTE } });
  });
  after(async () => t.cleanup());

  test('a password is stored only as an argon2id hash, and the login name is matched as typed in any case or width', async () => {
    const { user, oneTimePassword } = await accounts.create('test', { login: ' Tanaka@Example.JP ', displayName: '田中 花子', role: 'operator', password: 'ひらがなと数字 2026' });
    assert.equal(oneTimePassword, null);
    assert.equal(user.login, 'tanaka@example.jp');
    assert.match(user.password_hash, /^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    assert.ok(!user.password_hash.includes('2026'));
    const { principal } = await accounts.login({ login: 'ＴＡＮＡＫＡ＠example.jp', password: 'ひらがなと数字 2026', address: at });
    assert.equal(principal.role, 'operator');
    assert.equal(principal.displayName, '田中 花子');
    await rejects(accounts.create('test', { login: 'tanaka@example.jp', role: 'viewer', password: 'another password 1' }), 'TODOKU_E_CONFLICT');
  });

  test('weak passwords are refused with the reason in Japanese', async () => {
    const short = await rejects(accounts.create('test', { login: 'weak1', role: 'viewer', password: 'short' }), 'TODOKU_E_PASSWORD_POLICY');
    assert.match(short.ja, /10文字以上/);
    await rejects(accounts.create('test', { login: 'weak2', role: 'viewer', password: 'aaaaaaaaaaaa' }), 'TODOKU_E_PASSWORD_POLICY');
    await rejects(accounts.create('test', { login: 'weak3', role: 'viewer', password: 'password123' }), 'TODOKU_E_PASSWORD_POLICY');
    await rejects(accounts.create('test', { login: 'suzuki', role: 'viewer', password: 'suzuki-2026-11' }), 'TODOKU_E_PASSWORD_POLICY');
  });

  test('a session is stored hashed and ends after 30 idle minutes, or 8 hours after login however active', async () => {
    await accounts.create('test', { login: 'sato', role: 'viewer', password: 'a quiet afternoon' });
    const { session } = await accounts.login({ login: 'sato', password: 'a quiet afternoon', address: at });
    const stored = await t.db.kysely.selectFrom('sessions').selectAll().execute();
    assert.ok(stored.every((s) => s.id_hash !== session.id));
    assert.ok(stored.some((s) => s.id_hash === hashSessionId(session.id)));

    clock += 29 * MINUTE;
    assert.equal((await accounts.resolveSession(session.id))?.kind, 'user', 'still active after 29 minutes');
    clock += 29 * MINUTE;
    assert.ok(await accounts.resolveSession(session.id), 'each use keeps it alive');
    clock += 31 * MINUTE;
    assert.equal(await accounts.resolveSession(session.id), undefined, 'idle for 31 minutes: over');

    const again = await accounts.login({ login: 'sato', password: 'a quiet afternoon', address: at });
    for (let i = 0; i < 17; i++) {
      clock += 28 * MINUTE;
      assert.ok(await accounts.resolveSession(again.session.id), `active at ${(i + 1) * 28} minutes`);
    }
    clock += 28 * MINUTE;
    assert.equal(await accounts.resolveSession(again.session.id), undefined, 'past 8 hours: over, however active');
    assert.equal(await accounts.resolveSession('not-a-session'), undefined);
  });

  test('five wrong passwords from one address lock that address out of the account for a minute with a Japanese message, not the owner elsewhere; each further failure doubles the lock', async () => {
    await accounts.create('test', { login: 'yamada', role: 'operator', password: 'correct horse battery' });
    const address = '203.0.113.50';
    for (let i = 0; i < 5; i++) await rejects(accounts.login({ login: 'yamada', password: `guess ${i}`, address }), 'TODOKU_E_LOGIN_FAILED');
    const locked = await rejects(accounts.login({ login: 'yamada', password: 'correct horse battery', address }), 'TODOKU_E_LOGIN_THROTTLED');
    assert.match(locked.ja, /ログインの失敗が続いたため.*1分後/);
    assert.deepEqual(locked.details, { retryAfterSeconds: 60 });
    assert.ok(await accounts.login({ login: 'yamada', password: 'correct horse battery', address: '203.0.113.51' }), 'the owner on another address is not locked out');

    clock += 61 * 1000;
    await rejects(accounts.login({ login: 'yamada', password: 'guess 6', address }), 'TODOKU_E_LOGIN_FAILED');
    const longer = await rejects(accounts.login({ login: 'yamada', password: 'correct horse battery', address }), 'TODOKU_E_LOGIN_THROTTLED');
    assert.match(longer.ja, /2分後/);

    clock += 2 * MINUTE + 1000;
    const ok = await accounts.login({ login: 'yamada', password: 'correct horse battery', address });
    assert.equal(ok.principal.login, 'yamada');
    await rejects(accounts.login({ login: 'yamada', password: 'one slip', address }), 'TODOKU_E_LOGIN_FAILED');
    assert.ok(await accounts.login({ login: 'yamada', password: 'correct horse battery', address }), 'a success cleared the count');
  });

  test('names that do not exist count too, per address: twenty failures lock the address for every name', async () => {
    clock += 60 * MINUTE;
    const address = '192.0.2.99';
    // Four at a time, as a guessing script would: concurrent failures are all counted.
    for (let i = 0; i < 20; i += 4) {
      await Promise.all([0, 1, 2, 3].map((j) => rejects(accounts.login({ login: `nobody${i + j}`, password: 'whatever it is', address }), 'TODOKU_E_LOGIN_FAILED')));
    }
    await rejects(accounts.login({ login: 'sato', password: 'a quiet afternoon', address }), 'TODOKU_E_LOGIN_THROTTLED');
    assert.ok(await accounts.login({ login: 'sato', password: 'a quiet afternoon', address: '192.0.2.100' }), 'another address is not affected');
    const rows = await t.db.kysely.selectFrom('login_attempts').select(['key', 'account']).execute();
    assert.ok(rows.length > 0);
    assert.ok(rows.every((r) => ![r.key, r.account ?? ''].some((v) => v.includes('192.0.2') || v.includes('nobody'))), 'neither addresses nor typed names are stored in clear');
  });

  test('failures fifteen quiet minutes old are forgotten', async () => {
    clock += 60 * MINUTE;
    await accounts.create('test', { login: 'kato', role: 'viewer', password: 'blue sky over kyoto' });
    for (let i = 0; i < 4; i++) await rejects(accounts.login({ login: 'kato', password: 'wrong one', address: at }), 'TODOKU_E_LOGIN_FAILED');
    clock += 16 * MINUTE;
    for (let i = 0; i < 4; i++) await rejects(accounts.login({ login: 'kato', password: 'wrong one', address: at }), 'TODOKU_E_LOGIN_FAILED');
    assert.ok(await accounts.login({ login: 'kato', password: 'blue sky over kyoto', address: at }), 'never five within fifteen minutes: not locked');
  });

  test('a one-time password must be replaced before anything else; replacing it ends the other sessions', async () => {
    const { user, oneTimePassword } = await accounts.create('test', { login: 'new.person@example.jp', role: 'operator' });
    assert.ok(oneTimePassword);
    assert.match(oneTimePassword, /^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    assert.equal(user.must_change_password, 1);
    const first = await accounts.login({ login: 'new.person@example.jp', password: oneTimePassword, address: at });
    const second = await accounts.login({ login: 'new.person@example.jp', password: oneTimePassword, address: at });
    assert.equal(first.principal.mustChangePassword, true);

    await rejects(accounts.changePassword(first.principal, 'not the current one', 'a brand new password'), 'TODOKU_E_CURRENT_PASSWORD');
    await rejects(accounts.changePassword(first.principal, oneTimePassword, oneTimePassword), 'TODOKU_E_PASSWORD_POLICY');
    await accounts.changePassword(first.principal, oneTimePassword, 'a brand new password');
    const now = await accounts.resolveSession(first.session.id);
    assert.equal(now?.kind === 'user' && now.mustChangePassword, false);
    assert.equal(await accounts.resolveSession(second.session.id), undefined, 'the other browser was logged out');
    await rejects(accounts.login({ login: 'new.person@example.jp', password: oneTimePassword, address: at }), 'TODOKU_E_LOGIN_FAILED');
  });

  test('disabling someone ends their sessions at once; the last active administrator can be neither demoted nor disabled', async () => {
    const boss = await accounts.create('test', { login: 'boss', role: 'admin', password: 'long live the office' });
    const op = await accounts.create('test', { login: 'ito', role: 'operator', password: 'tea and biscuits 9' });
    const { session } = await accounts.login({ login: 'ito', password: 'tea and biscuits 9', address: at });
    await accounts.change('user:1:boss', op.user.id, { disabled: true });
    assert.equal(await accounts.resolveSession(session.id), undefined);
    await rejects(accounts.login({ login: 'ito', password: 'tea and biscuits 9', address: at }), 'TODOKU_E_ACCOUNT_DISABLED');
    await rejects(accounts.login({ login: 'ito', password: 'a wrong guess', address: at }), 'TODOKU_E_LOGIN_FAILED');

    await rejects(accounts.change('test', boss.user.id, { role: 'operator' }), 'TODOKU_E_LAST_ADMIN');
    await rejects(accounts.change('test', boss.user.id, { disabled: true }), 'TODOKU_E_LAST_ADMIN');
    await accounts.create('test', { login: 'deputy', role: 'admin', password: 'second in command 2' });
    assert.equal((await accounts.change('test', boss.user.id, { role: 'viewer' })).role, 'viewer');

    const audit = await t.store.audit.list(50);
    assert.ok(audit.some((e) => e.action === 'user.update' && e.target === `user:${op.user.id}` && e.actor === 'user:1:boss'));
  });

  test('a reset issues a new one-time password, ends sessions and lifts a login lock', async () => {
    const { user } = await accounts.create('test', { login: 'locked.out', role: 'viewer', password: 'forgot it again 1' });
    const address = '198.51.100.200';
    for (let i = 0; i < 5; i++) await rejects(accounts.login({ login: 'locked.out', password: 'nope nope', address }), 'TODOKU_E_LOGIN_FAILED');
    await rejects(accounts.login({ login: 'locked.out', password: 'forgot it again 1', address }), 'TODOKU_E_LOGIN_THROTTLED');
    const { oneTimePassword } = await accounts.resetPassword('user:1:boss', user.id);
    const { principal } = await accounts.login({ login: 'locked.out', password: oneTimePassword, address });
    assert.equal(principal.mustChangePassword, true);
  });

  test('the first administrator of a fresh database is created once', async () => {
    const fresh = await createTestDb(kind);
    try {
      const a = createAccounts(fresh.store, testVault);
      const first = await a.ensureFirstAdministrator();
      assert.equal(first?.login, 'admin');
      assert.equal(await a.ensureFirstAdministrator(), null);
      const { principal } = await a.login({ login: 'admin', password: first!.password, address: at });
      assert.equal(principal.role, 'admin');
      assert.equal(principal.mustChangePassword, true);
    } finally {
      await fresh.cleanup();
    }
  });
});
