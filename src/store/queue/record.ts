// Storing the carriers' answers for a batch of submits: accepted ones first (SQLite: a statement prepared
// once, run per row; PostgreSQL: one statement from arrays), then the rest.
// Only the worker that claimed a message may record its answer. Each answer stored is an evidence entry
// in the same transaction (message.submitted, message.refused), the text handed over carried on its
// entry as the vault sealed it (body_enc): one multi-row insert per batch, no second encryption, no
// extra reads.
import { sql, type Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';
import { MAX_ATTEMPTS, RETRY_BASE_MS, retryDelayMs } from '../../core/message.ts';
import type { MessageOutcome } from '../../core/queue.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks.ts';
import { NO_EVIDENCE, type AppendedEntry, type EvidenceRecorder } from '../evidence/recorder.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData } from '../../core/webhook-events.ts';

type Accepted = Extract<MessageOutcome, { kind: 'accepted' }>;

export async function recordOutcomes(
  trx: Transaction<Database>,
  workerId: string,
  outcomes: readonly MessageOutcome[],
  t: number,
  webhooks: WebhookOutbox = NO_WEBHOOKS,
  evidence: EvidenceRecorder = NO_EVIDENCE,
  dialect: Dialect = 'sqlite',
  /** The SQLite handle (the transaction's own connection): accepted submits through a prepared statement. */
  sqlite?: SqliteDatabase.Database,
  /** The first retry's wait after a transient failure (then doubling; core/message.ts retryDelayMs). */
  retryBaseMs: number = RETRY_BASE_MS,
): Promise<string[]> {
  const entries: AppendedEntry[] = [];
  const accepted = outcomes.filter((o): o is Accepted => o.kind === 'accepted');
  // SQLite binds each value (a statement takes at most a few thousand); PostgreSQL takes six arrays.
  const chunkSize = dialect === 'postgres' ? 10_000 : 400;
  for (let i = 0; i < accepted.length; i += chunkSize) {
    const chunk = accepted.slice(i, i + chunkSize);
    const stored = dialect === 'postgres' ? await recordAcceptedPg(trx, workerId, chunk, t, evidence.enabled) : recordAcceptedPrepared(sqliteHandle(sqlite), workerId, chunk, t);
    if (stored.length === 0) continue;
    const byId = new Map(chunk.map((o) => [o.id, o]));
    for (const row of stored) {
      const o = byId.get(Number(row.id));
      if (!o) continue;
      entries.push({
        kind: 'message.submitted',
        campaignId: Number(row.campaign_id),
        messageId: o.id,
        at: t,
        data: { route: o.route, smscId: o.smscId, parts: o.parts, text: o.textCommitment, recipient: o.toCommitment },
        contentEnc: o.bodyEnc,
      });
    }
  }
  const parts = accepted.flatMap((o) => (o.partIds ?? []).map((smscId, i) => ({ route: o.route, smsc_id: smscId, message_id: o.id, part: i + 1 })));
  if (parts.length > 0) await trx.insertInto('message_parts').values(parts).onConflict((oc) => oc.doNothing()).execute();

  for (const o of outcomes) {
    if (o.kind === 'accepted') continue;
    const mine = trx.updateTable('messages').where('id', '=', o.id).where('worker_id', '=', workerId).where('state', 'in', ['submitting', 'unconfirmed']);
    if (o.kind === 'unconfirmed') {
      // The grace period for a late receipt starts now (claimed_at); recovery re-queues it after that.
      const rows = await mine
        .set({ state: 'unconfirmed', claimed_at: t, route: o.route, body_enc: o.bodyEnc, link_code: o.linkCode, parts: o.parts, error_code: o.code, error_reason: o.reason, updated_at: t })
        .returning(['id', 'campaign_id'])
        .execute();
      // Handed over with no answer: the carrier may have it, so its text is kept as for an accepted one.
      for (const r of rows) entries.push({ kind: 'message.refused', campaignId: r.campaign_id, messageId: r.id, at: t, data: { route: o.route, code: o.code, final: false, text: o.textCommitment }, contentEnc: o.bodyEnc });
    } else if (o.kind === 'retry' && o.attempts < MAX_ATTEMPTS) {
      const rows = await mine
        .set({ state: 'queued', next_attempt_at: t + retryDelayMs(o.attempts, retryBaseMs), error_code: o.code, error_reason: o.reason, worker_id: null, updated_at: t })
        .returning(['id', 'campaign_id'])
        .execute();
      for (const r of rows) entries.push({ kind: 'message.refused', campaignId: r.campaign_id, messageId: r.id, at: t, data: { route: o.route ?? null, code: o.code, final: false } });
    } else {
      const failed = await mine
        .set({ state: 'failed', error_code: o.code, error_reason: o.reason, final_at: t, updated_at: t, ...(o.kind === 'failed' && o.bodyEnc ? { body_enc: o.bodyEnc } : {}) })
        .returning(MESSAGE_STATUS_COLUMNS)
        .execute();
      await webhooks.emitMany(trx, 'message.status', failed.map(messageStatusData));
      for (const r of failed) entries.push({ kind: 'message.refused', campaignId: r.campaign_id, messageId: r.id, at: t, data: { route: o.route ?? null, code: o.code, final: true } });
    }
  }
  if (evidence.enabled) await evidence.append(trx, entries);
  return accepted.map((o) => o.smscId);
}

/**
 * PostgreSQL: the same from six arrays (unnest), a join on the primary key. A VALUES list there was
 * planned as a nested loop rescanning the list for every row, its cost growing with the square of the batch.
 */
async function recordAcceptedPg(trx: Transaction<Database>, workerId: string, rows: readonly Accepted[], t: number, returning: boolean): Promise<{ id: number; campaign_id: number }[]> {
  if (rows.length === 0) return [];
  const result = await sql<{ id: number; campaign_id: number }>`
    UPDATE messages
       SET state = 'submitted', smsc_id = v.smsc_id, route = v.route, body_enc = v.body_enc, link_code = v.link_code,
           parts = v.parts, submitted_at = ${t}, updated_at = ${t}, error_code = NULL, error_reason = NULL
      FROM unnest(${rows.map((o) => o.id)}::bigint[], ${rows.map((o) => o.smscId)}::text[], ${rows.map((o) => o.route)}::text[],
                  ${rows.map((o) => o.bodyEnc)}::text[], ${rows.map((o) => o.linkCode)}::text[], ${rows.map((o) => o.parts)}::integer[])
           AS v(id, smsc_id, route, body_enc, link_code, parts)
     WHERE messages.id = v.id AND messages.worker_id = ${workerId} AND messages.state IN ('submitting', 'unconfirmed')
     ${returning ? sql`RETURNING messages.id, messages.campaign_id` : sql``}
  `.execute(trx);
  return result.rows;
}

function sqliteHandle(sqlite: SqliteDatabase.Database | undefined): SqliteDatabase.Database {
  if (!sqlite) throw new Error('recording outcomes on SQLite needs its handle (createStore passes db.sqlite)');
  return sqlite;
}

const acceptedStatements = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement<unknown[], { campaign_id: number }>>();

/**
 * SQLite with its handle: a statement prepared once, run per row inside the caller's transaction (binding
 * a row costs what binding it into a VALUES list does, and nothing is built per batch). Returns the rows
 * this worker still held, for their evidence entries.
 */
function recordAcceptedPrepared(sqlite: SqliteDatabase.Database, workerId: string, rows: readonly Accepted[], t: number): { id: number; campaign_id: number }[] {
  let stmt = acceptedStatements.get(sqlite);
  if (!stmt) {
    stmt = sqlite.prepare<unknown[], { campaign_id: number }>(`
      UPDATE messages
         SET state = 'submitted', smsc_id = ?, route = ?, body_enc = ?, link_code = ?, parts = ?, submitted_at = ?, updated_at = ?, error_code = NULL, error_reason = NULL
       WHERE id = ? AND worker_id = ? AND +state IN ('submitting', 'unconfirmed')
      RETURNING campaign_id`);
    acceptedStatements.set(sqlite, stmt);
  }
  const stored: { id: number; campaign_id: number }[] = [];
  for (const o of rows) {
    const row = stmt.get(o.smscId, o.route, o.bodyEnc, o.linkCode, o.parts, t, t, o.id, workerId);
    if (row) stored.push({ id: o.id, campaign_id: row.campaign_id });
  }
  return stored;
}
