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
  /** Transient: throttled, queue full, connection lost before the answer. Try again later. */
  | { kind: 'retry'; code: string; reason: string }
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
