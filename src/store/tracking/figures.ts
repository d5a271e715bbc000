// What each figure of a campaign counts, defined once. The campaign list and page, the CLI's `status`,
// the funnel, its chart and the results export all read these, so they agree on the same campaign:
//  - people, not messages: each person's *current* campaign message is theirs — the first one, or the
//    re-send that replaced it (the replaced one is marked resent_at). Operator replies and opt-out
//    confirmations are conversation, not the campaign's reach, and are never counted here.
//  - replies count people (distinct numbers), and in the chart each person at their first reply.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { MessageState } from '../../core/message.ts';

/** States that mean the message went to the carrier (submitted or later; 'unknown': no receipt ever came). */
export const SENT_STATES = ['submitted', 'delivered', 'undeliverable', 'expired', 'rejected', 'unknown'] as const satisfies readonly MessageState[];
/** States that end a message without delivery. */
export const FAILED_STATES = ['undeliverable', 'expired', 'rejected', 'failed'] as const satisfies readonly MessageState[];

/** Each person's current campaign message in this campaign (one row per recipient once sending has begun). */
export function currentMessages(db: Kysely<Database>, campaignId: number) {
  return db.selectFrom('messages').where('campaign_id', '=', campaignId).where('kind', '=', 'campaign').where('resent_at', 'is', null);
}

/** People per state of their current campaign message: the `counts` of the campaign list, page and CLI. */
export async function peopleByState(db: Kysely<Database>, campaignId: number): Promise<Record<string, number>> {
  const rows = await currentMessages(db, campaignId)
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** The funnel's message steps, read from `peopleByState`. */
export function reachOf(byState: Readonly<Record<string, number>>): { sent: number; delivered: number; failed: number } {
  const sum = (states: readonly string[]) => states.reduce((n, s) => n + (byState[s] ?? 0), 0);
  return { sent: sum(SENT_STATES), delivered: byState.delivered ?? 0, failed: sum(FAILED_STATES) };
}
