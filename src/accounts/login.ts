// Logging in and changing one's own password. Each try is counted before the password is checked
// (throttle.ts has the rule), so a burst of parallel guesses gets no more checks than the rule allows.
// A wrong login and a wrong password look and take the same.
import type { AccountsContext } from './context.ts';
import type { Principal } from './principal.ts';
import { actorOf } from './principal.ts';
import { loginCounters, passwordChangeCounters, pruneCounters, refund, reserveTry } from './login-tries.ts';
import { accountDisabled, loginFailed, samePassword, wrongCurrentPassword } from './errors.ts';
import { checkNewPassword, normaliseLogin } from './credentials.ts';
import { hashSessionId, openSession, userPrincipal, type OpenedSession } from './sessions.ts';
import { hashPassword, needsRehash } from '../security/passwords.ts';

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

export async function login(ctx: AccountsContext, attempt: LoginAttempt): Promise<LoggedIn> {
  const name = normaliseLogin(attempt.login);
  const spent = await reserveTry(ctx, loginCounters(ctx, name, attempt.address));

  const user = name ? await ctx.accounts.userByLogin(name) : undefined;
  const ok = user ? await ctx.passwords.verify(user.password_hash, attempt.password) : await ctx.passwords.decoy(attempt.password);
  if (!user || !ok) {
    await pruneCounters(ctx);
    if (user) await ctx.audit.append({ actor: 'anonymous', action: 'session.login_failed', target: `user:${user.id}` });
    throw loginFailed();
  }
  await refund(ctx, spent);
  // Said only to someone who knows the password: a guesser learns nothing about disabled accounts.
  if (user.disabled_at !== null) throw accountDisabled();

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
  const spent = await reserveTry(ctx, passwordChangeCounters(ctx, who.id, who.login));
  const user = await ctx.accounts.userById(who.id);
  if (!user || !(await ctx.passwords.verify(user.password_hash, current))) throw wrongCurrentPassword();
  await refund(ctx, spent);
  if (next === current) throw samePassword();
  checkNewPassword(next, user.login);
  await ctx.accounts.setPassword(user.id, await hashPassword(next), false);
  await ctx.accounts.deleteUserSessions(user.id, hashSessionId(who.sessionId));
  await ctx.audit.append({ actor: actorOf(who), action: 'user.password.change', target: `user:${user.id}` });
}
