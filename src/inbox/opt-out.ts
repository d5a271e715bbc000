// Opting a number out: it goes on the suppression list (audited), and the person gets one confirmation,
// sent through the queue like any message and exempt from the list it just joined. "One": not again
// when the same number asks again, unless the number was taken off the list in between.
import { CONFIRMATION_KIND } from '../core/inbound/message-kinds.ts';
import { optOutConfirmation } from '../core/inbound/confirmation.ts';
import type { SentTo } from '../store/inbound.ts';
import type { SuppressionSource } from '../store/suppressions.ts';
import type { InboxDeps } from './deps.ts';
import { evidenceActor } from '../core/evidence/actor.ts';

export interface OptOutInput {
  phone: string;
  source: SuppressionSource;
  /** Who did it, for the audit log: the person's reply ('recipient') or an operator. */
  actor: string;
  /** The reply that asked for it, if any. */
  inboundId?: number;
  /** What the reply answered, when already looked up. */
  sentTo?: SentTo | undefined;
}

export interface OptOutResult {
  /** Whether the number was newly put on the list. */
  added: boolean;
  /** The confirmation queued now, or null (already sent one, or nothing was ever sent to this number). */
  confirmationId: number | null;
}

export async function optOutNumber(deps: InboxDeps, input: OptOutInput): Promise<OptOutResult> {
  const { store } = deps;
  // What the person was last sent: the campaign and message the opt-out answers (for the evidence entry and the confirmation).
  const sentTo = input.sentTo ?? (await store.inbound.latestSentTo(store.suppressions.idOf(input.phone)));
  const source = input.source === 'reply' ? 'reply' : evidenceActor(input.actor).key !== undefined ? 'api' : 'operator';
  const { added, suppression } = await store.suppressions.add(
    { phone: input.phone, reason: 'opt_out', source: input.source },
    { source, campaignId: sentTo?.campaignId ?? null, messageId: sentTo?.messageId ?? null },
  );
  if (added) {
    await store.audit.append({
      actor: input.actor,
      action: 'suppression.add',
      target: `suppression:${suppression.id}`,
      details: { reason: 'opt_out', source: input.source, ...(input.inboundId === undefined ? {} : { inboundId: input.inboundId }) },
    });
  }
  // Nothing was ever sent to this number through Todoku: there is no campaign to answer within.
  if (!sentTo) return { added, confirmationId: null };
  const text = await confirmationText(deps, sentTo.campaignId);
  const confirmationId = await store.inbound.queueMessage({ ...sentTo, toHash: suppression.id }, { kind: CONFIRMATION_KIND, text }, () =>
    store.inbound.queuedSince(suppression.id, CONFIRMATION_KIND, suppression.createdAt),
  );
  if (confirmationId !== null) {
    deps.poke();
    deps.log?.info({ messageId: confirmationId, campaignId: sentTo.campaignId }, 'opt-out confirmation queued');
  }
  return { added, confirmationId };
}

/** Signed with the organisation's name (its settings), else the campaign's or the configured sender. */
async function confirmationText(deps: InboxDeps, campaignId: number): Promise<string> {
  const campaign = await deps.store.campaigns.byId(campaignId);
  const organisation = await deps.store.landing.organisation();
  const name = organisation?.name || campaign?.sender || deps.sender;
  return optOutConfirmation(name, campaign?.policy_pack === 'us_fdcpa_reg_f' ? 'en' : 'ja');
}
