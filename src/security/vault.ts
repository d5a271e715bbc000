// Personal data at rest: AES-256-GCM encryption and a keyed hash (blind index) for lookups such as
// "is this phone number already in the campaign / on the suppression list" without storing it in clear.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vault } from '../core/vault.ts';

const VERSION = 'v1';

export type { Vault };

/**
 * Random 96-bit GCM nonces, drawn from the CSPRNG a few KB at a time: one system call per row cost
 * more than the encryption itself on a million-row import.
 */
function noncePool(): () => Buffer {
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + 12 > pool.length) {
      pool = randomBytes(12 * 512);
      offset = 0;
    }
    const iv = pool.subarray(offset, offset + 12);
    offset += 12;
    return iv;
  };
}

export function createVault(masterKey: Buffer): Vault {
  const nextIv = noncePool();
  if (masterKey.length !== 32) throw new Error('TODOKU_SECRET_KEY must be 32 bytes (base64 encoded)');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'todoku/enc', 32));
  const indexKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'todoku/index', 32));
  const deriveKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'todoku/derive', 32));
  return {
    encrypt(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (!sealed.startsWith(`${VERSION}:`)) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', indexKey).update(value).digest('hex').slice(0, 32);
    },
    derive(purpose, value, bytes) {
      return createHmac('sha256', deriveKey).update(purpose).update('\0').update(value).digest().subarray(0, bytes);
    },
    threadKey: () => Buffer.from(masterKey),
  };
}

/**
 * The master key: from TODOKU_SECRET_KEY, or for a single machine a key file generated once in the
 * data directory (mode 0600). Several machines sharing PostgreSQL must set the same TODOKU_SECRET_KEY.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) {
    const key = Buffer.from(configured, 'base64');
    if (key.length !== 32) throw new Error('TODOKU_SECRET_KEY must decode (base64) to exactly 32 bytes');
    return key;
  }
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // the data directory: this user only
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}
