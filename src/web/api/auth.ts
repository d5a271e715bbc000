// Who may call /api/v1, decided before the body is read (a viewer's 100 MB upload is refused unread).
//
// THE RULE FOR ROUTE AUTHORS: every route declares the role it needs in its options,
//     r.post('/things', { config: { role: 'admin' }, schema: … }, handler)
// with role 'viewer' (reads), 'operator' (campaign work: create, import, preview, send, pause, resume,
// cancel, inbox replies, exports — exports carry personal data, so they are operator even as GET),
// 'admin' (users, API keys, routes, organisation settings, audit) or 'public' (no login at all).
// Undeclared, a GET/HEAD needs viewer and anything else needs operator: so an admin-only route, or a
// GET that exports personal data, MUST say so. The hook also checks CSRF for cookie sessions and keeps
// a person who logged in with a one-time password to the routes marked `beforePasswordChange: true`.
//
// Credentials: `Authorization: Bearer <api key>` or `X-API-Key: <api key>` (programs; no cookies, no
// CSRF token), or the session cookie `todoku_session` set by POST /api/v1/session (people). A
// state-changing request on a session must echo the CSRF token: header `X-CSRF-Token`, or the hidden
// field `_csrf` of an HTML form (application/x-www-form-urlencoded). The handler finds who it is in
// `req.principal` and the audit log's actor in `req.actor`.
import fastifyFormbody from '@fastify/formbody';
import type {} from '@fastify/cookie';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { TodokuError } from '../../core/errors.ts';
import type { ApiKeyStore } from '../../store/api-keys.ts';
import type { Accounts } from '../../accounts/accounts.ts';
import { allows, type Role } from '../../accounts/roles.ts';
import { actorOf, type Principal } from '../../accounts/principal.ts';
import { forbidden, passwordChangeRequired } from '../../accounts/errors.ts';
import { CSRF_FIELD, CSRF_HEADER, csrfMatches, isSafeMethod } from '../../security/csrf.ts';

export type RouteRole = Role | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    actor: string;
    principal: Principal;
    /** A form post whose CSRF field is checked once its body is parsed. */
    csrfFromForm?: boolean;
  }
  interface FastifyContextConfig {
    /** Who may call the route; see the rule at the top of src/web/api/auth.ts. */
    role?: RouteRole;
    /** Open to a person who must still replace their one-time password (session and password routes). */
    beforePasswordChange?: boolean;
  }
}

export const SESSION_COOKIE = 'todoku_session';

/** The role a route needs: declared, else viewer for reads and operator for everything else. */
export function requiredRole(method: string, config: FastifyContextConfig | undefined): RouteRole {
  return config?.role ?? (method === 'GET' || method === 'HEAD' ? 'viewer' : 'operator');
}

export function keyFrom(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const x = req.headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : undefined;
}

/** The words programs have always seen for a bad key; a person's expired session gets their own. */
function unauthorized(why: 'key' | 'session' | 'none'): TodokuError {
  if (why === 'session') {
    return new TodokuError('TODOKU_E_UNAUTHORIZED', { ja: 'ログインの有効期限が切れました。もう一度ログインしてください', en: 'the login session has ended: log in again' });
  }
  return new TodokuError('TODOKU_E_UNAUTHORIZED', {
    ja: why === 'key' ? 'APIキーが必要です（無効または失効したキー）' : 'APIキーが必要です（またはログインしてください）',
    en: why === 'key' ? 'a valid API key is required' : 'a valid API key is required (or log in)',
  });
}

function csrfRefused(): TodokuError {
  return new TodokuError('TODOKU_E_CSRF', {
    ja: 'CSRFトークンがないか正しくありません。ページを再読み込みしてからやり直してください',
    en: 'missing or wrong CSRF token: reload the page and try again',
  });
}

async function authenticate(req: FastifyRequest, keys: ApiKeyStore, accounts: Accounts): Promise<Principal> {
  const secret = keyFrom(req);
  if (secret !== undefined) {
    const key = secret ? await keys.verify(secret) : undefined;
    if (!key) throw unauthorized('key');
    return { kind: 'apikey', id: key.id, name: key.name, role: key.role };
  }
  const sessionId = req.cookies?.[SESSION_COOKIE];
  const person = sessionId ? await accounts.resolveSession(sessionId) : undefined;
  if (!person) throw unauthorized(sessionId ? 'session' : 'none');
  return person;
}

const isUrlEncodedForm = (req: FastifyRequest) => (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

/** Installs authentication, roles and CSRF on an encapsulated scope (the /api/v1 plugin). */
export async function installAuth(api: FastifyInstance, deps: { apiKeys: ApiKeyStore; accounts: Accounts }): Promise<void> {
  // HTML forms may post to the API with the token in a hidden field; parse them here unless the
  // server already does.
  if (!api.hasContentTypeParser('application/x-www-form-urlencoded')) await api.register(fastifyFormbody);

  api.addHook('onRequest', async (req) => {
    const config = req.routeOptions.config;
    const required = requiredRole(req.method, config);
    if (required === 'public') return;
    const principal = await authenticate(req, deps.apiKeys, deps.accounts);
    req.principal = principal;
    req.actor = actorOf(principal);
    if (principal.kind !== 'user') {
      if (!allows(principal.role, required)) throw forbidden(required);
      return;
    }
    if (!isSafeMethod(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header === 'string') {
        if (!csrfMatches(principal.sessionId, header)) throw csrfRefused();
      } else if (isUrlEncodedForm(req)) {
        req.csrfFromForm = true;
      } else {
        throw csrfRefused();
      }
    }
    if (principal.mustChangePassword && !config?.beforePasswordChange) throw passwordChangeRequired();
    if (!allows(principal.role, required)) throw forbidden(required);
  });

  api.addHook('preValidation', async (req) => {
    if (!req.csrfFromForm || req.principal.kind !== 'user') return;
    const body = req.body as Record<string, unknown> | undefined;
    const field = body?.[CSRF_FIELD];
    if (typeof field !== 'string' || !csrfMatches(req.principal.sessionId, field)) throw csrfRefused();
  });
}
