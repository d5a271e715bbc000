// The message queue's vocabulary, shared by the dispatcher (which fills it) and the store (which keeps
// it): a message as a worker claims it, what became of its submit, and a hold-back by the contact policy.
import type { Bilingual } from './errors.ts';

export interface ClaimedMessage {
  id: number;
  campaignId: number;
  recipientId: number;
  attempts: number;
  /** A reply's text, written by the operator (campaign messages are composed when sent). */
  bodyEnc: string | null;
  /** The recipient's number as a keyed hash (the contact policy counts earlier contacts by it). */
  toHash: string | null;
  /** A test send: the organisation's test number it goes to instead of the recipient's (sealed); never held by the contact policy. */
  testToEnc?: string | null;
  /** A step of the campaign's cadence: rendered when sent from its step's template (or the campaign's). */
  cadenceStep?: boolean;
}

/**
 * Commitments (core/evidence/commitment.ts) to what was handed to the carrier, computed where the text
 * and number exist in clear (the dispatcher), for the evidence ledger: the exact text (whose sealed form
 * is `bodyEnc`, kept as it is) and the recipient's E.164 number.
 */
export interface HandedOver {
  textCommitment: string;
  toCommitment: string;
}

/** What the carrier (or the dispatcher itself) said about one claimed message, ready to be stored. */
export type MessageOutcome =
  | ({ id: number; kind: 'accepted'; smscId: string; partIds?: string[] | undefined; route: string; bodyEnc: string; linkCode: string | null; parts: number } & HandedOver)
  /** The answer was lost (connection dropped, timeout): the carrier may have the message. */
  | ({ id: number; kind: 'unconfirmed'; code: string; reason: string; route: string; bodyEnc: string; linkCode: string | null; parts: number } & HandedOver)
  /** `route`: the route that refused it (none when it never reached one). */
  | { id: number; kind: 'retry'; code: string; reason: string; attempts: number; route?: string }
  | { id: number; kind: 'failed'; code: string; reason: string; bodyEnc?: string; route?: string };

/** A claimed message the contact policy holds back until `until` (epoch ms); the claim does not count as an attempt. */
export interface Deferral {
  id: number;
  until: number;
  code: string;
  message: Bilingual;
}

/** How long one route's messages wait for a receipt, and whether a lost answer is sent again. */
export interface ReceiptWait {
  validityMs: number;
  resendUnconfirmed: boolean;
}

/** Each route's wait by name; `fallback` for messages of a route no longer in the table (or none). */
export interface ReceiptWaits {
  byRoute: ReadonlyMap<string, ReceiptWait>;
  fallback: ReceiptWait;
  /** TODOKU_UNCONFIRMED_GRACE_MS: used only by routes with resendUnconfirmed. */
  graceMs: number;
}
