// ★ Anti-smishing (なりすまし確認): someone pastes a sender number, or the link or code from an SMS,
// and learns whether it really came from the organisation. A code that is ours says only when it
// was sent; nothing about whom to.
import { LINK_CODE } from './policy.ts';

export type CheckInput =
  | { kind: 'code'; code: string }
  | { kind: 'sender'; sender: string }
  | { kind: 'unreadable' };

export type CheckResult =
  | { kind: 'sender'; sender: string; official: boolean }
  | { kind: 'code'; found: true; sentAt: number | null }
  | { kind: 'code'; found: false }
  | { kind: 'unreadable' };

/** Digits of a phone-like sender with a Japanese +81 / 81 prefix written as 0; else letters and digits upper-cased. */
export function senderKey(raw: string): string {
  const text = raw.normalize('NFKC').trim();
  if (/^[+\d\s()\-‐−ー]+$/u.test(text)) {
    const digits = text.replace(/\D/gu, '');
    if (text.startsWith('+81') || (digits.startsWith('81') && digits.length >= 11)) return `0${digits.slice(2)}`;
    return digits;
  }
  return text.replace(/[^0-9A-Za-z]/gu, '').toUpperCase();
}

export function classifyCheckInput(raw: string): CheckInput {
  const text = raw.normalize('NFKC').trim();
  if (text === '' || text.length > 300) return { kind: 'unreadable' };
  if (text.includes('/')) {
    // A pasted link: the code is its last path segment.
    const path = text.split(/[?#]/u)[0]!;
    const last = path.split('/').filter(Boolean).pop() ?? '';
    return LINK_CODE.test(last) ? { kind: 'code', code: last } : { kind: 'unreadable' };
  }
  // An all-digit string is a phone number (070…, 11 digits too), not a code.
  if (LINK_CODE.test(text) && !/^\d+$/u.test(text)) return { kind: 'code', code: text };
  const key = senderKey(text);
  return key === '' ? { kind: 'unreadable' } : { kind: 'sender', sender: text };
}

export function isOfficialSender(sender: string, official: readonly string[]): boolean {
  const key = senderKey(sender);
  return key !== '' && official.some((o) => senderKey(o) === key);
}
