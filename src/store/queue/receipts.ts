// Applying delivery receipts, in batches: one UPDATE per kind of outcome, then the ids nobody knows yet
// are kept in pending_receipts (with the recipient's number as a keyed hash) until their message's
// answer is stored, or a late receipt adopts a message whose answer was lost. Each receipt applied is a
// message.receipt evidence entry, all of a batch in one multi-row insert in the same transaction.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database, PendingReceiptTable } from '../schema.ts';
import type { Receipt } from '../../core/carrier.ts';
import { AWAITING_RECEIPT_STATES, stateForReceipt } from '../../core/message.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from '../webhooks.ts';
import { MESSAGE_STATUS_COLUMNS, messageStatusData, type MessageStatusRow } from '../../core/webhook-events.ts';
import type { EvidenceInput } from '../../core/evidence/entry.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from '../evidence/recorder.ts';
import type { Dialect } from '../dialect.ts';
import { stateGuard } from './state-guard.ts';

type Conn = Kysely<Database> | Transaction<Database>;

export interface IncomingReceipt {
  receipt: Receipt;
  toHash: string | null;
  /** When we received it; receipts' own "done date" has only minute precision. */
  receivedAt: number;
}

/**
 * Updates the submitted messages these receipts are about; returns the SMSC ids that are known. Each
 * message that became final is a message.status webhook event (only if someone subscribes).
 */
export async function applyToMessages(
  conn: Conn,
  dialect: Dialect,
  route: string,
  receipts: readonly IncomingReceipt[],
  now: number,
  webhooks: WebhookOutbox = NO_WEBHOOKS,
  evidence: EvidenceRecorder = NO_EVIDENCE,
  /** The SQLite handle: inside a transaction, each receipt through a statement prepared once. */
  sqlite?: SqliteDatabase.Database,
): Promise<Set<string>> {
  if (sqlite && conn.isTransaction) return applyPrepared(conn, sqlite, route, receipts, now, webhooks, evidence);
  const groups = new Map<string, IncomingReceipt[]>();
  for (const r of receipts) {
    const key = `${r.receipt.status}\u0000${r.receipt.carrierState}\u0000${r.receipt.errorCode ?? '\u0001'}\u0000${r.receivedAt}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const tell = await webhooks.wants(conn, 'message.status');
  const applied = new Set<string>();
  const entries: EvidenceInput<'message.receipt'>[] = [];
  for (const group of groups.values()) {
    const { receipt, receivedAt } = group[0]!;
    const final = stateForReceipt(receipt.status);
    const update = conn
      .updateTable('messages')
      .set({
        carrier_state: receipt.carrierState,
        error_code: receipt.errorCode ?? null,
        updated_at: now,
        ...(final ? { state: final, final_at: receivedAt, ...(final === 'delivered' ? { delivered_at: receivedAt } : {}) } : {}),
      })
      .where('route', '=', route)
      .where('smsc_id', 'in', group.map((g) => g.receipt.smscId))
      // 'unknown': no receipt came within the validity period, but a late one still says what happened.
      .where(stateGuard(dialect), 'in', AWAITING_RECEIPT_STATES);
    const updated = await update.returning([...MESSAGE_STATUS_COLUMNS, 'smsc_id']).execute();
    for (const u of updated) if (u.smsc_id) applied.add(u.smsc_id);
    if (final && tell) await webhooks.emitMany(conn, 'message.status', updated.map(messageStatusData));
    if (evidence.enabled) {
      const bySmscId = new Map(group.map((g) => [g.receipt.smscId, g.receipt]));
      for (const u of updated) {
        const r = u.smsc_id ? bySmscId.get(u.smsc_id) : undefined;
        if (r) entries.push(receiptEntry(u, r, receivedAt));
      }
    }
  }
  await evidence.append(conn, entries);
  return settledOthers(conn, route, receipts, applied);
}

type UpdatedRow = MessageStatusRow & { smsc_id: string };
const RECEIPT_COLUMNS = [...MESSAGE_STATUS_COLUMNS, 'smsc_id'].join(', ');
const receiptStatements = new WeakMap<SqliteDatabase.Database, { progress: SqliteDatabase.Statement<unknown[], UpdatedRow>; final: SqliteDatabase.Statement<unknown[], UpdatedRow>; delivered: SqliteDatabase.Statement<unknown[], UpdatedRow> }>();

function receiptStatementsOf(sqlite: SqliteDatabase.Database) {
  let s = receiptStatements.get(sqlite);
  if (!s) {
    // 'unknown': no receipt came within the validity period, but a late one still says what happened.
    const where = `WHERE route = @route AND smsc_id = @smscId AND +state IN (${AWAITING_RECEIPT_STATES.map((x) => `'${x}'`).join(', ')}) RETURNING ${RECEIPT_COLUMNS}`;
    const set = 'SET carrier_state = @carrierState, error_code = @errorCode, updated_at = @now';
    s = {
      progress: sqlite.prepare(`UPDATE messages ${set} ${where}`),
      final: sqlite.prepare(`UPDATE messages ${set}, state = @state, final_at = @receivedAt ${where}`),
      delivered: sqlite.prepare(`UPDATE messages ${set}, state = @state, final_at = @receivedAt, delivered_at = @receivedAt ${where}`),
    };
    receiptStatements.set(sqlite, s);
  }
  return s;
}

/** SQLite, inside the caller's transaction: the same rules as above, one prepared statement per receipt, in arrival order. */
async function applyPrepared(conn: Conn, sqlite: SqliteDatabase.Database, route: string, receipts: readonly IncomingReceipt[], now: number, webhooks: WebhookOutbox, evidence: EvidenceRecorder): Promise<Set<string>> {
  const statements = receiptStatementsOf(sqlite);
  const tell = await webhooks.wants(conn, 'message.status');
  const applied = new Set<string>();
  const entries: EvidenceInput<'message.receipt'>[] = [];
  const finals: UpdatedRow[] = [];
  for (const r of receipts) {
    const { receipt, receivedAt } = r;
    const final = stateForReceipt(receipt.status);
    const stmt = final === null ? statements.progress : final === 'delivered' ? statements.delivered : statements.final;
    const u = stmt.get({ route, smscId: receipt.smscId, carrierState: receipt.carrierState, errorCode: receipt.errorCode ?? null, now, ...(final === null ? {} : { state: final, receivedAt }) });
    if (!u) continue;
    applied.add(u.smsc_id);
    if (final && tell) finals.push(u);
    if (evidence.enabled) entries.push(receiptEntry(u, receipt, receivedAt));
  }
  if (finals.length > 0) await webhooks.emitMany(conn, 'message.status', finals.map(messageStatusData));
  await evidence.append(conn, entries);
  return settledOthers(conn, route, receipts, applied);
}

async function settledOthers(conn: Conn, route: string, receipts: readonly IncomingReceipt[], applied: Set<string>): Promise<Set<string>> {
  // Not applied: settled anyway when its message is already past 'submitted' (a repeated receipt) or it
  // is a later part of a long message. Anything else waits in pending_receipts: its message may have got
  // its SMSC id a moment ago on another connection, and the sweep applies it then.
  const rest = receipts.map((r) => r.receipt.smscId).filter((id) => !applied.has(id));
  if (rest.length === 0) return applied;
  const known = await conn
    .selectFrom('messages')
    .select('smsc_id as id')
    .where('route', '=', route)
    .where('smsc_id', 'in', rest)
    .where('state', 'not in', ['submitting', 'unconfirmed', ...AWAITING_RECEIPT_STATES])
    .union(conn.selectFrom('message_parts').select('smsc_id as id').where('route', '=', route).where('smsc_id', 'in', rest))
    .execute();
  for (const k of known) applied.add(k.id!);
  return applied;
}

export async function keepPending(conn: Conn, route: string, receipts: readonly IncomingReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await conn
    .insertInto('pending_receipts')
    .values(
      receipts.map(({ receipt: r, toHash, receivedAt }) => ({
        route,
        smsc_id: r.smscId,
        to_hash: toHash,
        status: r.status,
        carrier_state: r.carrierState,
        error_code: r.errorCode ?? null,
        done_at: r.doneAt?.getTime() ?? null,
        received_at: receivedAt,
      })),
    )
    .execute();
}

/** Pending receipts whose message now carries their SMSC id are applied and removed. */
/** The evidence of one receipt applied to a message: the carrier's words as sent, and the state it gave. */
export function receiptEntry(m: { id: number; campaign_id: number; state: string }, r: Receipt, receivedAt: number): EvidenceInput<'message.receipt'> {
  return {
    kind: 'message.receipt',
    campaignId: m.campaign_id,
    messageId: m.id,
    at: receivedAt,
    data: { stat: r.carrierState, doneDate: r.doneDate ?? null, doneAt: r.doneAt?.getTime() ?? null, err: r.errorCode ?? null, state: m.state, smscId: r.smscId },
  };
}

/** Pending receipts the sweep applies per transaction. */
export const PENDING_PAGE = 1000;

export async function applyPending(conn: Conn, dialect: Dialect, now: number, smscIds?: readonly string[], webhooks: WebhookOutbox = NO_WEBHOOKS, evidence: EvidenceRecorder = NO_EVIDENCE, sqlite?: SqliteDatabase.Database): Promise<number> {
  let q = conn
    .selectFrom('pending_receipts as p')
    .innerJoin('messages as m', (j) => j.onRef('m.smsc_id', '=', 'p.smsc_id').onRef('m.route', '=', 'p.route'))
    .selectAll('p')
    // In the order they came: a final receipt applied before an earlier ENROUTE would leave that one unentered.
    .orderBy('p.id');
  // Receipts for the ids just recorded: all of them (the batch bounds them); the sweep takes a page at a time.
  if (smscIds) {
    if (smscIds.length === 0) return 0;
    // In SQLite's write transaction nobody else can add one: none waiting now means none for these ids.
    if (sqlite && conn.isTransaction && !anyPending(sqlite)) return 0;
    q = q.where('p.smsc_id', 'in', smscIds);
  } else q = q.limit(PENDING_PAGE);
  const waiting = await q.execute();
  const byRoute = new Map<string, Selectable<PendingReceiptTable>[]>();
  for (const p of waiting) {
    const rows = byRoute.get(p.route);
    if (rows) rows.push(p);
    else byRoute.set(p.route, [p]);
  }
  const done: number[] = [];
  for (const [route, rows] of byRoute) {
    const settled = await applyToMessages(conn, dialect, route, rows.map(fromPending), now, webhooks, evidence, sqlite);
    for (const p of rows) if (settled.has(p.smsc_id)) done.push(p.id);
  }
  // Receipts for later parts of long messages: nothing to apply (the first part's receipt speaks for the message).
  if (!smscIds) {
    const parts = await conn
      .selectFrom('pending_receipts as p')
      .innerJoin('message_parts as mp', (j) => j.onRef('mp.smsc_id', '=', 'p.smsc_id').onRef('mp.route', '=', 'p.route'))
      .where('mp.part', '>', 1)
      .select('p.id')
      .limit(PENDING_PAGE)
      .execute();
    done.push(...parts.map((p) => p.id));
  }
  if (done.length > 0) await conn.deleteFrom('pending_receipts').where('id', 'in', done).execute();
  return done.length;
}

const anyPendingStatements = new WeakMap<SqliteDatabase.Database, SqliteDatabase.Statement<[], { one: number }>>();
function anyPending(sqlite: SqliteDatabase.Database): boolean {
  let stmt = anyPendingStatements.get(sqlite);
  if (!stmt) anyPendingStatements.set(sqlite, (stmt = sqlite.prepare<[], { one: number }>('SELECT 1 AS one FROM pending_receipts LIMIT 1')));
  return stmt.get() !== undefined;
}

export function fromPending(p: Selectable<PendingReceiptTable>): IncomingReceipt {
  return {
    receipt: {
      smscId: p.smsc_id,
      status: p.status,
      carrierState: p.carrier_state,
      ...(p.error_code ? { errorCode: p.error_code } : {}),
      ...(p.done_at ? { doneAt: new Date(p.done_at) } : {}),
    },
    toHash: p.to_hash,
    receivedAt: p.received_at,
  };
}

