// Sessions: a random 256-bit id in an HttpOnly cookie, only its SHA-256 in the database. Each request
// finds the session with its user, so a role change or a disabled account applies to the next request.
import { createHash, randomBytes } from 'node:crypto';
import type { AccountsContext } from './context.ts';
import type { Principal } from './principal.ts';
import type { User } from '../store/schema-accounts.ts';

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

export interface OpenedSession {
  id: string;
  expiresAt: number;
}

export async function openSession(ctx: AccountsContext, userId: number): Promise<OpenedSession> {
  const id = randomBytes(32).toString('base64url');
  const t = ctx.now();
  const expiresAt = t + ctx.sessions.maxMs;
  await ctx.accounts.createSession({ id_hash: hashSessionId(id), user_id: userId, created_at: t, last_seen_at: t, expires_at: expiresAt });
  return { id, expiresAt };
}

/** The person behind a session cookie, or undefined when the session is unknown, over, or its account disabled. */
export async function resolveSession(ctx: AccountsContext, id: string): Promise<Principal | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const idHash = hashSessionId(id);
  const found = await ctx.accounts.activeSession(idHash, ctx.sessions.idleMs);
  if (!found) return undefined;
  if (found.user.disabled_at !== null) {
    await ctx.accounts.deleteSession(idHash);
    return undefined;
  }
  // One write a minute at most, not one per request: idle expiry needs no finer grain.
  if (ctx.now() - found.session.last_seen_at > Math.min(60_000, ctx.sessions.idleMs / 10)) await ctx.accounts.touchSession(idHash);
  return userPrincipal(found.user, id);
}

export function userPrincipal(user: User, sessionId: string): Principal {
  return { kind: 'user', id: user.id, login: user.login, displayName: user.display_name, role: user.role, mustChangePassword: user.must_change_password === 1, sessionId };
}

export async function closeSession(ctx: AccountsContext, id: string): Promise<void> {
  await ctx.accounts.deleteSession(hashSessionId(id));
}
