// The one way the console talks to the server: the typed client generated from the API's OpenAPI
// document (src/api-client, shared with the CLI), so every call names a documented path and gets the
// documented answer's type. Here the console adds what a browser session needs: the session cookie,
// the CSRF token on every state-changing call, problem+json errors as ApiError, a 401 that ends the
// session, and uploads through XHR (the only browser API that reports upload progress).
import type { ClientPathsWithMethod, MaybeOptionalInit, MethodResponse, Middleware } from 'openapi-fetch';
import { createApiClient, isProblem, type ApiClient, type paths } from '../../../../api-client/client.ts';

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

const session: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept', 'application/json');
    if (!isSafe(request.method)) request.headers.set('x-csrf-token', csrf());
    return request;
  },
};

const client: ApiClient = createApiClient('', { credentials: 'same-origin', middleware: [session] });

/** An error answer as ApiError: problem+json when the server sent it, the bare status otherwise. */
function problemOf(status: number, body: unknown): ApiError {
  if (isProblem(body)) {
    const b = body as { code?: string; title?: string; title_en?: string; details?: unknown; message?: string };
    return new ApiError(status, b.code ?? `HTTP_${status}`, b.title ?? b.message ?? '', b.title_en ?? b.message ?? '', b.details);
  }
  return new ApiError(status, `HTTP_${status}`, `サーバーがエラーを返しました（${status}）`, `the server answered ${status}`);
}

/** The path parameter of every /campaigns/{campaign}/… call (the API takes an id or a name). */
export const inCampaign = (campaign: number | string) => ({ path: { campaign: String(campaign) } });

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The documented paths that answer `method`, e.g. '/api/v1/campaigns/{campaign}'. */
export type PathOf<M extends Method> = ClientPathsWithMethod<ApiClient, M>;
/** The JSON a successful call answers; undefined for a 204. */
export type Answer<M extends Method, P extends PathOf<M>> = [MethodResponse<ApiClient, M, P>] extends [never] ? undefined : MethodResponse<ApiClient, M, P>;
/** What the console adds to a call: a 401 that is expected (the session check, logging in) ends nothing. */
interface Quiet {
  quiet401?: boolean;
}
type Init<M extends Method, P extends PathOf<M>> = MaybeOptionalInit<paths[P], M>;
/** Path parameters, query and body as the document describes them; optional when nothing is required. */
type InitArg<M extends Method, P extends PathOf<M>> = undefined extends Init<M, P> ? [init?: Init<M, P> & Quiet] : [init: Init<M, P> & Quiet];

type LooseRequest = (method: Method, path: string, init?: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

async function call(method: Method, path: string, init: (object & Quiet) | undefined): Promise<unknown> {
  const { quiet401, ...rest } = init ?? {};
  // The generics are checked at the exported functions; openapi-fetch's own overloads add nothing here.
  const { data, error, response } = await (client.request as unknown as LooseRequest)(method, path, rest);
  if (!response.ok) {
    if (response.status === 401 && !quiet401) onUnauthorized();
    throw problemOf(response.status, error);
  }
  return data;
}

const method =
  <M extends Method>(m: M) =>
  <P extends PathOf<M>>(path: P, ...[init]: InitArg<M, P>): Promise<Answer<M, P>> =>
    call(m, path, init) as Promise<Answer<M, P>>;

export const get = method('get');
export const post = method('post');
export const put = method('put');
export const patch = method('patch');
export const del = method('delete');

/** A resource a campaign may not have yet (its survey, its invoice template): a 404 answers null. */
export function orNone<T>(call: Promise<T>): Promise<T | null> {
  return call.catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

/**
 * POSTs a file as the request body itself (a CSV to preview) and answers the documented JSON. The
 * document describes the query and the answer; a raw body it leaves undescribed, hence the one cast.
 */
export function postFile<P extends PathOf<'post'>>(path: P, file: Blob, contentType: string, query?: Record<string, string | number | undefined>): Promise<Answer<'post', P>> {
  const init = { params: { query }, body: file, bodySerializer: (b: Blob) => b, headers: { 'content-type': contentType } };
  return call('post', path, init) as Promise<Answer<'post', P>>;
}

/** POSTs (or PUTs) a file with upload progress (0…1); resolves with the JSON answer. */
export function upload<P extends PathOf<'post'>>(
  path: P,
  params: { path?: Record<string, string | number>; query?: Record<string, string | number | boolean | undefined | null> },
  file: Blob,
  onProgress: (share: number) => void,
  contentType = 'text/csv',
  /** PUT where the same path replaces what POST adds to (a campaign's list). */
  method: 'POST' | 'PUT' = 'POST',
): { done: Promise<Answer<'post', P>>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params.path?.[name] ?? ''))) + qs(params.query ?? {});
  const done = new Promise<Answer<'post', P>>((resolve, reject) => {
    xhr.open(method, url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('x-csrf-token', csrf());
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as Answer<'post', P>);
        return;
      }
      if (xhr.status === 401) onUnauthorized();
      reject(problemOf(xhr.status, body));
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
