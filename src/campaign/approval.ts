// Approval before a send (maker/checker): an operator asks for a draft to be sent now or at a time; a
// different person with the approver permission (an approver or an administrator) approves or rejects it
// with a comment. One rule: approving starts the send (or the schedule) exactly as requested, so the
// approver approves what happens. A request whose campaign changed since no longer applies (stale).
// Every step is audited; requests and decisions are entered in the evidence ledger (store/approvals.ts).
import type { Campaign } from '../store/schema.ts';
import type { ApprovalRequest } from '../store/schema-approvals.ts';
import { TodokuError } from '../core/errors.ts';
import { APPROVAL_STATUS_LABELS, CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { sameRequester, type Requester } from '../core/approval.ts';
import { blockingError, lintForCampaign } from './lint.ts';
import { issuesError, parseOrThrow, validateCampaign } from './validate.ts';
import { linkWithoutPage, sendCampaign, type SendingDeps, type SendResult } from './send.ts';
import { formalNoticeCheck } from './formal-notice.ts';
import { snapshotOf } from './approval-snapshot.ts';
import { approvalStale, stillApplies } from './approval-gate.ts';
import { auditCampaign } from './audit.ts';

export interface ApprovalInput {
  scheduledAt?: number | undefined;
  note?: string | undefined;
}

/** Someone asking or deciding: who (for the rule "not your own") and the audit log's name. */
export interface Person {
  who: Requester;
  actor: string;
}

function notFound(id: number): TodokuError {
  return new TodokuError('TODOKU_E_NOT_FOUND', { ja: `承認依頼 #${id} は見つかりません`, en: `approval request #${id} not found` });
}

function notPending(r: ApprovalRequest): TodokuError {
  const s = APPROVAL_STATUS_LABELS[r.status];
  return new TodokuError(
    'TODOKU_E_APPROVAL_STATE',
    { ja: `承認依頼 #${r.id} は「${s.ja}」のため、承認・差戻し・取下げはできません`, en: `approval request #${r.id} is ${s.en.toLowerCase()}: it can no longer be approved, rejected or withdrawn` },
    { request: r.id, status: r.status },
  );
}

function notDraft(c: Campaign): TodokuError {
  const s = CAMPAIGN_STATUS_LABELS[c.status];
  return new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
    ja: `キャンペーン「${c.name}」は「${s.ja}」です。承認を依頼・承認できるのは送信前（準備中）のキャンペーンだけです`,
    en: `campaign "${c.name}" is ${s.en.toLowerCase()}: only a draft can be put up for approval or approved`,
  });
}

/** What the send would refuse, checked when asking (so an approver never sees a request that cannot go). */
async function sendable(deps: SendingDeps, campaign: Campaign, scheduledAt: number | undefined): Promise<{ recipients: number; totalParts: number }> {
  const source = campaign.template ?? '';
  const blocked = blockingError(await lintForCampaign(deps.store, deps.lint, campaign, source));
  if (blocked) throw blocked;
  const deadLink = await linkWithoutPage(deps.store, deps.composer, campaign, source);
  if (deadLink) throw deadLink;
  const unconsented = await formalNoticeCheck(deps.store, campaign);
  if (unconsented) throw unconsented;
  const v = await validateCampaign(deps.store, deps.composer, campaign, parseOrThrow(deps.composer, source), deps.limits);
  if (v.recipients === 0) throw new TodokuError('TODOKU_E_NO_RECIPIENTS', { ja: '宛先がありません。先に CSV を取り込んでください', en: 'no recipients: import a CSV first' });
  if (v.rowsWithIssues > 0) throw issuesError(v);
  if (scheduledAt !== undefined && scheduledAt <= deps.now()) throw new TodokuError('TODOKU_E_SCHEDULE_PAST', { ja: '予約日時が過去です', en: 'the scheduled time is in the past' });
  return { recipients: v.recipients, totalParts: v.totalParts };
}

/** Asks for approval; a request of the campaign still pending is withdrawn by the new one. */
export async function requestApproval(deps: SendingDeps, campaign: Campaign, by: Person, input: ApprovalInput): Promise<ApprovalRequest> {
  if (campaign.status !== 'draft') throw notDraft(campaign);
  const figures = await sendable(deps, campaign, input.scheduledAt);
  const snapshot = await snapshotOf(deps.store, campaign);
  const { request, withdrawn } = await deps.store.approvals.create({
    campaignId: campaign.id,
    kind: input.scheduledAt === undefined ? 'now' : 'schedule',
    scheduledAt: input.scheduledAt ?? null,
    note: input.note?.trim() || null,
    requester: by.who,
    actor: by.actor,
    snapshot: snapshot.text,
    snapshotSha256: snapshot.sha256,
    recipients: figures.recipients,
    totalParts: figures.totalParts,
  });
  await auditCampaign(deps.store, by.actor, 'campaign.approval.request', campaign, {
    request: request.id,
    kind: request.kind,
    scheduledAt: request.scheduled_at,
    recipients: figures.recipients,
    totalParts: figures.totalParts,
    ...(withdrawn.length > 0 ? { withdrawn } : {}),
  });
  return request;
}

export interface Decided {
  request: ApprovalRequest;
  /** Approving starts the send; what it gave, or why it did not go (the approval stays and can be sent). */
  send?: { ok: true; result: SendResult } | { ok: false; error: TodokuError };
}

async function load(deps: SendingDeps, id: number): Promise<{ request: ApprovalRequest; campaign: Campaign }> {
  const request = await deps.store.approvals.byId(id);
  if (!request) throw notFound(id);
  const campaign = await deps.store.campaigns.byId(request.campaign_id);
  if (!campaign) throw notFound(id);
  return { request, campaign };
}

/**
 * Approves (and starts the send as requested) or rejects with a comment. Refused for one's own request,
 * for a request no longer pending, and (approving) when the campaign changed since it was asked for.
 */
export async function decideApproval(deps: SendingDeps, id: number, by: Person, decision: 'approve' | 'reject', comment: string | undefined): Promise<Decided> {
  const { store } = deps;
  const { request, campaign } = await load(deps, id);
  if (request.status !== 'pending') throw notPending(request);
  const requester: Requester = request.requested_by_user !== null ? { kind: 'user', id: request.requested_by_user } : { kind: 'apikey', id: request.requested_by_key ?? -1 };
  if (sameRequester(requester, by.who)) {
    throw new TodokuError(
      'TODOKU_E_APPROVAL_OWN',
      { ja: '自分の依頼は承認・差戻しできません。別の承認者に依頼してください', en: 'you cannot approve or reject your own request: another approver must decide it' },
      { request: id },
    );
  }
  const text = comment?.trim() || null;
  if (decision === 'reject') {
    if (text === null) throw new TodokuError('TODOKU_E_VALIDATION', { ja: '差戻しには理由（コメント）を書いてください', en: 'a rejection needs a comment saying why' }, { field: 'comment' });
    const decided = await store.approvals.decide(id, { status: 'rejected', decider: by.who, actor: by.actor, comment: text });
    if (!decided) throw notPending((await store.approvals.byId(id))!);
    await auditCampaign(store, by.actor, 'campaign.approval.reject', campaign, { request: id, requestedBy: request.requested_by });
    return { request: decided };
  }
  if (campaign.status !== 'draft') throw notDraft(campaign);
  if (!(await stillApplies(store, campaign, request, by.actor))) throw approvalStale(request);
  if (request.scheduled_at !== null && request.scheduled_at <= deps.now()) {
    throw new TodokuError('TODOKU_E_SCHEDULE_PAST', {
      ja: '依頼された予約日時を過ぎています。差し戻して、新しい日時で依頼し直してもらってください',
      en: 'the requested time has passed: reject the request so that it can be made again with a new time',
    });
  }
  const decided = await store.approvals.decide(id, { status: 'approved', decider: by.who, actor: by.actor, comment: text });
  if (!decided) throw notPending((await store.approvals.byId(id))!);
  await auditCampaign(store, by.actor, 'campaign.approval.approve', campaign, { request: id, requestedBy: request.requested_by });
  try {
    const result = await sendCampaign(deps, campaign, by.actor, { approval: decided });
    return { request: (await store.approvals.byId(id))!, send: { ok: true, result } };
  } catch (err) {
    if (!(err instanceof TodokuError)) throw err;
    return { request: decided, send: { ok: false, error: err } };
  }
}

/** The requester (or another operator) takes a pending request back. */
export async function withdrawApproval(deps: SendingDeps, id: number, by: Person): Promise<ApprovalRequest> {
  const { request, campaign } = await load(deps, id);
  if (request.status !== 'pending') throw notPending(request);
  const withdrawn = await deps.store.approvals.withdraw(id, by.who, by.actor);
  if (!withdrawn) throw notPending((await deps.store.approvals.byId(id))!);
  await auditCampaign(deps.store, by.actor, 'campaign.approval.withdraw', campaign, { request: id });
  return withdrawn;
}

/** A request as shown with its campaign: still valid (the campaign as it was asked for) or not. */
export async function approvalStatus(deps: SendingDeps, request: ApprovalRequest, actor: string): Promise<{ request: ApprovalRequest; applies: boolean | null }> {
  const open = request.status === 'pending' || (request.status === 'approved' && request.sent_at === null);
  if (!open) return { request, applies: null };
  const campaign = await deps.store.campaigns.byId(request.campaign_id);
  if (!campaign || campaign.status !== 'draft') return { request, applies: null };
  const applies = await stillApplies(deps.store, campaign, request, actor);
  return { request: applies ? request : ((await deps.store.approvals.byId(request.id)) ?? request), applies };
}
