// One HTTP attempt of a webhook delivery: POST the signed body with the global fetch, give up after the
// timeout, never follow redirects (a 3xx is a failed attempt: the integrator fixes the URL). Returns
// what happened as a value; only the status code and a short reason are kept, never the answer's body.
export interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    // Free the connection; what the receiver said beyond its status is not ours to keep.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, error: ok ? null : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`.slice(0, 200), durationMs: took() };
  } catch (err) {
    return { statusCode: null, error: reason(err, timeoutMs), durationMs: took() };
  }
}

function reason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  // undici: TypeError('fetch failed') with the socket error as its cause (ECONNREFUSED, ENOTFOUND …).
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return `connection failed: ${cause.code}`;
  if (cause && typeof cause.message === 'string') return `connection failed: ${cause.message}`.slice(0, 200);
  return (err instanceof Error ? err.message : String(err)).slice(0, 200);
}
