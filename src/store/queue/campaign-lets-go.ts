// The campaign's side of whether a message may go, one rule for the claim (store/queue/claim.ts) and for
// the check before a message claimed ahead is handed over (store/queue/release-claimed.ts): an operator's
// reply or an opt-out confirmation answers a person whatever became of the campaign (a test send goes
// from a draft too); a campaign message while the campaign sends; a cadence's step while the campaign's
// own send is confirmed and `stepGoes` says its cadence (and, where asked, its person) still wants it.
// The claim states the same rule in its prepared SQL (with a step's cadence running or completed).
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../schema.ts';
import { STEP_KIND, UNBOUND_KINDS } from '../../core/inbound/message-kinds.ts';

/** A query over a message `m` and its campaign `c`. */
export type MessageAndCampaign = ExpressionBuilder<Database & { m: Database['messages']; c: Database['campaigns'] }, 'm' | 'c'>;

export function campaignLetsGo(eb: MessageAndCampaign, stepGoes: Expression<SqlBool>): Expression<SqlBool> {
  return eb.or([
    eb.and([eb('c.status', '=', 'sending'), eb('m.kind', '!=', STEP_KIND)]),
    eb('m.kind', 'in', UNBOUND_KINDS),
    // 'completed': everyone reached their last step, whose message may still be waiting for the policy.
    eb.and([eb('m.kind', '=', STEP_KIND), eb('c.status', 'in', ['sending', 'awaiting_receipts', 'completed']), stepGoes]),
  ]);
}
