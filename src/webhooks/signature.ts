// Signatures of the webhooks Todoku sends, pure: header `Todoku-Signature: t=<unix seconds>,v1=<hex
// HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp is inside the signed text, so a captured
// request cannot be replayed later with a fresh time; receivers refuse signatures older than a tolerance.
// While a rotated secret is still honoured, the header carries one v1 per secret (newest first).
// Integrators may copy verifySignature as it is: it needs nothing but node:crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Todoku-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

type Body = string | Uint8Array;

function mac(secret: string, timestamp: number | string, rawBody: Body): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** The header value for a body sent at `timestampSeconds`, signed with each secret given (newest first). */
export function signatureHeader(secrets: readonly string[], timestampSeconds: number, rawBody: Body): string {
  if (secrets.length === 0) throw new Error('at least one signing secret is needed');
  return [`t=${timestampSeconds}`, ...secrets.map((s) => `v1=${mac(s, timestampSeconds, rawBody).toString('hex')}`)].join(',');
}

export type SignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'stale' };

/** Like verifySignature, with the reason when it fails (for logs and tests). `now`: epoch milliseconds. */
export function checkSignature(secret: string, header: string, rawBody: Body, now: number, toleranceSec = DEFAULT_TOLERANCE_SECONDS): SignatureCheck {
  const pairs = header.split(',').map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? ['', ''] : [p.slice(0, i).trim(), p.slice(i + 1).trim()];
  });
  const t = pairs.find(([k]) => k === 't')?.[1];
  const presented = pairs.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/i.test(v!)).map(([, v]) => Buffer.from(v!, 'hex'));
  if (!t || !/^\d{1,12}$/.test(t) || presented.length === 0) return { ok: false, reason: 'malformed' };
  const expected = mac(secret, t, rawBody);
  // Any v1 may match (one per secret during a rotation); compare all, in constant time each.
  let match = false;
  for (const p of presented) if (timingSafeEqual(p, expected)) match = true;
  if (!match) return { ok: false, reason: 'mismatch' };
  if (Math.abs(now / 1000 - Number(t)) > toleranceSec) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: Number(t) };
}

/**
 * Whether `header` (the Todoku-Signature value) signs `rawBody` (the bytes received, before any JSON
 * parsing) with `secret`, at a time within `toleranceSec` of `now` (epoch milliseconds, Date.now()).
 */
export function verifySignature(secret: string, header: string, rawBody: Body, now: number, toleranceSec = DEFAULT_TOLERANCE_SECONDS): boolean {
  return checkSignature(secret, header, rawBody, now, toleranceSec).ok;
}
