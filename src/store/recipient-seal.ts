// How a recipient's number and fields are sealed in `recipients.fields_enc`: one blob per row. Its own
// module so that the CSV import's reading thread can seal rows exactly as the store does without
// loading the store.
import type { Vault } from '../core/vault.ts';

export interface Sealed {
  phone: string;
  fields: Record<string, string>;
}

export function sealRecipient(vault: Vault, phone: string, fields: Record<string, string>): string {
  return vault.encrypt(JSON.stringify({ phone, fields } satisfies Sealed));
}
