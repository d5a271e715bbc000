// queued → submitting: a worker takes up to `limit` due messages of sending campaigns whose route
// profile is `profile` (replies and opt-out confirmations go whatever became of their campaign). The
// claim counts as an attempt; only this worker may record the answer. The claiming route is written at
// once: if the worker dies mid-send, that route's validity and resendUnconfirmed decide what happens next.
import { CompiledQuery, type Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { Database } from '../schema.ts';
import type { ClaimedMessage } from '../../core/queue.ts';
import { CONFIRMATION_KIND, STEP_KIND, UNBOUND_KINDS } from '../../core/inbound/message-kinds.ts';
import { preparedRows } from './prepared-pg.ts';

interface ClaimedRow {
  id: number;
  campaign_id: number;
  recipient_id: number;
  attempts: number;
  kind: string;
  body_enc: string | null;
  to_hash: string | null;
  test_to_enc: string | null;
}

function toClaimed(r: ClaimedRow): ClaimedMessage {
  const m: ClaimedMessage = { id: r.id, campaignId: r.campaign_id, recipientId: r.recipient_id, attempts: r.attempts, bodyEnc: keepsText(r) ? r.body_enc : null, toHash: r.to_hash };
  if (r.kind === STEP_KIND) m.cadenceStep = true;
  if (r.test_to_enc) m.testToEnc = r.test_to_enc;
  return m;
}

const literal = (v: string) => {
  if (!/^[a-z_]+$/.test(v)) throw new Error(`not a plain word: ${v}`);
  return `'${v}'`;
};

/** Where each value goes: SQLite's named parameters or PostgreSQL's numbered ones. */
interface Slots {
  t: string;
  profile: string;
  limit: string;
  worker: string;
  route: string;
}

/**
 * The claim as one statement, the same on both databases (prepared once on SQLite's handle, a named
 * prepared statement on PostgreSQL: built through the query builder and planned afresh, it cost more
 * than running it, at every refill of the window). The campaign's say is a subquery per message, not a
 * join: PostgreSQL then walks messages_claim in order and stops at `limit` (as a join, its estimate of the
 * campaign's status, taken while the campaign was a draft, made it read and sort every queued message of
 * the campaign for each claim). States and kinds are literals, so the planner sees that the claim index's
 * predicate holds, in a generic plan too. The rule is store/queue/campaign-lets-go.ts's, written out.
 * PostgreSQL locks the due rows past the other workers (SKIP LOCKED; materialised, or it may re-run the
 * subquery per row and claim more than asked); the guard on the state is kept opaque to the planner, so
 * the rows are found by id.
 */
function claimText(dialect: 'sqlite' | 'postgres', p: Slots): { due: string; update: string } {
  const due = `
        SELECT m.id FROM messages AS m
         WHERE m.state = 'queued' AND m.next_attempt_at <= ${p.t}
           AND (SELECT ((c.status = 'sending' AND m.kind != ${literal(STEP_KIND)})
                        OR m.kind IN (${UNBOUND_KINDS.map(literal).join(', ')})
                        OR (m.kind = ${literal(STEP_KIND)} AND c.status IN ('sending', 'awaiting_receipts', 'completed')
                            AND EXISTS (SELECT k.id FROM cadences AS k WHERE k.campaign_id = c.id AND k.state IN ('running', 'completed'))))
                       AND coalesce(c.route_profile, 'default') = ${p.profile}
                  FROM campaigns AS c WHERE c.id = m.campaign_id)
         ORDER BY m.next_attempt_at, m.id
         LIMIT ${p.limit}${dialect === 'postgres' ? ' FOR UPDATE OF m SKIP LOCKED' : ''}`;
  const update = `
      UPDATE messages
         SET state = 'submitting', worker_id = ${p.worker}, claimed_at = ${p.t}, updated_at = ${p.t}, attempts = attempts + 1, route = coalesce(${p.route}, route)
       WHERE id IN (SELECT id FROM due) AND ${dialect === 'postgres' ? "(state || '')" : '+state'} = 'queued'
      RETURNING id, campaign_id, recipient_id, attempts, kind, body_enc, to_hash, test_to_enc`;
  return { due, update };
}

/**
 * SQLite: the claim prepared once on the handle. It runs holding Kysely's one connection, so it never
 * lands inside another caller's open transaction.
 */
export function sqliteClaim(db: Kysely<Database>, sqlite: SqliteDatabase.Database) {
  let stmt: SqliteDatabase.Statement<[Record<string, unknown>], ClaimedRow> | null = null;
  const { due, update } = claimText('sqlite', { t: '@t', profile: '@profile', limit: '@limit', worker: '@worker', route: '@route' });
  const prepare = () => sqlite.prepare<[Record<string, unknown>], ClaimedRow>(`WITH due AS MATERIALIZED (${due}) ${update}`);
  return async (workerId: string, limit: number, profile: string, route: string | null, t: number): Promise<ClaimedMessage[]> => {
    if (limit <= 0) return [];
    const rows = await db.connection().execute(async () => (stmt ??= prepare()).all({ t, profile, limit, worker: workerId, route }));
    return rows.map(toClaimed).sort((a, b) => a.id - b.id);
  };
}

/** A claimed message with what the worker reads about it next: its recipient (sealed) and whether its number is suppressed. */
export interface ClaimedWithRecipient {
  message: ClaimedMessage;
  /** The recipient's sealed number and fields; null when the row is gone. */
  fieldsEnc: string | null;
  /** On the suppression list (an opt-out confirmation still goes). */
  blocked: boolean;
}

const PG = claimText('postgres', { t: '$1::bigint', profile: '$2::text', limit: '$3::bigint', worker: '$4::text', route: '$5::text' });
const PG_CLAIM = `WITH due AS MATERIALIZED (${PG.due}) ${PG.update}`;
const PG_CLAIM_WITH_RECIPIENTS = `WITH due AS MATERIALIZED (${PG.due}), u AS (${PG.update})
      SELECT u.id, u.campaign_id, u.recipient_id, u.attempts, u.kind, u.body_enc, u.to_hash, u.test_to_enc, r.fields_enc,
             (u.kind != ${literal(CONFIRMATION_KIND)} AND EXISTS (SELECT 1 FROM suppressions s WHERE s.phone_hash = r.phone_hash)) AS blocked
        FROM u LEFT JOIN recipients r ON r.id = u.recipient_id`;

/** PostgreSQL: the claim alone. */
export async function claimPg(db: Kysely<Database>, pool: pg.Pool | undefined, workerId: string, limit: number, profile: string, route: string | null, t: number): Promise<ClaimedMessage[]> {
  if (limit <= 0) return [];
  const rows = await preparedRows(db, pool, CompiledQuery.raw(PG_CLAIM, [t, profile, limit, workerId, route]) as CompiledQuery<ClaimedRow>);
  return rows.map(toClaimed).sort((a, b) => a.id - b.id);
}

/**
 * PostgreSQL: the claim and, in the same statement, the claimed messages' recipients and the suppression
 * check (what claimed-reads.ts reads apart on SQLite): one round trip per refill of the window, not two.
 * The read sees the claim's snapshot.
 */
export async function claimWithRecipientsPg(db: Kysely<Database>, pool: pg.Pool | undefined, workerId: string, limit: number, profile: string, route: string | null, t: number): Promise<ClaimedWithRecipient[]> {
  if (limit <= 0) return [];
  const query = CompiledQuery.raw(PG_CLAIM_WITH_RECIPIENTS, [t, profile, limit, workerId, route]) as CompiledQuery<ClaimedRow & { fields_enc: string | null; blocked: boolean }>;
  const rows = await preparedRows(db, pool, query);
  return rows.map((r) => ({ message: toClaimed(r), fieldsEnc: r.fields_enc, blocked: r.blocked === true })).sort((a, b) => a.message.id - b.message.id);
}

/**
 * A campaign message is rendered from its template at each attempt; so is a cadence step, except a step
 * re-sent after 送達不明 (a new row on its first attempt that already holds the text): it goes out with the
 * step's own text as first sent, its link the original message's, since only that one is the step's.
 */
function keepsText(r: { kind: string; attempts: number; body_enc: string | null }): boolean {
  if (r.kind === 'campaign') return false;
  if (r.kind === STEP_KIND) return r.attempts === 1 && r.body_enc !== null;
  return true;
}
