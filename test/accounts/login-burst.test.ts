// Password guessing in bursts, on SQLite and PostgreSQL, with a clock the test moves: every try is
// counted before the password is checked, so parallel guesses get no more argon2 checks than the rule
// in src/accounts/throttle.ts allows, and an attacker can slow an account but never lock its owner out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, eachDatabase, testVault, type TestDb } from '../support/db.ts';
import { createAccounts, type Accounts } from '../../src/accounts/accounts.ts';
import type { PasswordCheck } from '../../src/accounts/context.ts';
import { TodokuError } from '../../src/core/errors.ts';
import { openDb } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { verifyDecoy, verifyPassword } from '../../src/security/passwords.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The real argon2id check, counting how often it runs. */
function countedPasswords(): PasswordCheck & { evaluations: number } {
  const check = {
    evaluations: 0,
    verify(hash: string, password: string) {
      check.evaluations++;
      return verifyPassword(hash, password);
    },
    decoy(password: string) {
      check.evaluations++;
      return verifyDecoy(password);
    },
  };
  return check;
}

type Outcome = 'failed' | 'throttled' | 'ok';

async function outcome(p: Promise<unknown>): Promise<Outcome> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    assert.ok(err instanceof TodokuError, String(err));
    if (err.code === 'TODOKU_E_LOGIN_FAILED') return 'failed';
    if (err.code === 'TODOKU_E_LOGIN_THROTTLED') return 'throttled';
    throw err;
  }
}

async function throttled(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof TodokuError && err.code === 'TODOKU_E_LOGIN_THROTTLED', String(err));
    return (err.details as { retryAfterSeconds: number }).retryAfterSeconds;
  }
  assert.fail('expected a 429');
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  return { failed: outcomes.filter((o) => o === 'failed').length, throttled: outcomes.filter((o) => o === 'throttled').length, ok: outcomes.filter((o) => o === 'ok').length };
}

eachDatabase('login bursts', (kind) => {
  let t: TestDb;
  let clock = Date.UTC(2026, 11, 1, 0, 0, 0);
  const passwords = countedPasswords();
  let accounts: Accounts;
  before(async () => {
    t = await createTestDb(kind, () => clock);
    accounts = createAccounts(t.store, testVault, { now: () => clock, passwords });
  });
  after(async () => t.cleanup());

  async function person(login: string, password: string): Promise<void> {
    await accounts.create('test', { login, role: 'admin', password });
  }

  test('40 parallel wrong passwords from one address: 5 are checked, 35 refused with 429 unchecked; the owner elsewhere logs in at once', async () => {
    await person('owner40', 'the owner knows this 1');
    passwords.evaluations = 0;
    const attacker = '203.0.113.40';
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(accounts.login({ login: 'owner40', password: `guess ${i}`, address: attacker }))));
    assert.deepEqual(tally(results), { failed: 5, throttled: 35, ok: 0 });
    assert.equal(passwords.evaluations, 5, 'argon2 ran once per allowed try, never for a refused one');

    assert.ok(await accounts.login({ login: 'owner40', password: 'the owner knows this 1', address: '198.51.100.40' }), 'the owner on another address is not locked out');
    assert.equal(await throttled(accounts.login({ login: 'owner40', password: 'the owner knows this 1', address: attacker })), 60, "the attacker's address stays locked, even with the right password");
  });

  test('200 parallel wrong passwords from 200 addresses: 10 are checked, then the account is slowed, not locked; the owner gets in after the announced wait', async () => {
    clock += 60 * MINUTE;
    await person('owner200', 'the owner knows this 2');
    passwords.evaluations = 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => outcome(accounts.login({ login: 'owner200', password: `guess ${i}`, address: `10.20.${i >> 8}.${i & 255}` }))),
    );
    assert.deepEqual(tally(results), { failed: 10, throttled: 190, ok: 0 });
    assert.equal(passwords.evaluations, 10);

    const wait = await throttled(accounts.login({ login: 'owner200', password: 'the owner knows this 2', address: '198.51.100.200' }));
    assert.equal(wait, 5, 'the owner on a new address is told to wait 5 seconds');
    clock += wait * SECOND;
    assert.ok(await accounts.login({ login: 'owner200', password: 'the owner knows this 2', address: '198.51.100.200' }), 'and gets in after that wait');
  });

  test('200 parallel wrong passwords from one address across 200 login names: 20 are checked, then the address is locked for every name', async () => {
    clock += 60 * MINUTE;
    await person('bystander', 'someone passing by 7');
    passwords.evaluations = 0;
    const address = '203.0.113.99';
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => outcome(accounts.login({ login: `name${i}`, password: 'password guess', address }))));
    assert.deepEqual(tally(results), { failed: 20, throttled: 180, ok: 0 });
    assert.equal(passwords.evaluations, 20, 'names that do not exist cost the same decoy check and count the same');
    assert.equal(await throttled(accounts.login({ login: 'bystander', password: 'someone passing by 7', address })), 60);
    assert.ok(await accounts.login({ login: 'bystander', password: 'someone passing by 7', address: '203.0.113.100' }));
  });

  test('guessing from ever new addresses as fast as allowed: the wait doubles from 5 s to at most 5 minutes, and the owner always gets in within it', async () => {
    clock += 60 * MINUTE;
    await person('steady', 'the owner knows this 3');
    for (let i = 0; i < 10; i++) assert.equal(await outcome(accounts.login({ login: 'steady', password: `guess ${i}`, address: `10.30.0.${i}` })), 'failed');
    const waits: number[] = [];
    for (let i = 10; i < 22; i++) {
      const wait = await throttled(accounts.login({ login: 'steady', password: `guess ${i}`, address: `10.30.1.${i}` }));
      waits.push(wait);
      clock += wait * SECOND;
      assert.equal(await outcome(accounts.login({ login: 'steady', password: `guess ${i}`, address: `10.30.2.${i}` })), 'failed');
    }
    assert.deepEqual(waits, [5, 10, 20, 40, 80, 160, 300, 300, 300, 300, 300, 300]);

    const ownerWait = await throttled(accounts.login({ login: 'steady', password: 'the owner knows this 3', address: '198.51.100.3' }));
    assert.ok(ownerWait <= 300, `the owner waits at most 5 minutes (${ownerWait} s)`);
    clock += ownerWait * SECOND;
    assert.ok(await accounts.login({ login: 'steady', password: 'the owner knows this 3', address: '198.51.100.3' }));
  });

  test('an address the owner logged in from lately skips the account-wide delay; its own lock still applies', async () => {
    clock += 60 * MINUTE;
    await person('trusted', 'the owner knows this 4');
    const home = '198.51.100.4';
    assert.ok(await accounts.login({ login: 'trusted', password: 'the owner knows this 4', address: home }));
    await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(accounts.login({ login: 'trusted', password: `guess ${i}`, address: `10.40.0.${i}` }))));
    assert.ok(await throttled(accounts.login({ login: 'trusted', password: 'the owner knows this 4', address: '198.51.100.44' })) > 0, 'a new address waits');
    assert.ok(await accounts.login({ login: 'trusted', password: 'the owner knows this 4', address: home }), 'home does not');

    passwords.evaluations = 0;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => outcome(accounts.login({ login: 'trusted', password: `typo ${i}`, address: home }))));
    assert.deepEqual(tally(results), { failed: 5, throttled: 35, ok: 0 });
    assert.equal(passwords.evaluations, 5);
  });

  test('failures fifteen quiet minutes after the end of a lock are forgotten, not before', async () => {
    clock += 60 * MINUTE;
    await person('ladder', 'the owner knows this 5');
    const address = '203.0.113.5';
    for (let i = 0; i < 5; i++) await outcome(accounts.login({ login: 'ladder', password: `guess ${i}`, address }));
    clock += 61 * SECOND;
    for (let i = 0; i < 4; i++) {
      assert.equal(await outcome(accounts.login({ login: 'ladder', password: 'again', address })), 'failed');
      const wait = await throttled(accounts.login({ login: 'ladder', password: 'again', address }));
      assert.equal(wait, 2 ** (i + 1) * 60, 'each try after a lock doubles it');
      clock += wait * SECOND + 14 * MINUTE;
    }
    clock += 60 * MINUTE;
    for (let i = 0; i < 4; i++) assert.equal(await outcome(accounts.login({ login: 'ladder', password: 'again', address })), 'failed');
    assert.ok(await accounts.login({ login: 'ladder', password: 'the owner knows this 5', address }), 'a quiet hour later the count started again');
  });

  test('two connection pools (as two processes) guessing at once still get 5 checks between them', { skip: kind === 'sqlite' ? 'one SQLite file is written by one connection at a time; in-process pools would only wait on each other' : false }, async () => {
    clock += 60 * MINUTE;
    await person('twoproc', 'the owner knows this 6');
    const second = await openDb(t.config);
    try {
      const other = createAccounts(createStore(second, testVault, () => clock), testVault, { now: () => clock, passwords });
      passwords.evaluations = 0;
      const address = '203.0.113.6';
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => outcome((i % 2 ? other : accounts).login({ login: 'twoproc', password: `guess ${i}`, address }))),
      );
      assert.deepEqual(tally(results), { failed: 5, throttled: 35, ok: 0 });
      assert.equal(passwords.evaluations, 5);
    } finally {
      await second.close();
    }
  });
});
