// One call to the provider's Messages API: POST {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json,
// form-encoded, HTTP Basic auth, through Node's global fetch with a timeout. It reports what came back
// (status, the JSON's sid / status / error code, Retry-After) or, when nothing came back, whether the
// request may have reached the provider. Deciding what that means for the message is the route's job.
import type { WriteTracker } from './written.ts';
import { REQUEST_ID_HEADER } from './written.ts';

export type SendAnswer =
  | {
      kind: 'answer';
      httpStatus: number;
      sid?: string;
      /** The message's status in a successful answer (queued, accepted, failed …). */
      status?: string;
      errorCode?: number;
      errorMessage?: string;
      /** From Retry-After, when the provider sent one. */
      retryAfterMs?: number;
    }
  | { kind: 'lost'; code: 'NOT_SENT' | 'CONNECTION_LOST' | 'TIMEOUT'; reason: string };

export interface SendRequest {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  form: URLSearchParams;
  timeoutMs: number;
  /** Aborts the request when the route closes. */
  signal: AbortSignal;
}

/** Failures that happen while connecting: nothing was sent. */
const CONNECT_ERRORS = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

export function messagesUrl(baseUrl: string, accountSid: string): string {
  return `${baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
}

/** Retry-After as delay-seconds or an HTTP date → milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  const own = (err as { code?: unknown } | null)?.code;
  return typeof own === 'string' ? own : undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

export async function sendMessage(request: SendRequest, writes: WriteTracker): Promise<SendAnswer> {
  const id = writes.begin();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  // One signal for this request, fed by its timeout and by the route closing. (Listeners on the route's
  // long-lived signal are removed afterwards, so a million sends do not pile them up.)
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  timeout.addEventListener('abort', stop, { once: true });
  request.signal.addEventListener('abort', stop, { once: true });
  const basic = Buffer.from(`${request.accountSid}:${request.authToken}`, 'utf8').toString('base64');
  let httpStatus: number | undefined;
  try {
    const response = await fetch(messagesUrl(request.baseUrl, request.accountSid), {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, accept: 'application/json', [REQUEST_ID_HEADER]: id },
      body: request.form,
      signal: abort.signal,
      redirect: 'error',
    });
    httpStatus = response.status;
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      // An error page from a proxy in front of the provider: the HTTP status still says enough.
    }
    const ok = httpStatus >= 200 && httpStatus < 300;
    const answer: SendAnswer = { kind: 'answer', httpStatus };
    if (typeof body.sid === 'string') answer.sid = body.sid;
    if (typeof body.status === 'string' && ok) answer.status = body.status;
    const code = asNumber(ok ? body.error_code : body.code);
    if (code !== undefined) answer.errorCode = code;
    const message = ok ? body.error_message : body.message;
    if (typeof message === 'string') answer.errorMessage = message;
    if (retryAfterMs !== undefined) answer.retryAfterMs = retryAfterMs;
    if (ok && answer.sid === undefined) {
      // Accepted (2xx) but we cannot tell which message it made: as good as a lost answer.
      return { kind: 'lost', code: 'CONNECTION_LOST', reason: `the provider's answer (HTTP ${httpStatus}) has no message SID` };
    }
    return answer;
  } catch (err) {
    const code = errorCode(err);
    const timedOut = timeout.aborted;
    if (httpStatus !== undefined) {
      // The status line arrived, the body did not.
      if (httpStatus >= 200 && httpStatus < 300) {
        return { kind: 'lost', code: timedOut ? 'TIMEOUT' : 'CONNECTION_LOST', reason: `the provider's answer (HTTP ${httpStatus}) was cut off` };
      }
      return { kind: 'answer', httpStatus };
    }
    if ((code !== undefined && CONNECT_ERRORS.has(code)) || writes.written(id) === false) {
      return { kind: 'lost', code: 'NOT_SENT', reason: `could not reach the provider${code ? ` (${code})` : timedOut ? ' (timeout while connecting)' : ''}` };
    }
    if (timedOut) return { kind: 'lost', code: 'TIMEOUT', reason: `no answer from the provider within ${request.timeoutMs} ms` };
    return { kind: 'lost', code: 'CONNECTION_LOST', reason: `connection to the provider lost before its answer${code ? ` (${code})` : ''}` };
  } finally {
    request.signal.removeEventListener('abort', stop);
    writes.end(id);
  }
}
