// PostgreSQL: a batch of accepted submits stored in one statement (one round trip, one commit): the
// messages this worker still holds become 'submitted', each with its message.submitted evidence entry and
// its text kept sealed under its commitment, the parts of long messages named, and the receipts that
// arrived before their answer read back to be applied next (applyReceiptsPg). The same rows and entries as
// recordOutcomes (record.ts) writes for accepted outcomes; batches with other outcomes, or when someone
// subscribes to message.status, go that way.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, PendingReceiptTable } from '../schema.ts';
import type { MessageOutcome } from '../../core/queue.ts';
import { canonicalJson } from '../../core/evidence/entry.ts';
import type { EvidenceRecorder } from '../evidence/recorder.ts';
import type { WebhookOutbox } from '../webhooks.ts';
import { applyPending, fromPending } from './receipts.ts';
import { applyReceiptsPg, distinctReceipts, emitFinal } from './receipts-pg.ts';
import { stateForReceipt } from '../../core/message.ts';

export type Accepted = Extract<MessageOutcome, { kind: 'accepted' }>;

export const allAccepted = (outcomes: readonly MessageOutcome[]): outcomes is readonly Accepted[] => outcomes.every((o) => o.kind === 'accepted');

export async function recordAcceptedAlonePg(db: Kysely<Database>, workerId: string, rows: readonly Accepted[], t: number, withEvidence: boolean): Promise<Selectable<PendingReceiptTable>[]> {
  const entry = (o: Accepted) => canonicalJson({ route: o.route, smscId: o.smscId, parts: o.parts, text: o.textCommitment, recipient: o.toCommitment });
  const evidence = withEvidence
    ? sql`, ev AS (
        INSERT INTO evidence_entries (kind, at, campaign_id, message_id, data_json)
        SELECT 'message.submitted', ${t}, u.campaign_id, u.id, u.data_json FROM u ORDER BY u.ord
      ), sealed AS (
        INSERT INTO evidence_content (commitment, content_enc, created_at)
        SELECT DISTINCT ON (u.commitment) u.commitment, u.body_enc, ${t} FROM u ORDER BY u.commitment, u.ord
        ON CONFLICT (commitment) DO NOTHING
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
  const result = await sql<Selectable<PendingReceiptTable>>`
    WITH v AS (
      SELECT * FROM unnest(${rows.map((o) => o.id)}::bigint[], ${rows.map((o) => o.smscId)}::text[], ${rows.map((o) => o.route)}::text[],
                           ${rows.map((o) => o.bodyEnc)}::text[], ${rows.map((o) => o.linkCode)}::text[], ${rows.map((o) => o.parts)}::integer[],
                           ${withEvidence ? rows.map(entry) : rows.map(() => null)}::text[], ${rows.map((o) => o.textCommitment)}::text[])
             WITH ORDINALITY AS v(id, smsc_id, route, body_enc, link_code, parts, data_json, commitment, ord)
    ), u AS (
      UPDATE messages
         SET state = 'submitted', smsc_id = v.smsc_id, route = v.route, body_enc = v.body_enc, link_code = v.link_code,
             parts = v.parts, submitted_at = ${t}, updated_at = ${t}, error_code = NULL, error_reason = NULL
        FROM v
       WHERE messages.id = v.id AND messages.worker_id = ${workerId} AND messages.state IN ('submitting', 'unconfirmed')
      RETURNING messages.id, messages.campaign_id, v.smsc_id, v.route, v.body_enc, v.data_json, v.commitment, v.ord
    )${evidence}${partsCte}
    SELECT p.* FROM pending_receipts p JOIN u ON p.smsc_id = u.smsc_id AND p.route = u.route ORDER BY p.id
  `.execute(db);
  return result.rows;
}

/**
 * Receipts that waited for their message's answer, applied now (in one statement per route, removed from
 * pending_receipts as they settle); a route's receipts naming an SMSC id twice go through applyPending.
 */
export async function applyWaitingPg(db: Kysely<Database>, pending: readonly Selectable<PendingReceiptTable>[], t: number, webhooks: WebhookOutbox, evidence: EvidenceRecorder): Promise<void> {
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
    } else await applyReceiptsPg(db, route, incoming, t, evidence.enabled, rows.map((p) => p.id));
  }
}
