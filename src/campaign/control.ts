// Sending control: confirm (materialise the messages and start), pause, resume, cancel. Each is entered
// in the evidence ledger with the state change it makes (send-evidence.ts for the confirmation).
import type { Store } from '../store/index.ts';
import type { Campaign, CampaignStatus } from '../store/schema.ts';
import type { Composer } from './compose.ts';
import type { RouteLimits } from '../core/segments.ts';
import { TodokuError } from '../core/errors.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { issuesError, parseOrThrow, validateCampaign, type Validation } from './validate.ts';
import { recordSendEvidence } from './send-evidence.ts';
import { evidenceActor } from '../core/evidence/actor.ts';
import type { WithEvidence } from '../store/campaigns.ts';

type Action = 'send' | 'pause' | 'resume' | 'cancel';
const ACTION_LABELS_JA: Record<Action, string> = { send: '送信', pause: '一時停止', resume: '再開', cancel: '取消' };

function stateError(c: Campaign, action: Action): TodokuError {
  // Everything has been handed to the carriers: nothing is left to hold back or call off, only receipts to wait for.
  if (c.status === 'awaiting_receipts' && (action === 'pause' || action === 'cancel')) {
    return new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: `すべてのメッセージを携帯電話会社に渡し終え、配達結果を待っています（配達待ち）。${ACTION_LABELS_JA[action]}できる送信は残っていません`,
      en: `every message has been handed to the carriers and the campaign is awaiting receipts: there is nothing left to ${action}`,
    });
  }
  return new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
    ja: `このキャンペーンは現在「${CAMPAIGN_STATUS_LABELS[c.status].ja}」のため${ACTION_LABELS_JA[action]}できません`,
    en: `the campaign is ${CAMPAIGN_STATUS_LABELS[c.status].en.toLowerCase()}: cannot ${action}`,
  });
}

/**
 * Validates every row, creates one message per recipient, then starts sending. Confirming again is
 * harmless: messages exist once per recipient, and a campaign already sending stays as it is.
 */
export async function confirmSend(
  store: Store,
  composer: Composer,
  campaign: Campaign,
  opts: { template?: string | undefined; limits: RouteLimits; scheduledAt?: number | undefined; now: number; actor?: string; approval?: number | null },
): Promise<{ campaign: Campaign; validation: Validation | null; queued: number }> {
  if (campaign.status === 'sending' || campaign.status === 'awaiting_receipts' || campaign.status === 'completed' || campaign.status === 'scheduled') {
    return { campaign, validation: null, queued: 0 };
  }
  if (campaign.status !== 'draft') throw stateError(campaign, 'send');
  // While a replacement is imported, the old list is set aside beside the new one: sending then would reach both.
  if (await store.recipients.hasSetAside(campaign.id)) {
    throw new TodokuError('TODOKU_E_LIST_REPLACING', {
      ja: 'リストの差し替えが終わっていません（取り込み中か、前回の差し替えが途中で止まりました）。差し替えが終わってから、または同じファイルでもう一度差し替えてから送信してください',
      en: 'the list is being replaced (or a replacement stopped half-way): send once it is in, or replace the list again first',
    });
  }
  const source = opts.template ?? campaign.template;
  const template = parseOrThrow(composer, source);
  const validation = await validateCampaign(store, composer, campaign, template, opts.limits);
  if (validation.recipients === 0) {
    throw new TodokuError('TODOKU_E_NO_RECIPIENTS', { ja: '宛先がありません。先に CSV を取り込んでください', en: 'no recipients: import a CSV first' });
  }
  if (validation.rowsWithIssues > 0) throw issuesError(validation);
  if (opts.scheduledAt !== undefined && opts.scheduledAt <= opts.now) {
    throw new TodokuError('TODOKU_E_SCHEDULE_PAST', { ja: '予約日時が過去です', en: 'the scheduled time is in the past' });
  }
  // Messages first, status second: a crash in between leaves a draft that can be confirmed again.
  const queued = await store.messages.materialise(campaign.id);
  const later = opts.scheduledAt !== undefined;
  const evidence = await recordSendEvidence(store, {
    campaignId: campaign.id,
    template: source ?? '',
    recipients: validation.recipients,
    actor: opts.actor ?? '',
    scheduledAt: opts.scheduledAt ?? null,
    approval: opts.approval ?? null,
  });
  await store.campaigns.transition(
    campaign.id,
    ['draft'],
    later ? 'scheduled' : 'sending',
    { template: source ?? null, sent_template: source ?? null, send_requested_at: opts.now, scheduled_at: opts.scheduledAt ?? null },
    evidence,
  );
  const updated = (await store.campaigns.byId(campaign.id))!;
  return { campaign: updated, validation, queued };
}

async function move(store: Store, campaign: Campaign, from: CampaignStatus[], to: CampaignStatus, action: Action, then?: WithEvidence): Promise<Campaign> {
  if (campaign.status === to) return campaign;
  if (!(await store.campaigns.transition(campaign.id, from, to, {}, then))) throw stateError(campaign, action);
  return (await store.campaigns.byId(campaign.id))!;
}

/** Pausing or resuming, as evidence: who, and how many messages were still waiting to go. */
async function holdEvidence(store: Store, c: Campaign, action: 'pause' | 'resume', actor: string): Promise<WithEvidence | undefined> {
  if (!store.evidence.enabled) return undefined;
  const waiting = (await store.messages.countsByState(c.id)).queued ?? 0;
  return (conn) => store.evidence.append(conn, [{ kind: 'operator.action', campaignId: c.id, messageId: null, data: { action, ...evidenceActor(actor), count: waiting } }]);
}

export const pauseCampaign = async (store: Store, c: Campaign, actor = '') => move(store, c, ['sending', 'scheduled'], 'paused', 'pause', await holdEvidence(store, c, 'pause', actor));
/** Resuming a campaign whose scheduled time has not come yet puts it back on schedule. */
export const resumeCampaign = async (store: Store, c: Campaign, now: number, actor = '') =>
  move(store, c, ['paused'], c.scheduled_at !== null && c.scheduled_at > now ? 'scheduled' : 'sending', 'resume', await holdEvidence(store, c, 'resume', actor));

/** Cancels what has not gone out; messages already with the carrier are left alone and counted. */
export async function cancelCampaign(store: Store, c: Campaign, actor = ''): Promise<{ campaign: Campaign; cancelled: number; alreadySubmitted: number }> {
  const updated = await move(store, c, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', 'cancel');
  const cancelled = await store.messages.cancelQueued(c.id, evidenceActor(actor));
  const counts = await store.messages.countsByState(c.id);
  const alreadySubmitted = Object.entries(counts)
    .filter(([s]) => s !== 'cancelled' && s !== 'queued')
    .reduce((n, [, k]) => n + k, 0);
  return { campaign: updated, cancelled, alreadySubmitted };
}
