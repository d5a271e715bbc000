// A simulated checkout session, carried in its own URL as a signed token (no table, so any web
// process can show and complete it), and the Stripe-shaped events the simulator sends about it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CAMPAIGN_KEY, MESSAGE_KEY } from '../checkout-event.ts';

export interface SimSession {
  id: string;
  messageId: number;
  campaignId: number;
  amount: number;
  currency: string;
  description: string;
  success: string;
  cancel: string;
  /** Epoch ms after which the checkout page refuses it (Stripe's default: 24 hours). */
  expiresAt: number;
}

export const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function newSessionId(): string {
  return `cs_sim_${randomBytes(12).toString('base64url')}`;
}

const mac = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function sessionToken(s: SimSession, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify(s)).toString('base64url');
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

export function openSessionToken(token: string, secret: Buffer, now: number): SimSession | null {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const s = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SimSession;
    return s.expiresAt > now ? s : null;
  } catch {
    return null;
  }
}

export type SimOutcome = 'paid' | 'expired';

/** The event Stripe would send, with an id fixed per (session, outcome): paying twice sends it twice. */
export function simulatorEvent(s: SimSession, outcome: SimOutcome, nowMs: number): { id: string; body: string } {
  const id = `evt_sim_${s.id.slice('cs_sim_'.length)}_${outcome}`;
  const event = {
    id,
    object: 'event',
    api_version: 'todoku-simulator',
    type: outcome === 'paid' ? 'checkout.session.completed' : 'checkout.session.expired',
    created: Math.floor(nowMs / 1000),
    livemode: false,
    data: {
      object: {
        id: s.id,
        object: 'checkout.session',
        mode: 'payment',
        status: outcome === 'paid' ? 'complete' : 'expired',
        payment_status: outcome === 'paid' ? 'paid' : 'unpaid',
        amount_total: s.amount,
        currency: s.currency,
        client_reference_id: String(s.messageId),
        metadata: { [MESSAGE_KEY]: String(s.messageId), [CAMPAIGN_KEY]: String(s.campaignId) },
      },
    },
  };
  return { id, body: JSON.stringify(event) };
}
