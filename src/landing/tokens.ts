// The landing pages' secrets, all keyed MACs from the vault: the session cookie (stateless, bound to
// one link, a generation that a lock or unlock bumps, and an expiry), the CSRF form token
// (double-submit: bound to a random per-browser nonce cookie and to the link), the constant-time
// answer comparison, and the keyed hash that stands for an IP address.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Vault } from '../security/vault.ts';

export interface Tokens {
  session(code: string, messageId: number, generation: number, expiresAt: number): string;
  /** The session's expiry when the cookie is valid for this link and generation now, else null. */
  checkSession(cookie: string | undefined, code: string, messageId: number, generation: number, now: number): number | null;
  newNonce(): string;
  csrf(scope: string, nonce: string): string;
  checkCsrf(scope: string, nonce: string | undefined, token: string | undefined): boolean;
  /** Equal answers compare equal in time independent of where they differ (MACs of equal length). */
  sameAnswer(given: string, expected: string): boolean;
  ipHash(ip: string): string;
}

const mac = (vault: Vault, purpose: string, value: string) => vault.derive(purpose, value, 18).toString('base64url');

function equalStrings(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createTokens(vault: Vault): Tokens {
  const sessionMac = (code: string, messageId: number, generation: number, expiresAt: number) =>
    mac(vault, 'landing/session', `${code}|${messageId}|${generation}|${expiresAt}`);
  return {
    session(code, messageId, generation, expiresAt) {
      return `${expiresAt.toString(36)}.${sessionMac(code, messageId, generation, expiresAt)}`;
    },
    checkSession(cookie, code, messageId, generation, now) {
      if (!cookie) return null;
      const [exp, given, ...rest] = cookie.split('.');
      if (!exp || !given || rest.length > 0) return null;
      const expiresAt = parseInt(exp, 36);
      if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) return null;
      return equalStrings(given, sessionMac(code, messageId, generation, expiresAt)) ? expiresAt : null;
    },
    newNonce() {
      return randomBytes(16).toString('base64url');
    },
    csrf(scope, nonce) {
      return mac(vault, 'landing/csrf', `${scope}|${nonce}`);
    },
    checkCsrf(scope, nonce, token) {
      if (!nonce || !token) return false;
      return equalStrings(token, mac(vault, 'landing/csrf', `${scope}|${nonce}`));
    },
    sameAnswer(given, expected) {
      return timingSafeEqual(vault.derive('landing/answer', given, 32), vault.derive('landing/answer', expected, 32));
    },
    ipHash(ip) {
      return vault.derive('landing/ip', ip, 16).toString('hex');
    },
  };
}
