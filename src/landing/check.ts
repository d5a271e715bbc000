// ★ Anti-smishing (なりすまし確認): someone pastes a sender number, or the link or code from an SMS,
// and learns whether it really came from the organisation. A code that is ours says only when it
// was sent; nothing about whom to. A pasted link is ours only when it leads to one of our link bases
// (core/link-origin.ts): a real code on a look-alike host is a warning, never a "yes", and is not even
// looked up, so the answer cannot tell whether the code exists.
import { LINK_CODE } from './policy.ts';
import { linkBaseOf, placeLink, readLink, type LinkBase } from '../core/link-origin.ts';

export type CheckInput =
  /** A code typed or pasted alone: it may be looked up, but no host vouches for it. */
  | { kind: 'code'; code: string }
  /** A link that leads to one of our link bases. */
  | { kind: 'link'; code: string }
  /** A link that leads anywhere else; `host` as the browser would go there, null when disguised by credentials. */
  | { kind: 'foreign'; host: string | null }
  | { kind: 'sender'; sender: string }
  | { kind: 'unreadable' };

export type CheckResult =
  | { kind: 'sender'; sender: string; official: boolean }
  /** `bare`: the code came without a host, so the answer names the domain the genuine link uses. */
  | { kind: 'code'; found: true; sentAt: number | null; bare: boolean }
  | { kind: 'code'; found: false }
  | { kind: 'foreign'; host: string | null }
  | { kind: 'unreadable' }
  /** The address's guessing budget ran out in a burst that passed the check before the lookup. */
  | { kind: 'blocked'; retryAfterSeconds: number };

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

/** Our link bases (the server's, the one shown on /verify, older official ones), those that can be read. */
export function ourLinkBases(bases: readonly string[]): LinkBase[] {
  return bases.map(linkBaseOf).filter((b): b is LinkBase => b !== null);
}

/** Text meant as a link rather than a code or a sender: a path, credentials, a scheme, or a host name alone. */
function looksLikeLink(text: string): boolean {
  return /[/\\@]/u.test(text) || /^[a-z][a-z0-9+.-]*:(?!\d)/iu.test(text) || /\.\p{L}[\p{L}\p{N}-]+\.?(:\d+)?$/iu.test(text);
}

export function classifyCheckInput(raw: string, bases: readonly LinkBase[]): CheckInput {
  const text = raw.normalize('NFKC').trim();
  if (text === '' || text.length > 300) return { kind: 'unreadable' };
  if (text.startsWith('/') && !text.startsWith('//')) {
    // A path without a host (`/l/AbC…`): nothing vouches for it, as for a bare code.
    const last = text.split(/[?#]/u)[0]!.split('/').filter(Boolean).pop() ?? '';
    return LINK_CODE.test(last) ? { kind: 'code', code: last } : { kind: 'unreadable' };
  }
  if (looksLikeLink(text)) {
    const url = readLink(text);
    if (!url) return { kind: 'unreadable' };
    const place = placeLink(url, bases);
    if (!place.ours) return { kind: 'foreign', host: place.host };
    // On our host the code is the segment right after the base's path (`/l/AbC…/verify` included).
    const code = place.rest.split('/')[0] ?? '';
    return LINK_CODE.test(code) ? { kind: 'link', code } : { kind: 'unreadable' };
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
