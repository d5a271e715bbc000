// Signing secrets: 32 random bytes, shown once (at creation or rotation) as `whsec_<base64url>`. The
// whole string is the HMAC key integrators use; Todoku keeps it sealed by the vault.
import { randomBytes } from 'node:crypto';

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
