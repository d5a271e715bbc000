// The numbers that make the identity check safe, in one place.

/** Wrong answers after which a message's page locks until an operator unlocks it. */
export const MAX_FAILED_ATTEMPTS = 5;

/** A verified session lasts this long; then the recipient answers again (no try is spent by that). */
export const SESSION_TTL_MS = 30 * 60 * 1000;

/** Per IP address and process: unknown codes, wrong answers and anti-smishing misses allowed … */
export const MISS_BUDGET = 30;
/** … per this window (the budget refills evenly over it). */
export const MISS_WINDOW_MS = 10 * 60 * 1000;

/** Link codes are 11 base62 characters (64 bits from a keyed hash of the message id). */
export const LINK_CODE = /^[0-9A-Za-z]{11}$/u;
