// Short link codes: bytes (from a keyed hash, so unguessable without the key) written in base62.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** 8 bytes (64 bits) give 11 base62 characters. */
export function base62(bytes: Uint8Array): string {
  const width = Math.ceil((bytes.length * 8) / Math.log2(62));
  // Up to 8 bytes, long division on two 32-bit halves in plain numbers (exact below 2^53): BigInt
  // arithmetic cost more than the keyed hash that made the bytes.
  if (bytes.length <= 8) {
    let hi = 0;
    let lo = 0;
    for (const b of bytes) {
      hi = ((hi * 256) % 2 ** 32) + Math.floor(lo / 2 ** 24);
      lo = (lo % 2 ** 24) * 256 + b;
    }
    let out = '';
    for (let i = 0; i < width; i++) {
      const r = hi % 62;
      hi = Math.floor(hi / 62);
      const rest = r * 2 ** 32 + lo;
      lo = Math.floor(rest / 62);
      out = ALPHABET[rest % 62]! + out;
    }
    return out;
  }
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
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
