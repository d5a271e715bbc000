// Finding links in SMS text: with a scheme (https://…) or bare (example.com/pay, www.example.jp), the way
// a phone makes them tappable. Bare names count only with a known top-level domain or www., so words such
// as "Node.js" or "ver.2" are not links.
import type { Span } from './span.ts';

export interface Link extends Span {
  /** As written (after width folding). */
  url: string;
  /** Lower case, without port or trailing dot; '' when it cannot be read. */
  host: string;
}

// Japanese text often follows a URL without a space, so a URL is ASCII only and stops at the first other character.
const URL_CHARS = "[A-Za-z0-9\\-._~:/?#@!$&*+,;=%]";
const WITH_SCHEME = new RegExp(`https?://${URL_CHARS}*`, 'gi');
const BARE = new RegExp(
  `(?<![A-Za-z0-9@.\\-/])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+([A-Za-z]{2,24})(?![A-Za-z0-9-])(?::\\d{1,5})?(?:/${URL_CHARS}*)?`,
  'g',
);
// Look-alike domains in other scripts: a scheme followed straight away by letters that are not ASCII.
const NON_ASCII_HOST = new RegExp(`^[\\p{L}\\p{N}.-]+(?::\\d{1,5})?(?:/${URL_CHARS}*)?`, 'u');

/** Top-level domains common enough in SMS links to count without a scheme. */
const BARE_TLDS = new Set([
  'com', 'net', 'org', 'info', 'biz', 'jp', 'io', 'co', 'me', 'ly', 'gl', 'gd', 'to', 'cc', 'tv', 'xyz', 'top',
  'site', 'online', 'app', 'dev', 'link', 'page', 'us', 'uk', 'cn', 'ru', 'tk', 'ml', 'ga', 'cf', 'gq', 'kr',
  'tw', 'hk', 'sg', 'de', 'fr', 'in', 'au', 'ca', 'nz', 'icu', 'club', 'shop', 'store', 'vip', 'work', 'live',
  'life', 'cloud', 'tech', 'pw', 'ws', 'su', 'at', 'id', 'nu', 'gy', 'sh', 'im', 'li', 'is',
]);

const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

export function hostOf(url: string): string {
  try {
    const withScheme = /^https?:\/\//i.test(url) ? url : `http://${url}`;
    return new URL(withScheme).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return '';
  }
}

export function findLinks(text: string): Link[] {
  const links: Link[] = [];
  for (const m of text.matchAll(WITH_SCHEME)) {
    let url = m[0].replace(TRAILING_PUNCTUATION, '');
    let host = hostOf(url);
    if (host === '' && /^https?:\/\/$/i.test(url)) {
      const idn = (NON_ASCII_HOST.exec(text.slice(m.index + url.length))?.[0] ?? '').replace(TRAILING_PUNCTUATION, '');
      url += idn;
      host = idn === '' ? '' : hostOf(url);
    }
    links.push({ url, host, start: m.index, end: m.index + url.length });
  }
  const taken = (at: number): boolean => links.some((l) => at >= l.start && at < l.end);
  for (const m of text.matchAll(BARE)) {
    if (taken(m.index)) continue;
    const url = m[0].replace(TRAILING_PUNCTUATION, '');
    const tld = (m[1] ?? '').toLowerCase();
    if (!BARE_TLDS.has(tld) && !/^www\./i.test(url)) continue;
    links.push({ url, host: hostOf(url), start: m.index, end: m.index + url.length });
  }
  return links.sort((a, b) => a.start - b.start);
}
