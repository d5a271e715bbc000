// How the recipient pages answer: the security headers every page carries (no script may run, no
// referrer leaks a link code, nothing personal is cached), the cookies (session per link, CSRF nonce,
// language) and the visitor's language and address.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang, Visitor } from '../../landing/landing.ts';
import type { Organisation } from '../../landing/organisation.ts';
import { randomBytes } from 'node:crypto';
import { html, trusted, type Html } from './html.ts';
import { frameOf } from './layout.ts';
import { escapeHtml } from '../../core/escape-html.ts';

export const SESSION_COOKIE = 'tdk_s';
export const NONCE_COOKIE = 'tdk_c';
export const LANG_COOKIE = 'tdk_lang';

/** No script source at all: even a rendering bug could not run injected script. */
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; form-action 'self' https:; base-uri 'none'; frame-ancestors 'none'";

export function securityHeaders(reply: FastifyReply): void {
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'no-referrer');
  void reply.header('x-frame-options', 'DENY');
  void reply.header('x-robots-tag', 'noindex, nofollow');
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('text/html')) void reply.header('content-security-policy', CSP);
}

/** The client's address is the socket's, or X-Forwarded-For's as far as TODOKU_TRUST_PROXY's proxies vouch for it. */
export function visitorOf(req: FastifyRequest): Visitor {
  return { ip: req.ip, userAgent: req.headers['user-agent'] };
}

const cookieOptions = (req: FastifyRequest, path: string, maxAgeSeconds?: number) => ({
  path,
  httpOnly: true,
  sameSite: 'lax' as const,
  // Behind a TLS-terminating proxy the protocol comes from X-Forwarded-Proto, believed only from the
  // proxies named in TODOKU_TRUST_PROXY (Fastify's trustProxy); from anyone else the socket decides.
  secure: req.protocol === 'https',
  ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
});

/** ?lang=en|ja switches and is remembered; otherwise Japanese. */
export function langOf(req: FastifyRequest, reply: FastifyReply): Lang {
  const asked = (req.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'en' || asked === 'ja') {
    void reply.setCookie(LANG_COOKIE, asked, cookieOptions(req, '/', 365 * 24 * 3600));
    return asked;
  }
  return req.cookies[LANG_COOKIE] === 'en' ? 'en' : 'ja';
}

export function setSession(req: FastifyRequest, reply: FastifyReply, base: string, token: string, ttlMs: number): void {
  void reply.setCookie(SESSION_COOKIE, token, cookieOptions(req, base, Math.floor(ttlMs / 1000)));
}

export function clearSession(req: FastifyRequest, reply: FastifyReply, base: string): void {
  if (req.cookies[SESSION_COOKIE] !== undefined) void reply.clearCookie(SESSION_COOKIE, cookieOptions(req, base));
}

/** The browser's CSRF nonce for a path, set if it has none yet. */
export function nonceFor(req: FastifyRequest, reply: FastifyReply, path: string, fresh: () => string): string {
  const existing = req.cookies[NONCE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{22}$/u.test(existing)) return existing;
  const nonce = fresh();
  void reply.setCookie(NONCE_COOKIE, nonce, cookieOptions(req, path));
  // Later reads in this request see it too.
  req.cookies[NONCE_COOKIE] = nonce;
  return nonce;
}

export function csrfInput(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export function formField(req: FastifyRequest, name: string, max = 1000): string | undefined {
  const body = req.body as Record<string, unknown> | undefined | null;
  const v = body && typeof body === 'object' ? body[name] : undefined;
  return typeof v === 'string' ? v.slice(0, max) : undefined;
}

export interface PageReply {
  lang: Lang;
  org: Organisation;
  selfPath: string;
}

/**
 * Marks where a page's notice goes: its bytes are spliced in there as the page is sent, so the notice's
 * own HTML (most of the page) is encoded once per campaign rather than on every view. Random per
 * process, so no text on the page (a list's cell, a setting) can contain it.
 */
export const NOTICE_SLOT = trusted(`<!--notice-${randomBytes(16).toString('hex')}-->`);

/** Sent as UTF-8 bytes (a string would be measured, then encoded, on every send); the frame is encoded once (layout.ts frameOf). */
export function sendPage(reply: FastifyReply, status: number, ctx: PageReply, view: { title: string; body: Html }, notice?: readonly Buffer[]): FastifyReply {
  const frame = frameOf(ctx.lang, ctx.org, view.title);
  const body = view.body.value;
  const at = notice ? body.indexOf(NOTICE_SLOT.value) : -1;
  const parts: (Buffer | string)[] =
    notice && at >= 0
      ? [frame.head, escapeHtml(ctx.selfPath), frame.mid, body.slice(0, at), ...notice, body.slice(at + NOTICE_SLOT.value.length), frame.tail]
      : [frame.head, escapeHtml(ctx.selfPath), frame.mid, body, frame.tail];
  return reply.status(status).type('text/html; charset=utf-8').send(joinBytes(parts));
}

/** The parts as one buffer, each string encoded straight into it (no buffer per string, no second copy). */
function joinBytes(parts: readonly (Buffer | string)[]): Buffer {
  let size = 0;
  for (const p of parts) size += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const p of parts) offset += typeof p === 'string' ? out.write(p, offset) : p.copy(out, offset);
  return out;
}
