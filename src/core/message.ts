// Message states and how carrier receipts map onto them. Which state may follow which is written where
// it happens, once each: the guarded UPDATEs in src/store/queue/ (one file per operation) are the
// state machine, so there is no second table here to drift from them.
import type { ReceiptStatus } from './carrier.ts';

export const MESSAGE_STATES = [
  'queued', // waiting for a worker (possibly until next_attempt_at, after a transient failure)
  'submitting', // claimed by a worker and being written to the carrier
  'unconfirmed', // its worker died before the carrier's answer was stored: waiting for a late receipt
  'submitted', // the carrier accepted it and gave an id
  'delivered',
  'undeliverable',
  'expired',
  'rejected',
  'failed', // refused for good before reaching the carrier network (a recorded reason)
  'cancelled',
  // No receipt within the route's validity period (plus a margin for late receipts), or its submit answer
  // was lost and no receipt came: it may or may not have reached the phone, so it is never sent again by
  // itself. A receipt that comes after all still settles it; the operator may re-send it knowingly.
  'unknown',
] as const;

export type MessageState = (typeof MESSAGE_STATES)[number];

export const FINAL_STATES: readonly MessageState[] = ['delivered', 'undeliverable', 'expired', 'rejected', 'failed', 'cancelled', 'unknown'];

/** States a late receipt may still settle: the carrier has (or may have) the message. */
export const AWAITING_RECEIPT_STATES = ['submitted', 'unknown'] as const satisfies readonly MessageState[];

export function isFinal(state: MessageState): boolean {
  return FINAL_STATES.includes(state);
}

/** A receipt's status → our state; null when the receipt is not final (ACCEPTD, UNKNOWN, ENROUTE). */
export function stateForReceipt(status: ReceiptStatus): MessageState | null {
  switch (status) {
    case 'delivered':
      return 'delivered';
    case 'undeliverable':
    case 'deleted':
      return 'undeliverable';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    case 'accepted':
    case 'unknown':
      return null;
  }
}

/** The first retry's wait after a transient failure (TODOKU_RETRY_BASE_MS). */
export const RETRY_BASE_MS = 5_000;

/** Capped exponential backoff for transient failures: 5 s, 10 s, 20 s … (from `baseMs`) at most 10 minutes. */
export function retryDelayMs(attempts: number, baseMs: number = RETRY_BASE_MS): number {
  return Math.min(600_000, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** After this many attempts a transient failure becomes final. */
export const MAX_ATTEMPTS = 8;
