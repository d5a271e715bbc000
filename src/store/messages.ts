// The message queue as one object for the rest of the code: each state change is one file in queue/
// (materialise, claim, defer, record, receipts, cancel, release-stuck, reconcile-unconfirmed,
// expire-unreceipted, resend-unknown); this
// module hands them the clock and the webhook outbox, and keeps the read-only counts and pages.
import type { Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { Database, Message } from './schema.ts';
import type { Dialect } from './dialect.ts';
import type { Receipt } from '../core/carrier.ts';
import type { MessageState } from '../core/message.ts';
import { recordOutcomes } from './queue/record.ts';
import type { ClaimedMessage, Deferral, MessageOutcome } from '../core/queue.ts';
import { applyPending, applyToMessages, keepPending, PENDING_PAGE } from './queue/receipts.ts';
import { allAccepted, applyWaitingPg, recordAcceptedAlonePg } from './queue/record-pg.ts';
import { applyReceiptsPg, distinctReceipts, emitFinal } from './queue/receipts-pg.ts';
import { stateForReceipt } from '../core/message.ts';
import { markOrphansUnconfirmed } from './queue/release-stuck.ts';
import { reconcileUnconfirmed } from './queue/reconcile-unconfirmed.ts';
import type { ReceiptWaits } from '../core/queue.ts';
import { expireUnreceipted } from './queue/expire-unreceipted.ts';
import { resendUnknown, type ResendRequest } from './queue/resend-unknown.ts';
import { claimPg, sqliteClaim } from './queue/claim.ts';
import { deferClaimed } from './queue/defer.ts';
import { releaseClaimed, stillMayGo } from './queue/release-claimed.ts';
import { cancelQueued } from './queue/cancel.ts';
import { materialise } from './queue/materialise.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from './webhooks.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';
import type { EvidenceActor } from '../core/evidence/actor.ts';

const IN_FLIGHT: MessageState[] = ['queued', 'submitting', 'unconfirmed'];

/**
 * `webhooks`: messages that reach a final state become message.status events (src/store/webhooks.ts);
 * `evidence`: what was handed over, refused, receipted or ended becomes ledger entries, in the same transactions.
 */
export function messageStore(
  db: Kysely<Database>,
  dialect: Dialect,
  now: () => number,
  webhooks: WebhookOutbox = NO_WEBHOOKS,
  evidence: EvidenceRecorder = NO_EVIDENCE,
  sqlite?: SqliteDatabase.Database,
  /** PostgreSQL's pool: the sending path's statements run prepared on it (queue/prepared-pg.ts). */
  pool?: pg.Pool,
  /** The first retry's wait after a transient failure (TODOKU_RETRY_BASE_MS; default 5 s). */
  retryBaseMs?: number,
) {
  // SQLite: the sending path's statements prepared once on the handle (claim, outcomes, receipts).
  const claimPrepared = sqlite && dialect === 'sqlite' ? sqliteClaim(db, sqlite) : null;
  return {
    /** Creates one queued message per recipient; running it again adds nothing (exactly once). */
    materialise: (campaignId: number) => materialise(db, dialect, campaignId, now()),

    /** Claims up to `limit` due messages of sending campaigns whose route profile is `profile`, for `route` when given. */
    claim: (workerId: string, limit: number, profile = 'default', route: string | null = null): Promise<ClaimedMessage[]> =>
      dialect === 'postgres' ? claimPg(db, pool, workerId, limit, profile, route, now()) : sqliteOnly(claimPrepared)(workerId, limit, profile, route, now()),

    /** Stores the carriers' answers for a batch, then applies receipts that arrived before them. */
    async record(workerId: string, outcomes: readonly MessageOutcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      const t = now();
      // PostgreSQL, the usual batch (all accepted, nobody subscribed to message.status): one statement, and
      // a second only when receipts arrived before their answer. A crash between the two leaves those
      // receipts waiting, for the sweep (applyWaitingReceipts), as when a receipt races the answer.
      if (dialect === 'postgres' && allAccepted(outcomes) && !(await webhooks.wants(db, 'message.status'))) {
        const waiting = await recordAcceptedAlonePg(db, workerId, outcomes, t, evidence.enabled, pool);
        if (waiting.length > 0) await applyWaitingPg(db, waiting, t, webhooks, evidence, pool);
        return;
      }
      await db.transaction().execute(async (trx) => {
        const smscIds = await recordOutcomes(trx, workerId, outcomes, t, webhooks, evidence, dialect, sqlite, retryBaseMs);
        await applyPending(trx, dialect, t, smscIds, webhooks, evidence, sqlite);
      });
    },

    /**
     * Applies receipts in one transaction; those whose message isn't known yet wait in pending_receipts.
     * Returns, on PostgreSQL, the SMSC ids not applied (kept waiting, or settled as repeats): one of them
     * may belong to an answer being recorded on another connection at this moment, which neither
     * statement sees (READ COMMITTED); applyWaitingFor looks again. SQLite has one writer: none.
     */
    async applyReceipts(route: string, receipts: readonly { receipt: Receipt; toHash: string | null }[]): Promise<string[]> {
      if (receipts.length === 0) return [];
      const t = now();
      const incoming = receipts.map((r) => ({ ...r, receivedAt: t }));
      // PostgreSQL: one statement for the batch; in a transaction only with message.status events to write beside it.
      if (dialect === 'postgres' && distinctReceipts(incoming)) {
        const finals = new Set(incoming.filter((r) => stateForReceipt(r.receipt.status) !== null).map((r) => r.receipt.smscId));
        const applied =
          finals.size > 0 && (await webhooks.wants(db, 'message.status'))
            ? await db.transaction().execute(async (trx) => {
                const rows = await applyReceiptsPg(trx, route, incoming, t, evidence.enabled);
                await emitFinal(trx, webhooks, rows, finals);
                return rows;
              })
            : await applyReceiptsPg(db, route, incoming, t, evidence.enabled, undefined, pool);
        const done = new Set(applied.map((r) => r.smsc_id));
        return incoming.map((r) => r.receipt.smscId).filter((id) => !done.has(id));
      }
      return db.transaction().execute(async (trx) => {
        const known = await applyToMessages(trx, dialect, route, incoming, t, webhooks, evidence, sqlite);
        const waiting = incoming.filter((r) => !known.has(r.receipt.smscId));
        await keepPending(trx, route, waiting);
        return dialect === 'postgres' ? waiting.map((r) => r.receipt.smscId) : [];
      });
    },

    /**
     * PostgreSQL: receipts waiting for these SMSC ids whose message now has its answer, applied (one
     * statement per route, as record() applies them); returns the ids still waiting. The upkeep's sweep
     * (applyWaitingReceipts) finds them too, within a second: this is sooner.
     */
    async applyWaitingFor(smscIds: readonly string[]): Promise<string[]> {
      if (dialect !== 'postgres' || smscIds.length === 0) return [];
      const rows = await db
        .selectFrom('pending_receipts as p')
        .innerJoin('messages as m', (j) => j.onRef('m.smsc_id', '=', 'p.smsc_id').onRef('m.route', '=', 'p.route'))
        .selectAll('p')
        .where('p.smsc_id', 'in', [...smscIds])
        .orderBy('p.id')
        .execute();
      if (rows.length > 0) await applyWaitingPg(db, rows, now(), webhooks, evidence, pool);
      const found = new Set(rows.map((r) => r.smsc_id));
      return smscIds.filter((id) => !found.has(id));
    },

    /**
     * Receipts kept waiting whose message now has its SMSC id. record() applies them at once; this
     * sweep catches the ones that raced it from another connection (PostgreSQL, READ COMMITTED).
     */
    async applyWaitingReceipts(): Promise<number> {
      // Page after page while pages come back full (bounded, so one sweep cannot hold the upkeep for long):
      // a backlog is applied at once, not at a page per sweep.
      let applied = 0;
      for (let page = 0; page < 50; page++) {
        const n = await db.transaction().execute((trx) => applyPending(trx, dialect, now(), undefined, webhooks, evidence, sqlite));
        applied += n;
        if (n < PENDING_PAGE) break;
      }
      return applied;
    },

    markOrphansUnconfirmed: (staleBefore: number) => markOrphansUnconfirmed(db, staleBefore, now()),
    /** Lost answers: adopted by a late receipt, ended 'unknown' after the validity, or re-queued where the route says so. */
    reconcileUnconfirmed: (waits: ReceiptWaits) => reconcileUnconfirmed(db, waits, now(), webhooks, evidence),
    /** Submitted messages with no final receipt within their route's validity plus `marginMs` end 'unknown'. */
    expireUnreceipted: (waits: ReceiptWaits, marginMs: number) => expireUnreceipted(db, waits, marginMs, now(), webhooks, evidence),
    /** An operator's knowing re-send of 'unknown' messages: a new message each, the next step for the same person. */
    resendUnknown: (request: ResendRequest, operator: EvidenceActor = { by: null }) => resendUnknown(db, request, now(), evidence, operator),

    /** Pending receipts nobody claimed (e.g. for later parts of a long message) are dropped after a day. */
    async prunePendingReceipts(olderThan: number): Promise<void> {
      await db.deleteFrom('pending_receipts').where('received_at', '<', olderThan).execute();
    },

    /** Claimed messages the contact policy holds back: back to the queue until they may go (the claim didn't count as an attempt). */
    defer: (workerId: string, items: readonly Deferral[]) => deferClaimed(db, workerId, items, now()),
    /** Claimed messages this worker will not send after all (never handed over): back to the queue. */
    release: (workerId: string, ids: readonly number[]) => releaseClaimed(db, workerId, ids, now(), webhooks, evidence),
    /** Of these claimed messages, those still this worker's whose campaign still lets them go. */
    stillMayGo: (workerId: string, ids: readonly number[]) => stillMayGo(db, workerId, ids),

    /** When each of these people was last contacted (sent to a carrier), since `since`, by keyed phone hash. */
    async recentContacts(toHashes: readonly string[], since: number): Promise<Map<string, number[]>> {
      const out = new Map<string, number[]>();
      if (toHashes.length === 0) return out;
      const rows = await db
        .selectFrom('messages')
        .select(['to_hash', 'submitted_at'])
        .where('to_hash', 'in', [...new Set(toHashes)])
        .where('submitted_at', '>=', since)
        .execute();
      for (const r of rows) if (r.to_hash && r.submitted_at !== null) out.set(r.to_hash, [...(out.get(r.to_hash) ?? []), r.submitted_at]);
      return out;
    },

    /** Cancels what is still queued; `operator`, who asked, for the evidence entry of the cancellation. */
    cancelQueued: (campaignId: number, operator: EvidenceActor = { by: null }): Promise<number> => cancelQueued(db, campaignId, now(), webhooks, evidence, operator),

    async countsByState(campaignId: number): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('messages')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy('state')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },

    async inFlight(campaignId: number): Promise<number> {
      const r = await db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .where('state', 'in', IN_FLIGHT)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async list(campaignId: number, opts: { state?: MessageState | undefined; after?: number | undefined; limit: number }): Promise<Message[]> {
      let q = db.selectFrom('messages').selectAll().where('campaign_id', '=', campaignId);
      if (opts.state) q = q.where('state', '=', opts.state);
      if (opts.after !== undefined) q = q.where('id', '>', opts.after);
      return q.orderBy('id').limit(opts.limit).execute();
    },
  };
}

export type MessageStore = ReturnType<typeof messageStore>;

function sqliteOnly<T>(prepared: T | null): T {
  if (!prepared) throw new Error('claiming on SQLite needs its handle (createStore passes db.sqlite)');
  return prepared;
}
