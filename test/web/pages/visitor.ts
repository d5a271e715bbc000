// A phone's browser, as far as HTTP goes: a cookie jar honouring paths, forms posted with their hidden
// CSRF token, redirects left to the test, and its own address (X-Forwarded-For, trusted by the server)
// so that each test has its own rate-limit budget.
import { randomInt } from 'node:crypto';

interface Cookie {
  value: string;
  path: string;
}

export interface PageAnswer {
  status: number;
  headers: Headers;
  html: string;
  location: string | null;
}

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';

export class Visitor {
  readonly cookies = new Map<string, Cookie>();
  readonly ip: string;

  constructor(
    readonly origin: string,
    ip?: string,
  ) {
    this.ip = ip ?? `198.51.100.${randomInt(1, 254)}`;
  }

  private cookieHeader(path: string): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map(([key, c]) => `${key.split('\0')[0]}=${c.value}`)
      .join('; ');
  }

  private store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const gone = attrs.some((a) => /^max-age=0$/iu.test(a) || (/^expires=/iu.test(a) && Date.parse(a.slice(8)) < Date.now()));
      const key = `${name}\0${path}`;
      if (gone || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  cookie(name: string, path: string): string | undefined {
    return this.cookies.get(`${name}\0${path}`)?.value;
  }

  async request(method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<PageAnswer> {
    const r = await fetch(`${this.origin}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        'user-agent': IPHONE,
        'x-forwarded-for': this.ip,
        cookie: this.cookieHeader(path.split('?')[0]!),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    this.store(r.headers);
    return { status: r.status, headers: r.headers, html: await r.text(), location: r.headers.get('location') };
  }

  get(path: string, headers?: Record<string, string>): Promise<PageAnswer> {
    return this.request('GET', path, undefined, headers);
  }

  /** Posts a form found on `page`, with its hidden CSRF token. */
  post(path: string, page: PageAnswer, fields: Record<string, string>): Promise<PageAnswer> {
    return this.request('POST', path, { _csrf: csrfOf(page.html), ...fields });
  }
}

export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/u.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1]!;
}

/** The visible text of a page, roughly: tags dropped, entities of the escaper decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, '&')
    .replace(/\s+/gu, ' ');
}
