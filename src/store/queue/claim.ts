// queued → submitting: a worker takes up to `limit` due messages of sending campaigns whose route
// profile is `profile` (replies and opt-out confirmations go whatever became of their campaign). The
// claim counts as an attempt; only this worker may record the answer. The claiming route is written at
// once: if the worker dies mid-send, that route's validity and resendUnconfirmed decide what happens next.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';
import type { ClaimedMessage } from '../../core/queue.ts';
import { STEP_KIND, UNBOUND_KINDS } from '../../core/inbound/message-kinds.ts';
import { withDue } from './claim-due.ts';

export async function claimMessages(db: Kysely<Database>, dialect: Dialect, workerId: string, limit: number, profile: string, route: string | null, t: number): Promise<ClaimedMessage[]> {
  if (limit <= 0) return [];
  const due = db
    .selectFrom('messages as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select('m.id')
    .where('m.state', '=', 'queued')
    .where('m.next_attempt_at', '<=', t)
    // An operator's reply or an opt-out confirmation answers a person, whatever became of the campaign; a test send goes from a draft too.
    // A cadence's step goes while its cadence runs (or has completed) and the campaign's own send is confirmed.
    .where((eb) =>
      eb.or([
        eb.and([eb('c.status', '=', 'sending'), eb('m.kind', '!=', STEP_KIND)]),
        eb('m.kind', 'in', UNBOUND_KINDS),
        eb.and([
          eb('m.kind', '=', STEP_KIND),
          eb('c.status', 'in', ['sending', 'awaiting_receipts', 'completed']),
          // 'completed': everyone reached their last step, whose message may still be waiting for the policy.
          eb.exists(eb.selectFrom('cadences as k').select('k.id').whereRef('k.campaign_id', '=', 'c.id').where('k.state', 'in', ['running', 'completed'])),
        ]),
      ]),
    )
    .where((eb) => eb.fn.coalesce('c.route_profile', sql.lit('default')), '=', profile)
    .orderBy('m.next_attempt_at')
    .orderBy('m.id')
    .limit(limit);
  const rows = await withDue(db, dialect, due, 'm')
    .updateTable('messages')
    .set((eb) => ({ state: 'submitting', worker_id: workerId, claimed_at: t, updated_at: t, attempts: eb('attempts', '+', 1), ...(route !== null ? { route } : {}) }))
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .where('state', '=', 'queued')
    .returning(['id', 'campaign_id', 'recipient_id', 'attempts', 'kind', 'body_enc', 'to_hash', 'test_to_enc'])
    .execute();
  return rows
    .map((r) => ({ id: r.id, campaignId: r.campaign_id, recipientId: r.recipient_id, attempts: r.attempts, bodyEnc: keepsText(r) ? r.body_enc : null, toHash: r.to_hash, ...(r.kind === STEP_KIND ? { cadenceStep: true } : {}), ...(r.test_to_enc ? { testToEnc: r.test_to_enc } : {}) }))
    .sort((a, b) => a.id - b.id);
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
