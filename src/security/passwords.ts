// Password hashing with argon2id at argon2's default cost (64 MiB, 3 passes, 4 lanes) and one-time
// passwords for new accounts. Verification of a missing account still costs one hash, so response
// times do not tell which login names exist.
import * as argon2 from 'argon2';
import { randomInt } from 'node:crypto';

const OPTIONS = { type: argon2.argon2id } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** False for a wrong password and for a hash that is not argon2 at all (never throws on bad input). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with weaker parameters than today's and should be replaced at login. */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash);
  } catch {
    return true;
  }
}

let decoy: Promise<string> | null = null;

/** Spends the same time as a real verification, for logins whose account does not exist. */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(`decoy-${randomInt(1e9)}`);
  await verifyPassword(await decoy, password);
  return false;
}

// No 0/O, 1/l/I: the password is read off a terminal and typed by a person.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters in groups of five (about 117 bits), e.g. `k7Hq2-Xp9aZ-…`. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
