// How password guessing is slowed: failures are counted per account and per client address, and
// forgotten after 15 quiet minutes. At 5 failures for an account (20 for an address, which an office
// behind one NAT shares) the key is locked for a minute, then each further failure doubles the lock, up
// to an hour. A success clears the account's count, never the address's: one valid account must not
// buy an address unlimited guesses at the others.
export const THROTTLE = {
  windowMs: 15 * 60_000,
  accountFailures: 5,
  addressFailures: 20,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
} as const;

/** How long to lock a key that has just reached `failures`; null: not yet. */
export function lockMs(failures: number, threshold: number): number | null {
  if (failures < threshold) return null;
  return Math.min(THROTTLE.firstLockMs * 2 ** Math.min(failures - threshold, 20), THROTTLE.maxLockMs);
}
