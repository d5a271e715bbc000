// unknown → a new queued message: the operator's knowing re-send of messages that may or may not have
// reached the phone. The old row stays as it was (history, and a late receipt may still settle it), marked
// resent_at so that a second re-send skips it; the new one is the next step (seq) for the same person in the
// same campaign, with the same kind and, for replies and confirmations, the same text. A completed campaign
// goes back to sending until the new messages are final. Each re-send is an evidence entry on the old
// message naming the new one and who asked, in the same transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { CampaignStatus } from '../../core/campaign-status.ts';
import type { EvidenceActor } from '../../core/evidence/actor.ts';
import type { DebtorActionKind, DebtorActionState } from '../../core/debtor-actions.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from '../evidence/recorder.ts';

export interface ResendRequest {
  campaignId: number;
  /** Only these messages (of the campaign); all of its 'unknown' ones when absent. */
  messageIds?: readonly number[] | undefined;
}

export type ResendResult =
  | { ok: true; resent: { from: number; to: number }[]; campaignStatus: CampaignStatus }
  | { ok: false; campaignStatus: CampaignStatus | null };

/** A campaign in these states can send the new messages (a paused one when it resumes). */
const CAN_SEND: readonly CampaignStatus[] = ['sending', 'paused', 'awaiting_receipts', 'completed'];
/** What a person reported on their page that stops every message to them for this debt, and while it does. */
const STOPPING_KINDS: DebtorActionKind[] = ['dispute', 'not_me'];
const STOPPING_STATES: DebtorActionState[] = ['open', 'resolved'];
/** States that no longer send: new messages put the campaign back to sending. */
const SENT_OUT: readonly CampaignStatus[] = ['awaiting_receipts', 'completed'];

export async function resendUnknown(db: Kysely<Database>, request: ResendRequest, t: number, evidence: EvidenceRecorder = NO_EVIDENCE, operator: EvidenceActor = { by: null }): Promise<ResendResult> {
  return db.transaction().execute(async (trx) => {
    const campaign = await trx.selectFrom('campaigns').select('status').where('id', '=', request.campaignId).executeTakeFirst();
    if (!campaign || !CAN_SEND.includes(campaign.status)) return { ok: false, campaignStatus: campaign?.status ?? null };
    let q = trx
      .selectFrom('messages')
      .select(['id', 'recipient_id', 'kind', 'body_enc', 'to_hash'])
      .where('campaign_id', '=', request.campaignId)
      .where('state', '=', 'unknown')
      .where('resent_at', 'is', null)
      // A person who said 「心当たりがない」 or 「宛先の本人ではありません」 gets nothing more for this debt
      // while it is open or upheld (self-service, store/debtor-actions.ts): not even a knowing re-send.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('debtor_actions')
              .select('debtor_actions.id')
              .whereRef('debtor_actions.recipient_id', '=', 'messages.recipient_id')
              .where('debtor_actions.campaign_id', '=', request.campaignId)
              .where('debtor_actions.kind', 'in', STOPPING_KINDS)
              .where('debtor_actions.state', 'in', STOPPING_STATES),
          ),
        ),
      )
      .orderBy('id');
    if (request.messageIds) {
      if (request.messageIds.length === 0) return { ok: true, resent: [], campaignStatus: campaign.status };
      q = q.where('id', 'in', [...request.messageIds]);
    }
    const resent: { from: number; to: number }[] = [];
    for (const m of await q.execute()) {
      // Marked first, guarded: of two operators re-sending at once, only one creates the new message.
      const mine = await trx.updateTable('messages').set({ resent_at: t, updated_at: t }).where('id', '=', m.id).where('resent_at', 'is', null).executeTakeFirst();
      if (Number(mine.numUpdatedRows) === 0) continue;
      const top = await trx
        .selectFrom('messages')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('campaign_id', '=', request.campaignId)
        .where('recipient_id', '=', m.recipient_id)
        .executeTakeFirst();
      const row = await trx
        .insertInto('messages')
        .values({
          campaign_id: request.campaignId,
          recipient_id: m.recipient_id,
          seq: Number(top?.seq ?? 0) + 1,
          kind: m.kind,
          state: 'queued',
          next_attempt_at: t,
          // A campaign's own message is rendered from the template when sent (with a link of its own).
          body_enc: m.kind === 'campaign' ? null : m.body_enc,
          to_hash: m.to_hash,
          created_at: t,
          updated_at: t,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      resent.push({ from: m.id, to: row.id });
    }
    await evidence.append(
      trx,
      resent.map((r) => ({ kind: 'operator.action' as const, campaignId: request.campaignId, messageId: r.from, at: t, data: { action: 'resend_unknown', ...operator, count: 1, next: r.to } })),
    );
    let status = campaign.status;
    if (resent.length > 0 && SENT_OUT.includes(status)) {
      await trx.updateTable('campaigns').set({ status: 'sending', completed_at: null, updated_at: t }).where('id', '=', request.campaignId).where('status', 'in', SENT_OUT).execute();
      status = 'sending';
    }
    return { ok: true, resent, campaignStatus: status };
  });
}
