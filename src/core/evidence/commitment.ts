// Commitments to content that must not sit in the ledger in clear (an SMS text, a reply, a page).
// commit = SHA-256("todoku-commit/1" 0x00 nonce content): hiding while the nonce stays secret (it is
// derived with the installation's key, so the same content always gives the same commitment), and
// binding; a certificate reveals nonce and content, and anyone can recompute the commitment.
import { createHash } from 'node:crypto';
import type { Vault } from '../vault.ts';

const TAG = Buffer.from('todoku-commit/1\0', 'utf8');

export function commitmentOf(nonce: Buffer, content: string): string {
  return createHash('sha256').update(TAG).update(nonce).update(content, 'utf8').digest('hex');
}

/** The nonce for a content: keyed, deterministic, 16 bytes. */
export const commitmentNonce = (vault: Vault, content: string): Buffer => vault.derive('evidence/commit', content, 16);

/** Commitment and nonce (hex) for a content, with the installation's key. */
export function commitContent(vault: Vault, content: string): { commitment: string; nonce: string } {
  const nonce = commitmentNonce(vault, content);
  return { commitment: commitmentOf(nonce, content), nonce: nonce.toString('hex') };
}

/** A revealed content matches its commitment (for verifiers: no key needed). */
export const opensTo = (commitment: string, nonceHex: string, content: string): boolean => commitmentOf(Buffer.from(nonceHex, 'hex'), content) === commitment;
