// A signed tree head, pure: the tree's size and root at a moment, signed with the installation's
// Ed25519 key (evidence/signing-key.ts) and, when a time-stamp authority is configured, stamped by it
// (RFC 3161 over headDigest). What is signed is the head's canonical text, so anyone with the public
// key can check a head from its four fields alone; what a TSA stamps is that text's SHA-256.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from './entry.ts';

export interface TreeHead {
  size: number;
  /** MTH of the first `size` leaves, hex. */
  root: string;
  /** When the head was signed (epoch ms). */
  at: number;
  /** First 16 hex of SHA-256 over the raw Ed25519 public key. */
  keyId: string;
}

export const headText = (h: TreeHead): string => canonicalJson({ v: 1, size: h.size, root: h.root, at: h.at, keyId: h.keyId });

/** What a time-stamp authority stamps (the messageImprint of the RFC 3161 request). */
export const headDigest = (h: TreeHead): Buffer => createHash('sha256').update(headText(h), 'utf8').digest();

/** Whether `signatureB64` is the Ed25519 signature of the head's text under the PEM (SPKI) public key. */
export function verifyHeadSignature(h: TreeHead, signatureB64: string, publicKeyPem: string): boolean {
  try {
    const signature = Buffer.from(signatureB64, 'base64');
    if (signature.length !== 64 || signature.toString('base64') !== signatureB64) return false;
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(headText(h), 'utf8'), key, signature);
  } catch {
    return false;
  }
}

/** The key id of an Ed25519 public key (PEM, SPKI): the first 16 hex of SHA-256 over its 32 raw bytes. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(der.subarray(der.length - 32)).digest('hex').slice(0, 16);
}

/**
 * How far the local clock is from the TSA's (ms, positive: ahead), 0 when they can agree: the TSA's
 * time was taken between our sending (sent) and our reading the answer (received), and a genTime in
 * whole seconds may be up to a second early (most TSAs stamp to the second).
 */
export function clockSkew(sent: number, received: number, genTime: number): number {
  const granularity = genTime % 1000 === 0 ? 1000 : 0;
  if (genTime > received) return received - genTime;
  if (genTime + granularity < sent) return sent - (genTime + granularity);
  return 0;
}

/** A time-stamp authority (RFC 3161): stamps a SHA-256 digest; helper code in evidence/tsa-client.ts. */
export interface Timestamper {
  url: string;
  stamp(digest: Buffer): Promise<{ token: Buffer; genTime: number; tsaName: string }>;
}
