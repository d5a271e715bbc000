// CSRF tokens for cookie sessions (double submit, bound to the session): the token is a hash of the
// session id, sent to the browser in a readable cookie (`todoku_csrf`) and echoed back by the page in
// the `X-CSRF-Token` header or a form's hidden `_csrf` field. Another site can make the browser send
// the cookies, but cannot read them, so it cannot echo the token; and a token planted in the cookie by
// a sibling subdomain does not match the session it would have to ride on.
import { createHash, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'todoku_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

/** The session's CSRF token. One-way: the token, readable by scripts, does not reveal the session id. */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update('todoku-csrf\0').update(sessionId).digest('base64url');
}

/** Whether `given` is this session's token (constant time). */
export function csrfMatches(sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Methods that change nothing; everything else needs the token when a cookie authenticates it. */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}
