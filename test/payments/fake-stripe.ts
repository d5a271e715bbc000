// A small local stand-in for Stripe's API, as far as Checkout Sessions go: POST /v1/checkout/sessions
// (form-encoded, Bearer key) answers {id, url, …} like Stripe does. It records what it was sent, and can
// fail the next requests to show the SDK retrying with the same idempotency key.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SessionRequest {
  params: URLSearchParams;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

export interface FakeStripe {
  base: string;
  requests: SessionRequest[];
  failNext(n: number): void;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const c of req) s += String(c);
  return s;
}

export async function startFakeStripe(checkoutOrigin = 'https://checkout.stripe.test'): Promise<FakeStripe> {
  const requests: SessionRequest[] = [];
  let failures = 0;
  let n = 0;
  const server: Server = createServer(async (req, res) => {
    const text = await body(req);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${n}`, ...headers });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== 'Bearer sk_test_todoku') {
      return json(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions') return json(404, { error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } });
    const params = new URLSearchParams(text);
    requests.push({ params, idempotencyKey: req.headers['idempotency-key'] as string | undefined, authorization: req.headers.authorization });
    if (failures > 0) {
      failures--;
      return json(500, { error: { type: 'api_error', message: 'temporary' } }, { 'stripe-should-retry': 'true' });
    }
    const id = `cs_test_${String(++n).padStart(4, '0')}`;
    json(200, {
      id,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: Number(params.get('line_items[0][price_data][unit_amount]')),
      currency: params.get('line_items[0][price_data][currency]'),
      client_reference_id: params.get('client_reference_id'),
      metadata: { todoku_message_id: params.get('metadata[todoku_message_id]'), todoku_campaign_id: params.get('metadata[todoku_campaign_id]') },
      success_url: params.get('success_url'),
      cancel_url: params.get('cancel_url'),
      url: `${checkoutOrigin}/c/pay/${id}`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    failNext: (count) => (failures = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A Stripe event about a checkout session, as Stripe would send it to our webhook. */
export function checkoutEvent(id: string, type: string, session: { id: string; messageId: number; amount: number; paymentStatus?: string }): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-01-27.acacia',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: {
      object: {
        id: session.id,
        object: 'checkout.session',
        payment_status: session.paymentStatus ?? 'paid',
        amount_total: session.amount,
        currency: 'jpy',
        client_reference_id: String(session.messageId),
        metadata: { todoku_message_id: String(session.messageId), todoku_campaign_id: '1' },
      },
    },
  });
}
