// Administrators manage people: create (with a one-time password unless they set one), change role or
// name, disable or enable, reset a password. There is always at least one active administrator.
import type { AccountsContext } from './context.ts';
import type { Role } from './roles.ts';
import type { User } from '../store/schema-accounts.ts';
import { checkLogin, checkNewPassword, normaliseLogin } from './credentials.ts';
import { lastAdministrator, loginTaken, userNotFound } from './errors.ts';
import { clearAccountLock } from './login-tries.ts';
import { hashPassword, oneTimePassword } from '../security/passwords.ts';

export interface NewAccount {
  login: string;
  displayName?: string;
  role: Role;
  /** Unset: a one-time password is generated, returned once, and must be changed at first login. */
  password?: string;
}

export interface CreatedAccount {
  user: User;
  oneTimePassword: string | null;
}

export async function createAccount(ctx: AccountsContext, actor: string, a: NewAccount): Promise<CreatedAccount> {
  const login = normaliseLogin(a.login);
  checkLogin(login);
  if (a.password !== undefined) checkNewPassword(a.password, login);
  const otp = a.password === undefined ? oneTimePassword() : null;
  const user = await ctx.accounts.createUser({
    login,
    displayName: a.displayName?.trim() || login,
    role: a.role,
    passwordHash: await hashPassword(a.password ?? otp!),
    mustChangePassword: otp !== null,
  });
  if (!user) throw loginTaken(login);
  await ctx.audit.append({ actor, action: 'user.create', target: `user:${user.id}`, details: { role: user.role } });
  return { user, oneTimePassword: otp };
}

export interface AccountChange {
  role?: Role;
  displayName?: string;
  disabled?: boolean;
}

export async function changeAccount(ctx: AccountsContext, actor: string, id: number, change: AccountChange): Promise<User> {
  const user = await ctx.accounts.userById(id);
  if (!user) throw userNotFound(id);
  const losesAdmin = user.role === 'admin' && user.disabled_at === null && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await ctx.accounts.countOtherActiveAdmins(id)) === 0) throw lastAdministrator();
  const updated = await ctx.accounts.updateUser(id, change);
  if (!updated) throw userNotFound(id);
  if (change.disabled === true) await ctx.accounts.deleteUserSessions(id);
  await ctx.audit.append({ actor, action: 'user.update', target: `user:${id}`, details: { ...change } });
  return updated;
}

/** A new one-time password: every session of the person ends and their login lock is lifted. */
export async function resetPassword(ctx: AccountsContext, actor: string, id: number): Promise<{ user: User; oneTimePassword: string }> {
  const user = await ctx.accounts.userById(id);
  if (!user) throw userNotFound(id);
  const otp = oneTimePassword();
  await ctx.accounts.setPassword(id, await hashPassword(otp), true);
  await ctx.accounts.deleteUserSessions(id);
  await clearAccountLock(ctx, user.login);
  await ctx.audit.append({ actor, action: 'user.password.reset', target: `user:${id}` });
  return { user: (await ctx.accounts.userById(id))!, oneTimePassword: otp };
}

/**
 * The demo started by `npm start`: with nobody to log in, an administrator `admin` with a one-time
 * password, which the caller prints once. Null when there are users already (or another process,
 * starting at the same moment, made them).
 */
export async function ensureFirstAdministrator(ctx: AccountsContext): Promise<{ login: string; password: string } | null> {
  if ((await ctx.accounts.countUsers()) > 0) return null;
  const otp = oneTimePassword();
  const user = await ctx.accounts.createUser({ login: 'admin', displayName: 'admin', role: 'admin', passwordHash: await hashPassword(otp), mustChangePassword: true });
  if (!user) return null;
  await ctx.audit.append({ actor: 'system', action: 'user.create', target: `user:${user.id}`, details: { role: 'admin', firstAdministrator: true } });
  return { login: user.login, password: otp };
}
