// The rule at the send: while the organisation requires approval, a draft is sent (or scheduled) only
// under an approved request that still applies — the same template, page and list as when it was asked
// for, and the same time. Anything else is refused with a code saying what to do next.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { ApprovalRequest } from '../store/schema-approvals.ts';
import { TodokuError } from '../core/errors.ts';
import { APPROVAL_STATUS_LABELS } from '../core/labels.ts';
import { snapshotOf } from './approval-snapshot.ts';
import { auditCampaign } from './audit.ts';

export function approvalRequired(c: Pick<Campaign, 'id' | 'name'>, latest: ApprovalRequest | undefined): TodokuError {
  const state = latest ? APPROVAL_STATUS_LABELS[latest.status] : null;
  const path = `POST /api/v1/campaigns/${c.id}/approval-requests`;
  return new TodokuError(
    'TODOKU_E_APPROVAL_REQUIRED',
    {
      ja: `送信・予約には承認が必要です。承認を依頼し（${path}、コンソールでは送信の手順の「承認を依頼」）、別の承認者の承認を受けてください${state ? `（最新の依頼: ${state.ja}）` : ''}。何も送信していません`,
      en: `sending or scheduling needs approval: request it (${path}, in the console the send step's "Request approval") and have another approver approve it${state ? ` (latest request: ${state.en.toLowerCase()})` : ''}. Nothing was sent`,
    },
    { campaign: c.name, latestRequest: latest ? { id: latest.id, status: latest.status } : null, fix: path },
  );
}

export function approvalStale(request: Pick<ApprovalRequest, 'id'>): TodokuError {
  return new TodokuError(
    'TODOKU_E_APPROVAL_STALE',
    {
      ja: `承認依頼 #${request.id} の後に宛先リスト・本文・受信者ページ・送信設定のいずれかが変わったため、この承認は無効です。内容を確かめて、もう一度承認を依頼してください。何も送信していません`,
      en: `approval request #${request.id} no longer applies: the list, the template, the recipient page or the sending settings changed since it was made. Check them and request approval again. Nothing was sent`,
    },
    { request: request.id },
  );
}

/** Compares the campaign now with what was asked for; a request that no longer applies is marked stale. */
export async function stillApplies(store: Store, campaign: Campaign, request: ApprovalRequest, actor: string, template?: string | undefined): Promise<boolean> {
  const now = await snapshotOf(store, campaign, template);
  if (now.sha256 === request.snapshot_sha256) return true;
  if (await store.approvals.markStale(request.id)) await auditCampaign(store, actor, 'campaign.approval.stale', campaign, { request: request.id });
  return false;
}

/**
 * The approved request a send of this draft goes under: null when approval is not required (or the
 * campaign is past its draft, where confirming again changes nothing); refused otherwise.
 */
export async function approvalGate(
  store: Store,
  campaign: Campaign,
  actor: string,
  input: { template?: string | undefined; scheduledAt?: number | undefined },
): Promise<ApprovalRequest | null> {
  if (campaign.status !== 'draft') return null;
  if (!(await store.approvals.settings()).approvalRequired) return null;
  const approved = await store.approvals.usable(campaign.id);
  if (!approved) throw approvalRequired(campaign, await store.approvals.latestFor(campaign.id));
  // The approver approved a time too: sending at another one needs its own approval.
  const asked = approved.kind === 'schedule' ? approved.scheduled_at : null;
  if (input.scheduledAt !== undefined && input.scheduledAt !== asked) {
    throw new TodokuError(
      'TODOKU_E_APPROVAL_REQUIRED',
      {
        ja: `承認された送信日時（${asked === null ? '承認後すぐ' : new Date(asked).toISOString()}）と違う日時では送信できません。その日時で承認を依頼し直してください。何も送信していません`,
        en: `the approved time is ${asked === null ? 'at once' : new Date(asked).toISOString()}: sending at another time needs its own approval. Nothing was sent`,
      },
      { request: approved.id, approvedScheduledAt: asked === null ? null : new Date(asked).toISOString() },
    );
  }
  if (!(await stillApplies(store, campaign, approved, actor, input.template))) throw approvalStale(approved);
  return approved;
}
