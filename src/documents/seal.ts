// Sealing PDF bytes at rest. The vault seals text; documents are binary and can be megabytes, so they
// are sealed as bytes (AES-256-GCM) with a key the vault derives for this purpose only. The campaign
// and recipient are bound in as associated data: a sealed file copied onto another recipient's row
// does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Vault } from '../security/vault.ts';

const FORMAT = 1;

export interface DocumentSealer {
  seal(bytes: Uint8Array, owner: { campaignId: number; recipientId: number }): Buffer;
  open(sealed: Buffer, owner: { campaignId: number; recipientId: number }): Buffer;
}

const aad = (o: { campaignId: number; recipientId: number }) => Buffer.from(`todoku/document/${o.campaignId}/${o.recipientId}`);

export function documentSealer(vault: Vault): DocumentSealer {
  const key = vault.derive('documents/aes-256-gcm', 'v1', 32);
  return {
    seal(bytes, owner) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(owner));
      const ct = Buffer.concat([cipher.update(bytes), cipher.final()]);
      return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), ct]);
    },
    open(sealed, owner) {
      if (sealed[0] !== FORMAT) throw new Error('unknown sealed document format');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAAD(aad(owner));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
    },
  };
}
