// Resolving a short link: which message it is, and what its page may show right now: nothing (unknown
// code), whom to contact (expired, or not set up), a locked notice, or the identity check.
import type { LandingStore, LinkTarget } from '../store/landing.ts';
import { LINK_CODE, MAX_FAILED_ATTEMPTS } from './policy.ts';

export type ConfiguredTarget = LinkTarget & { landing: NonNullable<LinkTarget['landing']> };

export type LinkVisit =
  | { kind: 'unknown' }
  | { kind: 'expired'; target: LinkTarget }
  | { kind: 'unconfigured'; target: LinkTarget }
  | { kind: 'locked'; target: ConfiguredTarget }
  | { kind: 'ready'; target: ConfiguredTarget };

export function isExpired(target: LinkTarget, now: number): boolean {
  const at = target.landing?.expiresAt;
  return at !== null && at !== undefined && now >= at;
}

export function isLocked(target: LinkTarget): boolean {
  return target.lockedAt !== null || target.failedAttempts >= MAX_FAILED_ATTEMPTS;
}

export async function resolveLink(store: Pick<LandingStore, 'byCode'>, code: string, now: number): Promise<LinkVisit> {
  // A malformed code takes the same lookup as a well-formed unknown one: the same work, the same answer.
  const target = await store.byCode(LINK_CODE.test(code) ? code : code.slice(0, 16).replace(/./gu, '!'));
  if (!target) return { kind: 'unknown' };
  if (isExpired(target, now)) return { kind: 'expired', target };
  if (!target.landing) return { kind: 'unconfigured', target };
  const configured = target as ConfiguredTarget;
  return isLocked(target) ? { kind: 'locked', target: configured } : { kind: 'ready', target: configured };
}
