// What the sending side needs of storage, declared here by the side that needs it (the store fulfils it
// without knowing these names; the wiring passes the store in). Each part asks for only the methods it
// calls, so a test can hand the dispatcher an in-memory fake of a few functions.
import type { ClaimedMessage, Deferral, MessageOutcome, ReceiptWaits } from '../core/queue.ts';
export type { ReceiptWait, ReceiptWaits } from '../core/queue.ts';
import type { Receipt } from '../core/carrier.ts';
import type { RouteRecord } from '../core/route-record.ts';

/** The dispatcher: claim what is due, pace, check the contact policy, compose, store what the carrier said. */
export interface DispatchPort {
  messages: {
    /** Claims up to `limit` due messages of sending campaigns whose route profile is `profile`, for `route`. */
    claim(workerId: string, limit: number, profile: string, route: string): Promise<ClaimedMessage[]>;
    /** Claimed messages the contact policy holds back go back to the queue until they may go. */
    defer(workerId: string, items: readonly Deferral[]): Promise<void>;
    /** Claimed messages this worker will not send after all (never handed over) go back to the queue. */
    release(workerId: string, ids: readonly number[]): Promise<void>;
    /** Of these claimed messages, those still this worker's whose campaign still lets them go (not paused, not cancelled). */
    stillMayGo(workerId: string, ids: readonly number[]): Promise<Set<number>>;
    /** Stores the carriers' answers for a batch (only the claiming worker may). */
    record(workerId: string, outcomes: readonly MessageOutcome[]): Promise<void>;
    /** When each person (by keyed phone hash) was last contacted since `since` (frequency caps). */
    recentContacts(toHashes: readonly string[], since: number): Promise<Map<string, number[]>>;
  };
  /** A route's messages-per-second budget shared by every worker process. */
  pacing: { take(route: string, second: number, wanted: number, limit: number): Promise<number> };
  /**
   * Of just-claimed messages, in one read: those whose number was put on the suppression list after they
   * were queued, and each one's recipient (number and fields).
   */
  claimed: {
    read(messageIds: readonly number[]): Promise<ClaimedReads>;
    /** Where the store can: messages.claim and read together, in one round trip. */
    take?(workerId: string, limit: number, profile: string, route: string): Promise<{ messages: ClaimedMessage[] } & ClaimedReads>;
  };
  campaigns: { byId(id: number): Promise<{ sent_template: string | null; time_zone: string | null; policy_pack: string | null } | undefined> };
  /** A cadence step's template (null: the campaign's own text); undefined when the message is no step. */
  cadences?: { stepTemplate(messageId: number): Promise<{ template: string | null } | undefined> };
}

/** What a worker reads about messages it claimed. */
export interface ClaimedReads {
  blocked: Set<number>;
  recipients: Map<number, { phone: string; fields: Record<string, string> }>;
}

/** The contact policy's look at earlier contacts. */
export type PolicyPort = { messages: Pick<DispatchPort['messages'], 'recentContacts'> };

/** Receipts from the routes, stored in batches. */
export interface ReceiptPort {
  messages: {
    /** Returns the SMSC ids not applied, where an answer recorded at the same moment elsewhere may have missed them. */
    applyReceipts(route: string, receipts: readonly { receipt: Receipt; toHash: string | null }[]): Promise<readonly string[] | void>;
    /** Receipts kept waiting for these SMSC ids, applied once their message has its answer; returns the ids still waiting. */
    applyWaitingFor?(smscIds: readonly string[]): Promise<readonly string[]>;
  };
}


/** The shared upkeep: heartbeats, recovery of what dead workers left, scheduled starts and completions. */
export interface MaintenancePort {
  workers: {
    beat(id: string): Promise<void>;
    remove(id: string): Promise<void>;
    pruneBefore(t: number): Promise<void>;
  };
  campaigns: {
    startDue(): Promise<number>;
    completeFinished(): Promise<number[]>;
  };
  messages: {
    markOrphansUnconfirmed(staleBefore: number): Promise<number>;
    applyWaitingReceipts(): Promise<number>;
    /** Lost answers: adopted by a late receipt, ended 'unknown' after the validity, or re-queued where the route says so. */
    reconcileUnconfirmed(waits: ReceiptWaits): Promise<{ adopted: number; requeued: number; unknown: number }>;
    /** Submitted messages without a final receipt past their route's validity plus `marginMs` end 'unknown'. */
    expireUnreceipted(waits: ReceiptWaits, marginMs: number): Promise<number>;
    prunePendingReceipts(olderThan: number): Promise<void>;
  };
  /** Each route's validity and resendUnconfirmed, read from its settings. */
  routes: Pick<RouteTablePort['routes'], 'list'>;
  /**
   * The daily retention sweep (store/retention.ts): personal data past the organisation's retention_days,
   * sealed evidence content past `evidenceYears`; null when another worker already ran it today.
   */
  retention: {
    sweep(opts: { evidenceYears: number }): Promise<{ campaigns: { campaignId: number }[]; inbound: number; evidence: { campaignId: number; contents: number }[] } | null>;
  };
}

/** The routes table, as the worker follows it. */
export interface RouteTablePort {
  routes: {
    /** Changes whenever a route is added, edited or removed. */
    version(): Promise<string>;
    list(): Promise<RouteRecord[]>;
  };
}
