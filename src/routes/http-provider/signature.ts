// Request signatures of provider callbacks, pure. Twilio's scheme: X-Twilio-Signature =
// base64(HMAC-SHA1(auth token, the full URL it called + every POST parameter, sorted by name, as name
// followed by value)). It carries no time, so a captured callback could be replayed forever; our own
// simulator therefore adds X-Todoku-Timestamp (epoch ms) and signs it too, by appending it to the signed
// text. Stripping or changing the timestamp breaks the signature, so it cannot be removed to dodge the
// replay window. Real Twilio callbacks (no timestamp) are judged stale by other means (see ledger.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters in the order they arrived; a name may repeat. */
export type FormPairs = readonly (readonly [string, string])[];

/** What is signed: the URL, then each parameter as name+value sorted by name (values of a name sorted too). */
export function signedText(url: string, params: FormPairs, timestamp?: string): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value]);
  let text = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of byName.get(name)!.sort()) text += name + value;
  }
  return timestamp === undefined ? text : text + timestamp;
}

export function sign(authToken: string, url: string, params: FormPairs, timestamp?: string): string {
  return createHmac('sha1', authToken).update(signedText(url, params, timestamp), 'utf8').digest('base64');
}

/**
 * The URL with and without its default port: Twilio signs the URL as it was configured, and proxies
 * on the way may add or drop ":443"; Twilio's own validators accept either form.
 */
export function urlVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme = '', authority = '', rest = ''] = m;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  const hasPort = /:\d+$/.test(authority);
  if (!hasPort) return [url, `${scheme}://${authority}:${defaultPort}${rest}`];
  if (authority.endsWith(`:${defaultPort}`)) return [url, `${scheme}://${authority.slice(0, -defaultPort.length - 1)}${rest}`];
  return [url];
}

/** Constant-time comparison of a presented signature with the expected one for any variant of the URL. */
export function verifySignature(authToken: string, url: string, params: FormPairs, presented: string, timestamp?: string): boolean {
  const got = Buffer.from(presented, 'utf8');
  let ok = false;
  for (const variant of urlVariants(url)) {
    const want = Buffer.from(sign(authToken, variant, params, timestamp), 'utf8');
    // Compare every variant (no early exit): the time taken does not depend on which one matched.
    if (want.length === got.length && timingSafeEqual(want, got)) ok = true;
  }
  return ok;
}

/** A form-encoded body → its fields in order, decoded ('+' as space), names repeated as they came. */
export function parseForm(body: string): FormPairs {
  return [...new URLSearchParams(body)];
}
