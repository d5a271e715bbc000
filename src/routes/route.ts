// The small interface every way out (SMPP bind, HTTP provider) fulfils. The dispatcher knows only this.
// What a carrier sends back (receipts, replies) is domain vocabulary and lives in core/carrier.ts.
import type { InboundSms, Receipt } from '../core/carrier.ts';

/** One SMS to send. `ref` is our message id, carried to the SMSC (user_message_reference) when possible. */
export interface OutboundSms {
  ref: string;
  /** E.164 with leading '+', e.g. +819012345678 */
  to: string;
  /** Sender number or alphanumeric sender id (発信番号) */
  from: string;
  text: string;
}

export type SubmitOutcome =
  /**
   * The SMSC acknowledged the submit and gave its id. A message sent in several PDUs (concatenated
   * parts) has smscId = its first part's id and partIds = every part's id in part order; receipts
   * may come for any of them.
   */
  | { kind: 'accepted'; smscId: string; partIds?: string[] }
  /**
   * Transient: try again later. The route says what kind of transient it was, in words the
   * dispatcher understands without knowing the protocol (it never reads `code`, which is for people):
   */
  | {
      kind: 'retry';
      code: string;
      reason: string;
      /** The carrier asked us to slow down (SMPP throttling, a full queue): not a refusal of the message. */
      throttled?: true;
      /** Sent, but its answer never came (connection lost, timeout): the carrier may have it, so wait for a late receipt before sending again. */
      answerLost?: true;
      /** The route held it back itself (not bound, closing, a long message cut short): the carrier refused nothing. */
      held?: true;
    }
  /** Permanent: the SMSC refused this message for good. */
  | { kind: 'failed'; code: string; reason: string };

export interface RouteEvents {
  /** Resolve once the receipt is stored; the route acknowledges it to the carrier only then. */
  receipt(r: Receipt): Promise<void>;
  inbound(m: InboundSms): Promise<void>;
}

export interface Route {
  readonly name: string;
  /** Maximum outstanding submits (the SMPP window). */
  readonly window: number;
  /** Submits sent and not yet answered. */
  inflight(): number;
  /** Whether the route is currently able to take submits (bound, not closing). */
  ready(): boolean;
  start(events: RouteEvents): Promise<void>;
  submit(sms: OutboundSms): Promise<SubmitOutcome>;
  /** Stop taking submits, wait for outstanding answers (bounded), unbind, close. */
  close(): Promise<void>;
}
