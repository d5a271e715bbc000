// Logging in and changing one's own password, with password guessing throttled per account and per
// client address (see throttle.ts). A wrong login and a wrong password look and take the same.
import type { AccountsContext } from './context.ts';
import type { Principal } from './principal.ts';
import { actorOf } from './principal.ts';
import { THROTTLE, lockMs } from './throttle.ts';
import { accountDisabled, loginFailed, loginThrottled, samePassword, wrongCurrentPassword } from './errors.ts';
import { checkNewPassword, normaliseLogin } from './credentials.ts';
import { hashSessionId, openSession, userPrincipal, type OpenedSession } from './sessions.ts';
import { hashPassword, needsRehash, verifyDecoy, verifyPassword } from '../security/passwords.ts';

export interface LoginAttempt {
  login: string;
  password: string;
  /** The client's address, for the per-address count (only a keyed hash of it is stored). */
  address: string;
}

export interface LoggedIn {
  principal: Principal & { kind: 'user' };
  session: OpenedSession;
}

const accountKey = (ctx: AccountsContext, login: string) => `account:${ctx.keyedHash(`login-throttle:account:${login}`)}`;
const addressKey = (ctx: AccountsContext, address: string) => `address:${ctx.keyedHash(`login-throttle:address:${address}`)}`;

async function refuseIfLocked(ctx: AccountsContext, keys: string[]): Promise<void> {
  const until = await ctx.accounts.lockedUntil(keys);
  if (until !== null) throw loginThrottled(until - ctx.now());
}

/** Counts a failure on each key and locks those that reached their threshold. */
async function countFailure(ctx: AccountsContext, keys: { key: string; threshold: number }[]): Promise<void> {
  for (const { key, threshold } of keys) {
    const failures = await ctx.accounts.recordFailure(key, THROTTLE.windowMs);
    const ms = lockMs(failures, threshold);
    if (ms !== null) await ctx.accounts.lock(key, ctx.now() + ms);
  }
}

export async function login(ctx: AccountsContext, attempt: LoginAttempt): Promise<LoggedIn> {
  const name = normaliseLogin(attempt.login);
  const account = accountKey(ctx, name);
  const address = addressKey(ctx, attempt.address);
  await refuseIfLocked(ctx, [account, address]);

  const user = name ? await ctx.accounts.userByLogin(name) : undefined;
  const ok = user ? await verifyPassword(user.password_hash, attempt.password) : await verifyDecoy(attempt.password);
  if (!user || !ok) {
    await countFailure(ctx, [
      { key: account, threshold: THROTTLE.accountFailures },
      { key: address, threshold: THROTTLE.addressFailures },
    ]);
    if (user) await ctx.audit.append({ actor: 'anonymous', action: 'session.login_failed', target: `user:${user.id}` });
    throw loginFailed();
  }
  // Said only to someone who knows the password: a guesser learns nothing about disabled accounts.
  if (user.disabled_at !== null) throw accountDisabled();

  await ctx.accounts.clearFailures(account);
  if (needsRehash(user.password_hash)) await ctx.accounts.rehash(user.id, await hashPassword(attempt.password));
  await ctx.accounts.purgeSessions(ctx.sessions.idleMs);
  const session = await openSession(ctx, user.id);
  await ctx.accounts.recordLogin(user.id);
  const principal = userPrincipal(user, session.id) as Principal & { kind: 'user' };
  await ctx.audit.append({ actor: actorOf(principal), action: 'session.login', target: `user:${user.id}` });
  return { principal, session };
}

/**
 * A person changes their own password: the current one is checked (and a wrong one counted like a
 * failed login), the new one must pass the policy, and every other session of theirs ends.
 */
export async function changePassword(ctx: AccountsContext, who: Principal & { kind: 'user' }, current: string, next: string): Promise<void> {
  const account = accountKey(ctx, who.login);
  await refuseIfLocked(ctx, [account]);
  const user = await ctx.accounts.userById(who.id);
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    await countFailure(ctx, [{ key: account, threshold: THROTTLE.accountFailures }]);
    throw wrongCurrentPassword();
  }
  if (next === current) throw samePassword();
  checkNewPassword(next, user.login);
  await ctx.accounts.setPassword(user.id, await hashPassword(next), false);
  await ctx.accounts.deleteUserSessions(user.id, hashSessionId(who.sessionId));
  await ctx.audit.append({ actor: actorOf(who), action: 'user.password.change', target: `user:${user.id}` });
}

/** An administrator's reset also lifts the account's lock: that is how a locked-out person gets back in. */
export async function clearAccountLock(ctx: AccountsContext, login: string): Promise<void> {
  await ctx.accounts.clearFailures(accountKey(ctx, login));
}
