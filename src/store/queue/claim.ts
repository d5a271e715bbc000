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
        .select((c) =>
          c
            .and([
              // An operator's reply or an opt-out confirmation answers a person, whatever became of the campaign; a test send goes from a draft too.
              // A cadence's step goes while its cadence runs (or has completed) and the campaign's own send is confirmed.
              c.or([
                c.and([c('c.status', '=', 'sending'), c('m.kind', '!=', STEP_KIND)]),
                c('m.kind', 'in', UNBOUND_KINDS),
                c.and([
                  c('m.kind', '=', STEP_KIND),
                  c('c.status', 'in', ['sending', 'awaiting_receipts', 'completed']),
                  // 'completed': everyone reached their last step, whose message may still be waiting for the policy.
                  c.exists(c.selectFrom('cadences as k').select('k.id').whereRef('k.campaign_id', '=', 'c.id').where('k.state', 'in', ['running', 'completed'])),
                ]),
              ]),
              c(c.fn.coalesce('c.route_profile', sql.lit('default')), '=', profile),
            ])
            .as('eligible'),
        )
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
