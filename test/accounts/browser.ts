// A browser as far as the API sees one: it keeps the cookies the server sets (and sends them back),
// and sends the CSRF token only when told to, so tests can play both the console and a forged request.
export interface BrowserResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  setCookies: string[];
}

export class Browser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  /** The CSRF token as the console reads it: from the readable cookie. */
  get csrf(): string | undefined {
    return this.cookies.get('todoku_csrf');
  }

  async request<T = any>(
    method: string,
    path: string,
    init: { json?: unknown; form?: Record<string, string>; csrf?: boolean | string; headers?: Record<string, string> } = {},
  ): Promise<BrowserResponse<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.csrf) headers['x-csrf-token'] = typeof init.csrf === 'string' ? init.csrf : (this.csrf ?? '');
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const r = await fetch(`${this.base}${path.startsWith('/api/') || path.startsWith('/metrics') ? path : `/api/v1${path}`}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const setCookies = r.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await r.text();
    const type = r.headers.get('content-type') ?? '';
    return { status: r.status, headers: r.headers, setCookies, body: (type.includes('json') && text ? JSON.parse(text) : text) as T };
  }

  async login(login: string, password: string): Promise<BrowserResponse> {
    return this.request('POST', '/session', { json: { login, password } });
  }
}
