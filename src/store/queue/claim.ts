// queued → submitting: a worker takes up to `limit` due messages of sending campaigns whose route
// profile is `profile` (replies and opt-out confirmations go whatever became of their campaign). The
// claim counts as an attempt; only this worker may record the answer. The claiming route is written at
// once: if the worker dies mid-send, that route's validity and resendUnconfirmed decide what happens next.
import { sql, type Kysely } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';
import type { ClaimedMessage } from '../../core/queue.ts';
import { STEP_KIND, UNBOUND_KINDS } from '../../core/inbound/message-kinds.ts';
import { withDue } from './claim-due.ts';
import { cadenceIn, campaignLetsGo } from './campaign-lets-go.ts';
import { stateGuard } from './state-guard.ts';

export async function claimMessages(db: Kysely<Database>, dialect: Dialect, workerId: string, limit: number, profile: string, route: string | null, t: number): Promise<ClaimedMessage[]> {
  if (limit <= 0) return [];
  // The campaign's say is a subquery per message, not a join: PostgreSQL then walks messages_claim in
  // order and stops at `limit`. As a join its estimate of the campaign's status (statistics taken while
  // the campaign was a draft) made it read and sort every queued message of the campaign for each claim.
  const due = db
    .selectFrom('messages as m')
    .select('m.id')
    .where('m.state', '=', 'queued')
    .where('m.next_attempt_at', '<=', t)
    .where((eb) =>
      eb
        .selectFrom('campaigns as c')
        .whereRef('c.id', '=', 'm.campaign_id')
        .select((c) => c.and([campaignLetsGo(c, cadenceIn(c, ['running', 'completed'])), c(c.fn.coalesce('c.route_profile', sql.lit('default')), '=', profile)]).as('eligible'))
        .$asScalar(),
    )
    .orderBy('m.next_attempt_at')
    .orderBy('m.id')
    .limit(limit);
  const rows = await withDue(db, dialect, due, 'm')
    .updateTable('messages')
    .set((eb) => ({ state: 'submitting', worker_id: workerId, claimed_at: t, updated_at: t, attempts: eb('attempts', '+', 1), ...(route !== null ? { route } : {}) }))
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .where(stateGuard(dialect), '=', 'queued')
    .returning(['id', 'campaign_id', 'recipient_id', 'attempts', 'kind', 'body_enc', 'to_hash', 'test_to_enc'])
    .execute();
  return rows.map(toClaimed).sort((a, b) => a.id - b.id);
}

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

/**
 * SQLite: the same claim as one statement prepared once on the handle (building it through the query
 * builder cost more than running it, at every refill of the window). The states and kinds are written
 * as literals, so the planner sees that the claim index's predicate holds. It runs holding Kysely's one
 * connection, so it never lands inside another caller's open transaction.
 */
export function sqliteClaim(db: Kysely<Database>, sqlite: SqliteDatabase.Database) {
  let stmt: SqliteDatabase.Statement<[Record<string, unknown>], ClaimedRow> | null = null;
  const prepare = () =>
    sqlite.prepare<[Record<string, unknown>], ClaimedRow>(`
      WITH due AS MATERIALIZED (
        SELECT m.id FROM messages AS m
         WHERE m.state = 'queued' AND m.next_attempt_at <= @t
           AND (SELECT ((c.status = 'sending' AND m.kind != ${literal(STEP_KIND)})
                        OR m.kind IN (${UNBOUND_KINDS.map(literal).join(', ')})
                        OR (m.kind = ${literal(STEP_KIND)} AND c.status IN ('sending', 'awaiting_receipts', 'completed')
                            AND EXISTS (SELECT k.id FROM cadences AS k WHERE k.campaign_id = c.id AND k.state IN ('running', 'completed'))))
                       AND coalesce(c.route_profile, 'default') = @profile
                  FROM campaigns AS c WHERE c.id = m.campaign_id)
         ORDER BY m.next_attempt_at, m.id
         LIMIT @limit)
      UPDATE messages
         SET state = 'submitting', worker_id = @worker, claimed_at = @t, updated_at = @t, attempts = attempts + 1, route = coalesce(@route, route)
       WHERE id IN (SELECT id FROM due) AND +state = 'queued'
      RETURNING id, campaign_id, recipient_id, attempts, kind, body_enc, to_hash, test_to_enc`);
  return async (workerId: string, limit: number, profile: string, route: string | null, t: number): Promise<ClaimedMessage[]> => {
    if (limit <= 0) return [];
    const rows = await db.connection().execute(async () => (stmt ??= prepare()).all({ t, profile, limit, worker: workerId, route }));
    return rows.map(toClaimed).sort((a, b) => a.id - b.id);
  };
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
