// The operator's knowing re-send of messages whose delivery is unknown (送達不明): each may already be on
// the phone, so nothing is re-sent without an explicit confirmation of the duplicate risk. Each becomes a
// new message (the next step for the same person); the old one stays in the history. Audited.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { auditCampaign } from './audit.ts';
import { evidenceActor } from '../core/evidence/actor.ts';

/** What the operator must send back to show they accept that some people may get the SMS twice. */
export const DUPLICATE_RISK_CONFIRMATION = 'duplicate-risk';

export const DUPLICATE_RISK = {
  ja: '同じSMSが二重に届く可能性があります。送達不明のメッセージは相手に届いている場合があります',
  en: 'the same SMS may reach the person twice: a message whose delivery is unknown may have arrived',
} as const;

export interface ResendOutcome {
  /** Old message id → the new message's id. */
  resent: { from: number; to: number }[];
}

export async function resendUnknown(
  deps: { store: Store; poke(): void },
  campaign: Campaign,
  actor: string,
  request: { messageIds?: number[] | undefined; confirm?: string | undefined },
): Promise<ResendOutcome> {
  if (request.confirm !== DUPLICATE_RISK_CONFIRMATION) {
    throw new TodokuError(
      'TODOKU_E_DUPLICATE_RISK',
      { ja: `${DUPLICATE_RISK.ja}。再送するには confirm: "${DUPLICATE_RISK_CONFIRMATION}" を指定してください。何も送信していません`, en: `${DUPLICATE_RISK.en}. To re-send, confirm with "${DUPLICATE_RISK_CONFIRMATION}". Nothing was sent` },
      { field: 'confirm', expected: DUPLICATE_RISK_CONFIRMATION },
    );
  }
  const result = await deps.store.messages.resendUnknown({ campaignId: campaign.id, messageIds: request.messageIds }, evidenceActor(actor));
  if (!result.ok) {
    const status = result.campaignStatus ?? campaign.status;
    throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: `このキャンペーンは現在「${CAMPAIGN_STATUS_LABELS[status].ja}」のため再送できません`,
      en: `campaign is ${status}: cannot re-send`,
    });
  }
  await auditCampaign(deps.store, actor, 'campaign.resend_unknown', campaign, {
    resent: result.resent.length,
    messages: result.resent.map((r) => r.from),
    confirmed: DUPLICATE_RISK_CONFIRMATION,
  });
  if (result.resent.length > 0) deps.poke();
  return { resent: result.resent };
}
