// Whether a pasted link leads to one of our link bases. The link is read the way a phone's browser
// reads it (WHATWG URL, after NFKC turns full-width characters into ASCII), and it is ours only when its
// scheme, host and port are exactly those of a base: a look-alike (another TLD, our name as a subdomain
// of theirs, `ours@theirs`, an IDN homograph, http for https) is simply another host. Pure: no I/O.

/** A link base taken apart: the origin it must match and the path its codes follow. */
export interface LinkBase {
  /** `https://host[:port]`, host lower-cased, punycode, without a trailing dot. */
  origin: string;
  /** The path before the code, without a trailing slash ('' for a base at the root). */
  path: string;
}

/** Where a pasted link leads: one of our bases (and the path after it), or somewhere else. */
export type LinkPlace = { ours: true; rest: string } | { ours: false; host: string | null };

// A scheme, but not `host:port` (`localhost:3000/l/…` has no scheme: the browser would add https).
const SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/iu;

/** The text as a URL the way a browser's address bar would take it, or null when it cannot be one. */
export function readLink(raw: string): URL | null {
  const text = raw.normalize('NFKC').trim();
  if (text === '' || /\s/u.test(text)) return null;
  const withScheme = SCHEME.test(text) ? text : text.startsWith('//') ? `https:${text}` : `https://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/**
 * `scheme://host[:port]` of a link, or null when no base of ours can be it: credentials in it (a link
 * we send never has any, and `ours.example@evil.test` is the classic disguise) or not http(s).
 */
export function originOf(url: URL): string | null {
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // WHATWG already lower-cases and writes IDN hosts as punycode; one trailing dot names the same host.
  const host = url.hostname.toLowerCase().replace(/\.$/u, '');
  if (host === '') return null;
  return `${url.protocol}//${host}${url.port === '' ? '' : `:${url.port}`}`;
}

/** A configured base (TODOKU_LINK_BASE, an official old domain) taken apart; null when it is not a usable base. */
export function linkBaseOf(base: string): LinkBase | null {
  let url: URL;
  try {
    url = new URL(base.normalize('NFKC').trim());
  } catch {
    return null;
  }
  const origin = originOf(url);
  if (origin === null || url.search !== '' || url.hash !== '') return null;
  return { origin, path: url.pathname.replace(/\/+$/u, '') };
}

/** Whether `url` leads to one of `bases`, and if so the path after the base (`AbC12dEf34G/verify`, or ''). */
export function placeLink(url: URL, bases: readonly LinkBase[]): LinkPlace {
  const origin = originOf(url);
  const mine = origin === null ? [] : bases.filter((b) => b.origin === origin);
  if (mine.length === 0) {
    // The host shown to the person is the one the browser would go to (punycode for an IDN); with
    // credentials in the link it is left out, since the text before `@` is the disguise.
    const host = url.username !== '' || url.password !== '' ? null : url.hostname || null;
    return { ours: false, host };
  }
  for (const b of mine) {
    if (url.pathname.startsWith(`${b.path}/`)) return { ours: true, rest: url.pathname.slice(b.path.length + 1) };
  }
  return { ours: true, rest: '' };
}

/** The host a base's links use, as people should compare it (`t.toto-u.ac.jp`, or `host:port`). */
export function hostOfBase(base: string): string {
  const b = linkBaseOf(base);
  return b ? b.origin.replace(/^https?:\/\//u, '') : base;
}
