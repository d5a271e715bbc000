// /api/v1/session: log in (sets the HttpOnly session cookie and the readable CSRF cookie), log out,
// who am I, change my password. The console calls these; programs use API keys instead.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { Accounts } from '../../accounts/accounts.ts';
import type { OpenedSession } from '../../accounts/sessions.ts';
import { TodokuError } from '../../core/errors.ts';
import { CSRF_COOKIE, csrfTokenFor } from '../../security/csrf.ts';
import { SESSION_COOKIE } from './auth.ts';
import { roleSchema, toUserView, userView } from './user-views.ts';
import { userNotFound } from '../../accounts/errors.ts';

export interface SessionDeps {
  accounts: Accounts;
}

const tags = ['session'];

function setCookies(req: FastifyRequest, reply: FastifyReply, session: OpenedSession): void {
  // Secure whenever the browser reached us over TLS: directly, or through a proxy of TODOKU_TRUST_PROXY
  // saying X-Forwarded-Proto (from any other client that header is ignored).
  const base = { path: '/', sameSite: 'lax' as const, secure: req.protocol === 'https', expires: new Date(session.expiresAt) };
  reply.setCookie(SESSION_COOKIE, session.id, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfTokenFor(session.id), { ...base, httpOnly: false });
}

function clearCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

function jsonOnly(): TodokuError {
  return new TodokuError('TODOKU_E_LOGIN_FORM', { ja: 'ログインはJSONで送ってください', en: 'log in with a JSON body' });
}

function notAPerson(): TodokuError {
  return new TodokuError('TODOKU_E_NOT_A_PERSON', { ja: 'APIキーにはパスワードがありません（ログインしたユーザーの操作です）', en: 'API keys have no password: this is for logged-in people' });
}

export function sessionRoutes(app: FastifyInstance, deps: SessionDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { accounts } = deps;

  r.post(
    '/session',
    {
      config: { role: 'public' },
      schema: {
        tags,
        summary: 'Log in: sets the session cookie (HttpOnly) and the CSRF cookie; returns the CSRF token to send as X-CSRF-Token',
        security: [],
        body: z.object({ login: z.string().min(1).max(300), password: z.string().min(1).max(1024) }),
        response: { 200: z.object({ user: userView, csrfToken: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      // JSON only: another site's HTML form could otherwise log a browser into the attacker's account.
      if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) throw jsonOnly();
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await accounts.logout(previous);
      const { principal, session } = await accounts.login({ login: req.body.login, password: req.body.password, address: req.ip }).catch((err: unknown) => {
        if (err instanceof TodokuError && err.code === 'TODOKU_E_LOGIN_THROTTLED') {
          void reply.header('retry-after', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
        }
        throw err;
      });
      setCookies(req, reply, session);
      const user = await accounts.get(principal.id);
      if (!user) throw userNotFound(principal.id);
      return { user: toUserView(user), csrfToken: csrfTokenFor(session.id), expiresAt: new Date(session.expiresAt).toISOString() };
    },
  );

  r.delete('/session', { config: { role: 'viewer', beforePasswordChange: true }, schema: { tags, summary: 'Log out: ends the session and clears its cookies', response: { 204: noContent } } }, async (req, reply) => {
    if (req.principal.kind === 'user') await accounts.logout(req.principal.sessionId);
    clearCookies(reply);
    return reply.status(204).send(null);
  });

  r.get(
    '/session/me',
    {
      config: { role: 'viewer', beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Who is calling: the logged-in person (with the CSRF token) or the API key, and the role',
        response: {
          200: z.object({
            kind: z.enum(['user', 'apikey']),
            role: roleSchema,
            user: userView.optional(),
            csrfToken: z.string().optional(),
            apiKey: z.object({ id: z.number(), name: z.string() }).optional(),
          }),
        },
      },
    },
    async (req) => {
      const p = req.principal;
      if (p.kind === 'apikey') return { kind: 'apikey' as const, role: p.role, apiKey: { id: p.id, name: p.name } };
      const user = await accounts.get(p.id);
      if (!user) throw userNotFound(p.id);
      return { kind: 'user' as const, role: user.role, user: toUserView(user), csrfToken: csrfTokenFor(p.sessionId) };
    },
  );

  r.post(
    '/session/password',
    {
      config: { role: 'viewer', beforePasswordChange: true },
      schema: {
        tags,
        summary: 'Change my password (required after logging in with a one-time password); ends my other sessions',
        body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(2048) }),
        response: { 200: z.object({ user: userView }) },
      },
    },
    async (req) => {
      const p = req.principal;
      if (p.kind !== 'user') throw notAPerson();
      await accounts.changePassword(p, req.body.currentPassword, req.body.newPassword);
      const user = await accounts.get(p.id);
      if (!user) throw userNotFound(p.id);
      return { user: toUserView(user) };
    },
  );
}
