// One HTTP attempt of a webhook delivery: check the target again (the host's addresses now: DNS can
// change after the subscription was saved), then POST the signed body to the very address that was
// checked (a pinned lookup, so a DNS rebind between check and connect gains nothing), give up after the
// timeout, never follow redirects (a 3xx is a failed attempt: the integrator fixes the URL). Returns what
// happened as a value; only the status code and a short reason are kept, never the answer's body.
// Every failure before an HTTP answer reads the same: the delivery log must not tell a closed port from
// an open port that does not speak HTTP, or it becomes a port scanner.
import http from 'node:http';
import https from 'node:https';
import type { lookup as dnsLookup, LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { webhookUrlProblem } from './endpoint.ts';
import { checkTarget, type ResolvedAddress, type TargetPolicy } from './target.ts';

export interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The one text for a refused, reset, timed-out or non-HTTP connection. */
export const NO_HTTP_ANSWER = 'no HTTP answer (connection failed or timed out)';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup stand-in that answers only the address already checked. */
function pinnedLookup(to: ResolvedAddress) {
  return (_host: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void => {
    if ((options as LookupAllOptions).all) callback(null, [{ address: to.address, family: to.family }]);
    else callback(null, to.address, to.family);
  };
}

function send(url: URL, body: string, headers: Record<string, string>, timeoutMs: number, to: ResolvedAddress): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(to) as unknown as typeof dnsLookup,
        // A fresh connection each time: a pooled one could outlive the check it was made under.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        resolve({ status: res.statusCode ?? 0, text: res.statusMessage ?? '' });
        // What the receiver said beyond its status is not ours to keep.
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number, policy: TargetPolicy = { allowHosts: [] }): Promise<PostResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const problem = webhookUrlProblem(url, policy.allowHosts);
  if (problem) return { statusCode: null, error: `refused: ${problem.en}`.slice(0, 200), durationMs: took() };
  const target = new URL(url);
  const checked = await checkTarget(target, policy);
  if (!checked.ok) return { statusCode: null, error: checked.reason === 'forbidden' ? 'refused: the host resolves to an internal address' : 'the host name does not resolve', durationMs: took() };
  try {
    const res = await send(target, body, headers, timeoutMs, checked.addresses[0]!);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, error: ok ? null : `HTTP ${res.status}${res.text ? ` ${res.text}` : ''}`.slice(0, 200), durationMs: took() };
  } catch {
    return { statusCode: null, error: NO_HTTP_ANSWER, durationMs: took() };
  }
}
