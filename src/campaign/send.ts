// Sending as an operator asks for it: the wording lint's blocking rules checked on a draft, the
// confirmation (every row valid, messages created once, sending now or at the scheduled time), the audit
// line, and a wake-up for this process's dispatchers; pausing, resuming and cancelling likewise.
// The HTTP handlers (web/api/campaigns.ts) only translate requests into these calls and the results back.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { RouteLimits } from '../core/segments.ts';
import type { Composer } from './compose.ts';
import type { Validation } from './validate.ts';
import { blockingError, lintForCampaign, type LintSettings } from './lint.ts';
import { cancelCampaign, confirmSend, pauseCampaign, resumeCampaign } from './control.ts';
import { auditCampaign } from './audit.ts';
import { TodokuError } from '../core/errors.ts';
import type { ApprovalRequest } from '../store/schema-approvals.ts';
import { approvalGate } from './approval-gate.ts';
import { formalNoticeCheck } from './formal-notice.ts';

export interface SendingDeps {
  store: Store;
  composer: Composer;
  limits: RouteLimits;
  lint: LintSettings;
  /** Tells local dispatchers there is new work (others find it on their next look). */
  poke(): void;
  now: () => number;
}

export interface SendResult {
  campaign: Campaign;
  queued: number;
  /** Recipients and parts as validated now; a campaign already sending reports its accepted rows and 0 parts. */
  recipients: number;
  totalParts: number;
}

/**
 * Confirms a campaign; confirming again is harmless (messages exist once per recipient). While the
 * organisation requires approval, a draft goes only under an approved request that still applies, at the
 * time it was approved for (`input.approval`: the request an approver has just approved).
 */
export async function sendCampaign(
  deps: SendingDeps,
  campaign: Campaign,
  actor: string,
  input: { template?: string | undefined; scheduledAt?: number | undefined; approval?: ApprovalRequest | undefined } = {},
): Promise<SendResult> {
  const { store } = deps;
  // Only a draft is linted: a campaign already confirmed was checked then, and confirming it again changes nothing.
  if (campaign.status === 'draft') {
    const source = input.template ?? campaign.template ?? '';
    const blocked = blockingError(await lintForCampaign(store, deps.lint, campaign, source));
    if (blocked) throw blocked;
    const deadLink = await linkWithoutPage(store, deps.composer, campaign, source);
    if (deadLink) throw deadLink;
    // A formal notice (債権譲渡通知 / 正式な通知) goes only to people whose prior consent is recorded.
    const unconsented = await formalNoticeCheck(store, campaign);
    if (unconsented) throw unconsented;
  }
  const approval = input.approval ?? (await approvalGate(store, campaign, actor, input));
  const scheduledAt = approval ? (approval.scheduled_at ?? undefined) : input.scheduledAt;
  // `approval` reaches the ledger's send.confirmed entry (send-evidence.ts).
  const options = { template: input.template, limits: deps.limits, scheduledAt, now: deps.now(), actor, approval: approval?.id ?? null };
  const result = await confirmSend(store, deps.composer, campaign, options);
  if (approval && result.campaign.status !== 'draft') await store.approvals.markSent(approval.id);
  await auditCampaign(store, actor, 'campaign.send', campaign, { queued: result.queued, ...(approval ? { approval: approval.id } : {}) });
  deps.poke();
  return { campaign: result.campaign, queued: result.queued, ...counts(result.validation, result.campaign) };
}

/**
 * A template with {{url}} sends each person a link to their page; without a page configured that link
 * shows only 「ただいま表示できません」, so such a send is refused before any message exists. Preview
 * reports the same error as one of its blockers.
 */
export async function linkWithoutPage(store: Store, composer: Composer, campaign: Pick<Campaign, 'id'>, source: string): Promise<TodokuError | null> {
  if (source.trim() === '' || !composer.parse(source).fields.includes('url')) return null;
  if (await store.landing.campaignLanding(campaign.id)) return null;
  const path = `PUT /api/v1/campaigns/${campaign.id}/landing`;
  return new TodokuError(
    'TODOKU_E_LANDING_REQUIRED',
    {
      ja: `{{url}} を使うには受信者ページを設定してください: ${path}（コンソールではキャンペーンの「受信者ページ」）。ページがないと、リンクを開いた人には「ただいま表示できません」としか表示されません。何も送信していません`,
      en: `to use {{url}}, set up the recipient page first: ${path} (in the console, the campaign's "Recipient page"). Without one the link shows only "cannot be shown right now". Nothing was sent`,
    },
    { field: 'url', fix: path },
  );
}

function counts(v: Validation | null, c: Campaign): { recipients: number; totalParts: number } {
  return { recipients: v?.recipients ?? c.accepted_count, totalParts: v?.totalParts ?? 0 };
}

export async function pauseSending(deps: SendingDeps, campaign: Campaign, actor: string): Promise<Campaign> {
  const updated = await pauseCampaign(deps.store, campaign, actor);
  await auditCampaign(deps.store, actor, 'campaign.pause', campaign);
  deps.poke();
  return updated;
}

/** Back to sending, or back on schedule when its time has not come yet. */
export async function resumeSending(deps: SendingDeps, campaign: Campaign, actor: string): Promise<Campaign> {
  const updated = await resumeCampaign(deps.store, campaign, deps.now(), actor);
  await auditCampaign(deps.store, actor, 'campaign.resume', campaign);
  deps.poke();
  return updated;
}

/** Cancels what has not gone out; what the carrier already has is counted, not recalled. */
export async function cancelSending(deps: Pick<SendingDeps, 'store'>, campaign: Campaign, actor: string): Promise<{ campaign: Campaign; cancelled: number; alreadySubmitted: number }> {
  const result = await cancelCampaign(deps.store, campaign, actor);
  await auditCampaign(deps.store, actor, 'campaign.cancel', campaign, { cancelled: result.cancelled, alreadySubmitted: result.alreadySubmitted });
  return result;
}
