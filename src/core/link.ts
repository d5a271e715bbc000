// Short link codes: bytes (from a keyed hash, so unguessable without the key) written in base62.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 8 bytes (64 bits) give 11 base62 characters. */
export function base62(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  const width = Math.ceil((bytes.length * 8) / Math.log2(62));
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(n % 62n)]! + out;
    n /= 62n;
  }
  return out;
}

export function linkUrl(base: string, code: string): string {
  return `${base}/${code}`;
}
