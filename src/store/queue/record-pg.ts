// PostgreSQL: a batch of accepted submits stored in one statement (one round trip, one commit): the
// messages this worker still holds become 'submitted', each with its message.submitted evidence entry
// carrying its sealed text (content_enc), the parts of long messages named, and a receipt that arrived
// before its answer applied at once. The same rows and entries as
// recordOutcomes (record.ts) and then applyPending (receipts.ts) write for accepted outcomes; batches
// with other outcomes, or when someone subscribes to message.status, go that way.
import { sql, type Kysely, type Selectable } from 'kysely';
import type pg from 'pg';
import type { Database, PendingReceiptTable } from '../schema.ts';
import type { MessageOutcome } from '../../core/queue.ts';
import { canonicalJson } from '../../core/evidence/entry.ts';
import type { EvidenceRecorder } from '../evidence/recorder.ts';
import type { WebhookOutbox } from '../webhooks.ts';
import { applyPending, fromPending } from './receipts.ts';
import { applyReceiptsPg, distinctReceipts, emitFinal } from './receipts-pg.ts';
import { stateForReceipt } from '../../core/message.ts';
import type { ReceiptStatus } from '../../core/carrier.ts';
import { preparedRows } from './prepared-pg.ts';

export type Accepted = Extract<MessageOutcome, { kind: 'accepted' }>;

export const allAccepted = (outcomes: readonly MessageOutcome[]): outcomes is readonly Accepted[] => outcomes.every((o) => o.kind === 'accepted');

/** Every receipt status and the state it gives (null: not final), for the statement to look up. */
const STATUSES = (['delivered', 'undeliverable', 'expired', 'rejected', 'deleted', 'accepted', 'unknown'] satisfies ReceiptStatus[]).map((status) => ({ status, state: stateForReceipt(status) }));

/**
 * The message.receipt entry's data for a waiting receipt, as receiptEntry + canonicalJson write it (keys in
 * order, no spaces; a waiting receipt has no done date text): to_json escapes a string as JSON.stringify does.
 */
const receiptData = (p: string, state: string) =>
  sql.raw(
    `'{"doneAt":' || coalesce(${p}.done_at::text, 'null') || ',"doneDate":null,"err":' || coalesce(to_json(${p}.error_code)::text, 'null') || ',"smscId":' || to_json(${p}.smsc_id)::text || ',"stat":' || to_json(${p}.carrier_state)::text || ',"state":' || to_json(${state})::text || '}'`,
  );

/**
 * Stores the batch; a message's receipt that arrived before its answer (the only one waiting for it) is
 * applied in the same statement: the row goes straight to the receipt's state, the submitted entry then
 * the receipt entry are written, and the waiting row removed. Returns the other waiting receipts of these
 * messages (several for one message), to be applied next.
 */
export async function recordAcceptedAlonePg(
  db: Kysely<Database>,
  workerId: string,
  rows: readonly Accepted[],
  t: number,
  withEvidence: boolean,
  /** The pool: the statement runs prepared (prepared-pg.ts). */
  pool?: pg.Pool,
): Promise<Selectable<PendingReceiptTable>[]> {
  const entry = (o: Accepted) => canonicalJson({ route: o.route, smscId: o.smscId, parts: o.parts, text: o.textCommitment, recipient: o.toCommitment });
  const evidence = withEvidence
    ? sql`, ev AS (
        INSERT INTO evidence_entries (kind, at, campaign_id, message_id, data_json, content_enc)
        SELECT e.kind, e.at, e.campaign_id, e.message_id, e.data_json, e.content_enc FROM (
          SELECT 'message.submitted' AS kind, ${t}::bigint AS at, u.campaign_id, u.id AS message_id, u.data_json, u.body_enc AS content_enc, 0 AS grp, u.ord FROM u
          UNION ALL
          SELECT 'message.receipt', u.received_at, u.campaign_id, u.id, ${receiptData('u', 'u.state')}, NULL, 1, u.ord FROM u WHERE u.pending_id IS NOT NULL
        ) e ORDER BY e.grp, e.ord
      )`
    : sql``;
  const parts = rows.flatMap((o) => (o.partIds ?? []).map((smscId, i) => ({ route: o.route, smscId, id: o.id, part: i + 1 })));
  const partsCte =
    parts.length > 0
      ? sql`, named AS (
          INSERT INTO message_parts (route, smsc_id, message_id, part)
          SELECT * FROM unnest(${parts.map((p) => p.route)}::text[], ${parts.map((p) => p.smscId)}::text[], ${parts.map((p) => p.id)}::bigint[], ${parts.map((p) => p.part)}::integer[])
          ON CONFLICT DO NOTHING
        )`
      : sql``;
  return preparedRows(
    db,
    pool,
    sql<Selectable<PendingReceiptTable>>`
    WITH v AS NOT MATERIALIZED (
      SELECT * FROM unnest(${rows.map((o) => o.id)}::bigint[], ${rows.map((o) => o.smscId)}::text[], ${rows.map((o) => o.route)}::text[],
                           ${rows.map((o) => o.bodyEnc)}::text[], ${rows.map((o) => o.linkCode)}::text[], ${rows.map((o) => o.parts)}::integer[],
                           ${withEvidence ? rows.map(entry) : rows.map(() => null)}::text[])
             WITH ORDINALITY AS v(id, smsc_id, route, body_enc, link_code, parts, data_json, ord)
    ), p AS (
      SELECT p.id, p.smsc_id, p.route, p.carrier_state, p.error_code, p.done_at, p.received_at, f.state AS final
        FROM pending_receipts p
        LEFT JOIN unnest(${STATUSES.map((x) => x.status)}::text[], ${STATUSES.map((x) => x.state)}::text[]) AS f(status, state) ON f.status = p.status
       WHERE p.smsc_id = ANY(${rows.map((o) => o.smscId)}::text[])
         AND NOT EXISTS (SELECT 1 FROM pending_receipts q WHERE q.smsc_id = p.smsc_id AND q.route = p.route AND q.id <> p.id)
    ), u AS (
      UPDATE messages
         SET state = coalesce(p.final, 'submitted'), smsc_id = v.smsc_id, route = v.route, body_enc = v.body_enc, link_code = v.link_code,
             parts = v.parts, submitted_at = ${t}, updated_at = ${t}, error_code = p.error_code, error_reason = NULL,
             carrier_state = CASE WHEN p.id IS NULL THEN messages.carrier_state ELSE p.carrier_state END,
             final_at = CASE WHEN p.final IS NULL THEN messages.final_at ELSE p.received_at END,
             delivered_at = CASE WHEN p.final = 'delivered' THEN p.received_at ELSE messages.delivered_at END
        FROM v LEFT JOIN p ON p.smsc_id = v.smsc_id AND p.route = v.route
       -- Found by id, the guard kept opaque to the planner (as state-guard.ts does on SQLite): statistics taken
       -- while every message was queued would otherwise have it walk the messages in flight for each row of v.
       WHERE messages.id = v.id AND (messages.worker_id || '') = ${workerId} AND (messages.state || '') IN ('submitting', 'unconfirmed')
      RETURNING messages.id, messages.campaign_id, messages.state, v.smsc_id, v.route, v.body_enc, v.data_json, v.ord,
                p.id AS pending_id, p.received_at, p.done_at, p.error_code, p.carrier_state
    ), gone AS (
      DELETE FROM pending_receipts WHERE id IN (SELECT u.pending_id FROM u WHERE u.pending_id IS NOT NULL)
    )${evidence}${partsCte}
    SELECT w.id, w.route, w.smsc_id, w.to_hash, w.status, w.carrier_state, w.error_code, w.done_at, w.received_at
      FROM pending_receipts w JOIN u ON w.smsc_id = u.smsc_id AND w.route = u.route WHERE u.pending_id IS NULL ORDER BY w.id
  `,
  );
}

/**
 * Receipts that waited for their message's answer, applied now (in one statement per route, removed from
 * pending_receipts as they settle); a route's receipts naming an SMSC id twice go through applyPending.
 */
export async function applyWaitingPg(db: Kysely<Database>, pending: readonly Selectable<PendingReceiptTable>[], t: number, webhooks: WebhookOutbox, evidence: EvidenceRecorder, pool?: pg.Pool): Promise<void> {
  const byRoute = new Map<string, Selectable<PendingReceiptTable>[]>();
  for (const p of pending) {
    const rows = byRoute.get(p.route);
    if (rows) rows.push(p);
    else byRoute.set(p.route, [p]);
  }
  for (const [route, rows] of byRoute) {
    const incoming = rows.map(fromPending);
    if (!distinctReceipts(incoming)) {
      await db.transaction().execute((trx) => applyPending(trx, 'postgres', t, rows.map((p) => p.smsc_id), webhooks, evidence));
      continue;
    }
    const finals = new Set(incoming.filter((r) => stateForReceipt(r.receipt.status) !== null).map((r) => r.receipt.smscId));
    if (finals.size > 0 && (await webhooks.wants(db, 'message.status'))) {
      await db.transaction().execute(async (trx) => emitFinal(trx, webhooks, await applyReceiptsPg(trx, route, incoming, t, evidence.enabled, rows.map((p) => p.id)), finals));
    } else await applyReceiptsPg(db, route, incoming, t, evidence.enabled, rows.map((p) => p.id), pool);
  }
}
