// The payment simulator's own pages (/pay-sim/checkout?s=<session token>): what a provider's hosted checkout
// would show, with buttons to pay, cancel, or let the session expire. Paying or expiring sends the
// signed webhook to this server in the background, as a provider would, and returns the recipient to
// the success or cancel address. Only mounted while the simulator is the payment provider.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../log.ts';
import { escapeHtml } from '../../core/escape-html.ts';
import { openSessionToken, simulatorEvent, type SimOutcome, type SimSession } from './session.ts';
import { signatureHeader } from './signature.ts';
import { SIMULATOR_PATH, SIMULATOR_SIGNATURE_HEADER, type SimulatorSecrets } from './provider.ts';

export const SIMULATOR_WEBHOOK_PATH = '/webhooks/payments/simulator';

/** Delays before each delivery attempt: a provider retries what was not answered with 2xx. */
const RETRY_DELAYS_MS = [0, 500, 2000, 5000];

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'none'";

function pageHtml(s: SimSession, token: string): string {
  const yen = `¥${s.amount.toLocaleString('ja-JP')}`;
  const action = (what: string) => `${SIMULATOR_PATH}/checkout/${what}?s=${encodeURIComponent(token)}`;
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>お支払い（決済シミュレーター）</title>
<style>body{font:1rem/1.7 system-ui,sans-serif;margin:0;background:#f6f7fb;color:#1a1a1a}main{max-width:28rem;margin:0 auto;padding:1rem}
.note{background:#fff4ce;border-left:6px solid #b58100;padding:.6rem .9rem;border-radius:4px}.box{background:#fff;border:1px solid #d5d9e0;border-radius:8px;padding:1rem;margin:1rem 0}
.amount{font-size:2rem;font-weight:700}button{display:block;width:100%;min-height:3rem;font:inherit;font-weight:700;border-radius:6px;margin:.75rem 0;border:2px solid #4b4f58;background:#fff;color:#1a1a1a}
button.pay{background:#1d4ed8;border-color:#1d4ed8;color:#fff}</style></head>
<body><main>
<h1>お支払い</h1>
<p class="note" role="note">これは Todoku の決済シミュレーターです。実際の請求・引き落としは行われません。<span lang="en">(Payment simulator: no real money moves.)</span></p>
<div class="box"><p>${escapeHtml(s.description)}</p><p class="amount">${escapeHtml(yen)}</p></div>
<form method="post" action="${escapeHtml(action('pay'))}"><button type="submit" class="pay">支払う / Pay</button></form>
<form method="post" action="${escapeHtml(action('cancel'))}"><button type="submit">キャンセルして戻る / Cancel</button></form>
<form method="post" action="${escapeHtml(action('expire'))}"><button type="submit">期限切れにする（テスト用） / Let it expire</button></form>
</main></body></html>
`;
}

function goneHtml(): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>無効な決済ページ</title></head>
<body><main><h1>この決済ページは無効か、期限が切れています</h1><p lang="en">This checkout is invalid or has expired.</p><p>お知らせのページに戻り、もう一度お手続きください。</p></main></body></html>
`;
}

/** This server, as reached by the request that asked: the webhook goes back to the same process. */
function selfUrl(req: FastifyRequest): string {
  const s = req.socket;
  let host = (s.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  if (host === '::' || host === '0.0.0.0') host = '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${s.localPort}`;
}

export function paymentSimulatorRoutes(app: FastifyInstance, deps: { secrets: SimulatorSecrets; log: Logger; now?: () => number }): void {
  const now = deps.now ?? Date.now;
  const inFlight = new Set<AbortController>();
  app.addHook('onClose', async () => {
    for (const c of inFlight) c.abort();
  });

  async function deliver(target: string, s: SimSession, outcome: SimOutcome): Promise<void> {
    const event = simulatorEvent(s, outcome, now());
    const abort = new AbortController();
    inFlight.add(abort);
    try {
      for (const delay of RETRY_DELAYS_MS) {
        if (delay > 0) await new Promise((r) => setTimeout(r, delay).unref());
        if (abort.signal.aborted) return;
        try {
          const res = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SIMULATOR_SIGNATURE_HEADER]: signatureHeader(event.body, deps.secrets.webhook, Math.floor(now() / 1000)) },
            body: event.body,
            signal: abort.signal,
          });
          await res.arrayBuffer();
          // 4xx is a refusal, not a failure to deliver: a real provider would stop too.
          if (res.status < 500) return;
        } catch {
          if (abort.signal.aborted) return;
        }
      }
      deps.log.warn({ eventId: event.id }, 'payment simulator could not deliver its webhook');
    } finally {
      inFlight.delete(abort);
    }
  }

  // The session rides in the query: it is longer than a path segment may be.
  const tokenOf = (req: FastifyRequest) => {
    const s = (req.query as Record<string, unknown>).s;
    return typeof s === 'string' ? s : '';
  };
  const session = (req: FastifyRequest) => openSessionToken(tokenOf(req), deps.secrets.token, now());
  const headers = (reply: FastifyReply) => reply.header('content-security-policy', CSP).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');

  app.get(`${SIMULATOR_PATH}/checkout`, async (req, reply) => {
    const s = session(req);
    headers(reply).type('text/html; charset=utf-8');
    return s ? reply.send(pageHtml(s, tokenOf(req))) : reply.status(404).send(goneHtml());
  });

  for (const [action, outcome] of [
    ['pay', 'paid'],
    ['expire', 'expired'],
    ['cancel', null],
  ] as const) {
    app.post(`${SIMULATOR_PATH}/checkout/${action}`, async (req, reply) => {
      const s = session(req);
      if (!s) return headers(reply).status(404).type('text/html; charset=utf-8').send(goneHtml());
      if (outcome) void deliver(`${selfUrl(req)}${SIMULATOR_WEBHOOK_PATH}`, s, outcome);
      return reply.redirect(outcome === 'paid' ? s.success : s.cancel, 303);
    });
  }
}
