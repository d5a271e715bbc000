// PostgreSQL: a batch of delivery receipts applied in one statement (one round trip, no transaction of its
// own unless webhooks are wanted): the messages updated, their message.receipt evidence entries, and the
// receipts nobody knows yet kept in pending_receipts (or, for receipts taken from there, the settled ones
// removed), all from arrays (unnest). The same rules as applyToMessages/keepPending in receipts.ts; a batch
// naming an SMSC id twice goes that way instead (one UPDATE changes a row once).
import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../schema.ts';
import { AWAITING_RECEIPT_STATES, stateForReceipt, type MessageState } from '../../core/message.ts';
import { canonicalJson } from '../../core/evidence/entry.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData, type MessageStatusRow } from '../../core/webhook-events.ts';
import type { WebhookOutbox } from '../webhooks.ts';
import type { IncomingReceipt } from './receipts.ts';
import { preparedRows } from './prepared-pg.ts';

type Conn = Kysely<Database> | Transaction<Database>;

/** Whether one statement can take the batch: each SMSC id at most once. */
export function distinctReceipts(receipts: readonly IncomingReceipt[]): boolean {
  return new Set(receipts.map((r) => r.receipt.smscId)).size === receipts.length;
}

/**
 * The entry's data as canonicalJson would write it, up to the message's state, which only the statement
 * knows (the state the receipt left it in): 'state' sorts last among the keys, so the SQL appends it.
 */
function receiptDataPrefix(r: IncomingReceipt['receipt']): string {
  const full = canonicalJson({ stat: r.carrierState, doneDate: r.doneDate ?? null, doneAt: r.doneAt?.getTime() ?? null, err: r.errorCode ?? null, state: 'S', smscId: r.smscId });
  if (!full.endsWith(',"state":"S"}')) throw new Error('receipt entry: state is not the last key');
  return full.slice(0, -'"S"}'.length);
}

/**
 * Applies `receipts` (distinct SMSC ids) of `route`. Fresh receipts not applied and not settled otherwise
 * (a repeat, a later part) go to pending_receipts; with `pendingIds` (their rows there, in order) the
 * settled ones are deleted instead. Returns the messages updated.
 */
export async function applyReceiptsPg(
  conn: Conn,
  route: string,
  receipts: readonly IncomingReceipt[],
  now: number,
  withEvidence: boolean,
  pendingIds?: readonly number[],
  /** The pool: outside a transaction the statement runs prepared (prepared-pg.ts). */
  pool?: pg.Pool,
): Promise<(MessageStatusRow & { smsc_id: string | null })[]> {
  if (receipts.length === 0) return [];
  const smsc = receipts.map((r) => r.receipt.smscId);
  const finals = receipts.map((r) => stateForReceipt(r.receipt.status));
  const awaiting = sql.join(AWAITING_RECEIPT_STATES.map((s) => sql.lit(s)));
  const settledStates = sql.join((['submitting', 'unconfirmed', ...AWAITING_RECEIPT_STATES] satisfies MessageState[]).map((s) => sql.lit(s)));
  const evidence = withEvidence
    ? sql`, ev AS (
        INSERT INTO evidence_entries (kind, at, campaign_id, message_id, data_json)
        SELECT 'message.receipt', u.received_at, u.campaign_id, u.id, u.data_prefix || to_json(u.state)::text || '}' FROM u ORDER BY u.ord
      )`
    : sql``;
  const settled = sql`(SELECT u.smsc_id FROM u UNION ALL SELECT k.smsc_id FROM known k)`;
  const keep = pendingIds
    ? sql`, gone AS (DELETE FROM pending_receipts WHERE id IN (SELECT r.pending_id FROM r WHERE r.smsc_id IN ${settled}))`
    : sql`, kept AS (
        INSERT INTO pending_receipts (route, smsc_id, to_hash, status, carrier_state, error_code, done_at, received_at)
        SELECT ${route}, r.smsc_id, r.to_hash, r.status, r.carrier_state, r.error_code, r.done_at, r.received_at
          FROM r WHERE r.smsc_id NOT IN ${settled} ORDER BY r.ord
      )`;
  return preparedRows(
    conn,
    pool,
    sql<MessageStatusRow & { smsc_id: string | null }>`
    WITH r AS NOT MATERIALIZED (
      SELECT * FROM unnest(${smsc}::text[], ${finals}::text[], ${receipts.map((r) => r.receipt.carrierState)}::text[],
                           ${receipts.map((r) => r.receipt.errorCode ?? null)}::text[], ${receipts.map((r) => r.receivedAt)}::bigint[],
                           ${withEvidence ? receipts.map((r) => receiptDataPrefix(r.receipt)) : receipts.map(() => null)}::text[],
                           ${pendingIds ?? receipts.map(() => null)}::bigint[], ${receipts.map((r) => r.toHash)}::text[],
                           ${receipts.map((r) => r.receipt.status)}::text[], ${receipts.map((r) => r.receipt.doneAt?.getTime() ?? null)}::bigint[])
             WITH ORDINALITY AS r(smsc_id, final, carrier_state, error_code, received_at, data_prefix, pending_id, to_hash, status, done_at, ord)
    ), u AS (
      UPDATE messages m
         SET carrier_state = r.carrier_state, error_code = r.error_code, updated_at = ${now},
             state = coalesce(r.final, m.state),
             final_at = CASE WHEN r.final IS NULL THEN m.final_at ELSE r.received_at END,
             delivered_at = CASE WHEN r.final = 'delivered' THEN r.received_at ELSE m.delivered_at END
        FROM r CROSS JOIN LATERAL (SELECT x.id FROM messages x WHERE x.route = ${route} AND x.smsc_id = r.smsc_id OFFSET 0) AS hit
       -- Each receipt finds its message through messages_smsc, then the row by id (OFFSET 0 keeps the lookup per
       -- receipt): found by the ids as an array, the planner (expecting a row or two, the state guard being
       -- opaque to it) matched them against the receipts in a nested loop, 10,000 comparisons for 100
       -- receipts (9.5 of 16 ms); a plain join walked all of messages_smsc. The state guard is kept opaque
       -- (statistics taken while every message was queued would have it walk every message awaiting a
       -- receipt) and stays on the row updated, so a concurrent change is checked again.
       WHERE m.id = hit.id AND m.route = ${route} AND (m.state || '') IN (${awaiting})
      RETURNING ${sql.join(MESSAGE_STATUS_COLUMNS.map((c) => sql.ref(`m.${c}`)))}, m.smsc_id, r.ord, r.received_at, r.data_prefix
    ), known AS (
      -- Settled anyway: a repeated receipt (its message already past waiting) or a later part of a long message.
      SELECT m.smsc_id FROM messages m WHERE m.route = ${route} AND m.smsc_id = ANY(${smsc}::text[]) AND m.state NOT IN (${settledStates})
      UNION ALL
      SELECT mp.smsc_id FROM message_parts mp WHERE mp.route = ${route} AND mp.smsc_id = ANY(${smsc}::text[])
    )${evidence}${keep}
    SELECT ${sql.join(MESSAGE_STATUS_COLUMNS.map((c) => sql.ref(`u.${c}`)))}, u.smsc_id FROM u
  `,
  );
}

/** message.status events for the messages a receipt made final. */
export async function emitFinal(conn: Conn, webhooks: WebhookOutbox, rows: readonly (MessageStatusRow & { smsc_id: string | null })[], finalIds: ReadonlySet<string>): Promise<void> {
  const final = rows.filter((r) => r.smsc_id !== null && finalIds.has(r.smsc_id));
  if (final.length > 0) await webhooks.emitMany(conn, 'message.status', final.map(messageStatusData));
}
