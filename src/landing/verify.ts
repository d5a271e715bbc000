// 本人認証: compares the recipient's answer with their row in constant time. A try is reserved before
// the comparison (so parallel guesses cannot exceed the limit); the fifth wrong answer locks the page
// and ends its sessions; the right one gives the try back and opens a short session for this link.
import type { Store } from '../store/index.ts';
import type { Tokens } from './tokens.ts';
import type { ConfiguredTarget } from './resolve.ts';
import { expectedAnswer, givenAnswer } from './answers.ts';
import { MAX_FAILED_ATTEMPTS, SESSION_TTL_MS } from './policy.ts';

export type VerifyOutcome =
  | { outcome: 'verified'; session: string; expiresAt: number }
  | { outcome: 'wrong'; remaining: number }
  /** This answer was the last wrong one allowed: the page is locked now. */
  | { outcome: 'locked' }
  /** The page was locked already: refused, even if the answer was right. */
  | { outcome: 'refused' }
  /** Not in the method's form (e.g. no such date): no try spent. */
  | { outcome: 'invalid' }
  /** The list has no usable answer for this recipient: nobody can verify; no try spent. */
  | { outcome: 'unavailable' };

export interface VerifyDeps {
  store: Store;
  tokens: Tokens;
  now: () => number;
}

export async function verifyIdentity(deps: VerifyDeps, code: string, target: ConfiguredTarget, input: string): Promise<VerifyOutcome> {
  const { store, tokens, now } = deps;
  const rule = { method: target.landing.method, digits: target.landing.digits };
  const given = givenAnswer(rule, input);
  if (given === undefined) return { outcome: 'invalid' };
  const recipient = (await store.recipients.byIds([target.recipientId])).get(target.recipientId);
  const expected = expectedAnswer(rule, recipient?.fields[target.landing.column]);
  if (expected === undefined) return { outcome: 'unavailable' };

  const used = await store.landing.reserveAttempt(target.messageId, MAX_FAILED_ATTEMPTS);
  if (used === null) return { outcome: 'refused' };
  if (tokens.sameAnswer(given, expected)) {
    await store.landing.markVerified(target.messageId);
    const expiresAt = now() + SESSION_TTL_MS;
    return { outcome: 'verified', expiresAt, session: tokens.session(code, target.messageId, target.sessionGeneration, expiresAt) };
  }
  if (used >= MAX_FAILED_ATTEMPTS) {
    await store.landing.lock(target.messageId);
    return { outcome: 'locked' };
  }
  return { outcome: 'wrong', remaining: MAX_FAILED_ATTEMPTS - used };
}
