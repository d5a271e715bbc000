// The one way the console talks to the server: JSON over fetch with the session cookie, the CSRF token
// on every state-changing call, problem+json errors as ApiError, and uploads through XHR (the only
// browser API that reports upload progress).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly titleEn: string,
    readonly details?: unknown,
  ) {
    super(titleEn || title);
  }
}

const BASE = '/api/v1';
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The token the login answer gave; the readable todoku_csrf cookie after a reload. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function csrf(): string {
  if (csrfToken) return csrfToken;
  const m = /(?:^|;\s*)todoku_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}

/** Called when the server says the session has ended (401), so the app can show the login page. */
export function whenUnauthorized(f: () => void): void {
  onUnauthorized = f;
}

const isSafe = (method: string) => method === 'GET' || method === 'HEAD';

async function problemOf(r: Response): Promise<ApiError> {
  const type = r.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    const body = (await r.json().catch(() => null)) as { code?: string; title?: string; title_en?: string; details?: unknown; message?: string } | null;
    if (body) return new ApiError(r.status, body.code ?? `HTTP_${r.status}`, body.title ?? body.message ?? '', body.title_en ?? body.message ?? '', body.details);
  }
  return new ApiError(r.status, `HTTP_${r.status}`, `サーバーがエラーを返しました（${r.status}）`, `the server answered ${r.status}`);
}

export async function api<T>(method: string, path: string, body?: unknown, init: { raw?: BodyInit; contentType?: string; quiet401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!isSafe(method)) headers['x-csrf-token'] = csrf();
  let payload: BodyInit | undefined;
  if (init.raw !== undefined) {
    payload = init.raw;
    headers['content-type'] = init.contentType ?? 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(`${BASE}${path}`, { method, headers, credentials: 'same-origin', ...(payload === undefined ? {} : { body: payload }) });
  if (!r.ok) {
    const err = await problemOf(r);
    if (r.status === 401 && !init.quiet401) onUnauthorized();
    throw err;
  }
  if (r.status === 204) return undefined as T;
  const type = r.headers.get('content-type') ?? '';
  return (type.includes('json') ? await r.json() : await r.text()) as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);

/** POSTs a file with upload progress (0…1); resolves with the JSON answer. */
export function upload<T>(path: string, file: Blob, onProgress: (share: number) => void, contentType = 'text/csv'): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', `${BASE}${path}`);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('x-csrf-token', csrf());
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) onUnauthorized();
      reject(new ApiError(xhr.status, String(body?.code ?? `HTTP_${xhr.status}`), String(body?.title ?? ''), String(body?.title_en ?? ''), body?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '通信できませんでした。接続を確認してください', 'network error: check the connection'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'アップロードを中止しました', 'upload cancelled'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** Query string from the defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
