// Webhook signatures as Stripe makes them: header `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`,
// verified in constant time and refused when older than the tolerance (replays). The simulator signs
// its webhooks this way; Stripe's SDK verifies the same header, which the tests check.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOLERANCE_SECONDS = 300;

export function signatureHeader(body: string | Buffer, secret: string, timestampSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
  return `t=${timestampSeconds},v1=${mac}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'malformed' | 'mismatch' | 'too_old' };

export function checkSignature(body: Buffer, header: string, secret: string, nowSeconds: number, tolerance = TOLERANCE_SECONDS): SignatureCheck {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v!);
  if (!t || !/^\d+$/.test(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
  // Any v1 may match: a provider rolling its secret sends one per secret.
  const match = signatures.some((s) => /^[0-9a-f]{64}$/i.test(s) && timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!match) return { ok: false, reason: 'mismatch' };
  if (Math.abs(nowSeconds - Number(t)) > tolerance) return { ok: false, reason: 'too_old' };
  return { ok: true };
}
