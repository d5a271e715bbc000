// One message's story as a list of events in time order: queued, submitted, delivered (or why not,
// with the carrier's error code), opened, identity checked, PDF downloaded, survey answered, payment
// started and paid, replies, what was sent back, and what the person asked for on their page. Pure: the store reads, this arranges.
import type { MessageHistory, MessageRecord } from '../store/tracking.ts';
import { FAILED_STATES } from '../store/tracking.ts';

export type TimelineKind =
  | 'queued'
  | 'waiting'
  | 'submitted'
  | 'delivered'
  | 'undeliverable'
  | 'expired'
  | 'rejected'
  | 'failed'
  | 'cancelled'
  | 'unknown'
  | 'opened'
  | 'verify_failed'
  | 'verified'
  | 'locked'
  | 'unlocked'
  | 'refused'
  | 'expired_view'
  | 'downloaded'
  | 'answered'
  | 'answer_changed'
  | 'checkout'
  | 'paid'
  | 'replied'
  | 'follow_up'
  | 'self_service'
  | 'self_service_closed';

export interface TimelineEvent {
  kind: TimelineKind;
  at: number;
  /** What is worth showing beside it (route, error code, browser, amount, intent …); never a number or a name. */
  detail: Record<string, string | number | boolean | null>;
  /** A reply's id (its text is shown only to those who may read texts). */
  replyId?: number;
}

const LANDING_KINDS: Record<string, TimelineKind> = {
  open: 'opened',
  verify_failed: 'verify_failed',
  verified: 'verified',
  locked: 'locked',
  unlocked: 'unlocked',
  refused: 'refused',
  expired_view: 'expired_view',
};

function outcome(m: MessageRecord): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (m.submittedAt !== null) {
    events.push({ kind: 'submitted', at: m.submittedAt, detail: { route: m.route, smscId: m.smscId, parts: m.parts, attempts: m.attempts } });
  }
  if (m.state === 'delivered') {
    events.push({ kind: 'delivered', at: m.deliveredAt ?? m.finalAt ?? m.submittedAt ?? m.createdAt, detail: { carrierState: m.carrierState } });
  } else if ((FAILED_STATES as readonly string[]).includes(m.state) || m.state === 'cancelled' || m.state === 'unknown') {
    events.push({
      kind: m.state as TimelineKind,
      at: m.finalAt ?? m.submittedAt ?? m.createdAt,
      detail: { carrierState: m.carrierState, errorCode: m.errorCode, errorReason: m.errorReason },
    });
  } else if (m.state === 'queued' && m.errorCode) {
    // Held back (contact policy, a transient error): when it may go, and why.
    events.push({ kind: 'waiting', at: m.nextAttemptAt, detail: { errorCode: m.errorCode, errorReason: m.errorReason } });
  }
  return events;
}

export function messageTimeline(m: MessageRecord, h: MessageHistory): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: 'queued', at: m.createdAt, detail: {} }, ...outcome(m)];
  for (const e of h.landing) {
    const kind = LANDING_KINDS[e.kind];
    if (kind) events.push({ kind, at: e.at, detail: { browser: e.browser, os: e.os } });
  }
  for (const at of h.downloads) events.push({ kind: 'downloaded', at, detail: {} });
  if (h.answer) {
    events.push({ kind: 'answered', at: h.answer.createdAt, detail: {} });
    if (h.answer.updatedAt > h.answer.createdAt) events.push({ kind: 'answer_changed', at: h.answer.updatedAt, detail: {} });
  }
  for (const c of h.checkouts) events.push({ kind: 'checkout', at: c.at, detail: { amount: c.amount, provider: c.provider } });
  if (h.payment?.state === 'paid' && h.payment.paidAt !== null) {
    events.push({ kind: 'paid', at: h.payment.paidAt, detail: { amount: h.payment.paidAmount ?? h.payment.amount, provider: h.payment.provider } });
  }
  for (const r of h.replies) events.push({ kind: 'replied', at: r.at, detail: { intent: r.intent, optOut: r.optOut }, replyId: r.id });
  for (const f of h.followUps) {
    events.push({ kind: 'follow_up', at: f.createdAt, detail: { messageId: f.id, kind: f.kind, state: f.state, errorCode: f.errorCode } });
  }
  // What the person asked for on their page, and when each request closed (kept, broken, reviewed, replaced).
  for (const r of h.requests ?? []) {
    events.push({ kind: 'self_service', at: r.at, detail: { request: r.kind, promisedDate: r.promisedDate, amount: r.amount } });
    if (r.resolvedAt !== null && r.state !== 'open') events.push({ kind: 'self_service_closed', at: r.resolvedAt, detail: { request: r.kind, state: r.state } });
  }
  // Stable: events at the same millisecond keep the order they were listed in (queued before submitted).
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i).map(({ e }) => e);
}
