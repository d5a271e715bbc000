// The installation's Ed25519 key for signing tree heads, derived from the vault's secret
// (TODOKU_SECRET_KEY): every process of one installation has the same key and nothing is stored. The
// public key goes into certificates and bundles; its id (first 16 hex of SHA-256 over the raw public
// key) is in every head, so a verifier sees which key signed.
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { Vault } from '../core/vault.ts';
import { keyIdOf } from '../core/evidence/head.ts';

/** PKCS#8 DER of an Ed25519 private key, up to the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface SigningKey {
  keyId: string;
  /** SPKI, PEM. */
  publicKeyPem: string;
  /** Ed25519 signature of the UTF-8 text, base64. */
  sign(text: string): string;
}

export function signingKey(vault: Vault): SigningKey {
  const seed = vault.derive('evidence/ed25519', 'signing-key', 32);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}
