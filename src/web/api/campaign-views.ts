// JSON shapes of campaigns and messages as the API shows them (zod, so OpenAPI documents them too).
import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../../core/campaign-status.ts';
import { MESSAGE_STATES } from '../../core/message.ts';
import { NOTICE_KINDS } from '../../core/lint/types.ts';
import { NOTICE_FORMALITIES } from '../../core/consent.ts';
import { POLICY_PACKS, type PolicyPackId } from '../../core/policy/packs.ts';
import { maskPhone } from '../../core/inbound/mask.ts';
import { MESSAGE_KINDS } from '../../core/inbound/message-kinds.ts';
import type { Campaign, Message } from '../../store/schema.ts';
import type { StoredRecipient } from '../../store/recipients.ts';
import type { Vault } from '../../security/vault.ts';
import { decodeColumns } from '../../core/csv/imported-columns.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const POLICY_PACK_IDS = Object.keys(POLICY_PACKS) as [PolicyPackId, ...PolicyPackId[]];

/** Messages by state; a state no message is in is left out. */
export const stateCounts = z.partialRecord(z.enum(MESSAGE_STATES), z.number());

export const campaignView = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(CAMPAIGN_STATUSES),
  scheduledAt: z.string().nullable(),
  timeZone: z.string(),
  routeProfile: z.string(),
  policyPack: z.enum(POLICY_PACK_IDS),
  noticeKind: z.enum(NOTICE_KINDS),
  /** 債権譲渡通知 (assignment) or 正式な通知 (formal): sent only to recipients with recorded consent; null: an ordinary notice. */
  formality: z.enum(NOTICE_FORMALITIES).nullable(),
  template: z.string().nullable(),
  sender: z.string().nullable(),
  encoding: z.string().nullable(),
  columns: z.array(z.object({ header: z.string(), field: z.string() })),
  acceptedCount: z.number(),
  rejectedCount: z.number(),
  counts: stateCounts,
  createdAt: z.string(),
  sendRequestedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** When a finished campaign was archived (hidden from the list unless asked for); null when it is not. */
  archivedAt: z.string().nullable(),
  /** What recipients did on their pages: messages paid / checkout pending, surveys answered, PDFs downloaded. */
  recipientActions: z.object({ paid: z.number(), paymentPending: z.number(), answered: z.number(), downloaded: z.number() }).optional(),
}).meta({ id: 'Campaign' });

export function toCampaignView(c: Campaign, counts: Record<string, number>): z.infer<typeof campaignView> {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    template: c.template,
    sender: c.sender,
    encoding: c.encoding,
    columns: decodeColumns(c.columns_json),
    acceptedCount: c.accepted_count,
    rejectedCount: c.rejected_count,
    counts,
    createdAt: iso(c.created_at)!,
    sendRequestedAt: iso(c.send_requested_at),
    scheduledAt: iso(c.scheduled_at),
    timeZone: c.time_zone ?? 'Asia/Tokyo',
    routeProfile: c.route_profile ?? 'default',
    // The store keeps these as text it validated on the way in (campaign settings parse them).
    policyPack: (c.policy_pack ?? 'jp_money_lending') as PolicyPackId,
    noticeKind: c.notice_kind ?? 'first',
    formality: c.notice_formality,
    completedAt: iso(c.completed_at),
    archivedAt: iso(c.archived_at),
  };
}

export const messageView = z.object({
  id: z.number(),
  line: z.number().nullable(),
  to: z.string().nullable().describe("the recipient's number; a test send's: the organisation's test number"),
  kind: z.enum(MESSAGE_KINDS).describe("'test': a test send to the organisation's own number (テスト送信), not counted in the figures"),
  state: z.enum(MESSAGE_STATES),
  text: z.string().nullable(),
  parts: z.number().nullable(),
  attempts: z.number(),
  route: z.string().nullable(),
  smscId: z.string().nullable(),
  carrierState: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorReason: z.string().nullable(),
  /** While queued: when it may go (a policy wait or a retry); null otherwise. */
  nextAttemptAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  finalAt: z.string().nullable(),
}).meta({ id: 'Message' });


/** A test send's number (the organisation's own phone), masked for a viewer as any number is. */
function testNumber(sealed: string, vault: Vault, personalData: boolean): string {
  const to = vault.decrypt(sealed);
  return personalData ? to : maskPhone(to);
}

/** A viewer sees states and times, not who was written to or what: numbers masked, texts withheld. */
export function toMessageView(m: Message, r: StoredRecipient | undefined, vault: Vault, opts: { personalData: boolean } = { personalData: true }): z.infer<typeof messageView> {
  return {
    id: m.id,
    line: r?.line ?? null,
    to: m.test_to_enc ? testNumber(m.test_to_enc, vault, opts.personalData) : r ? (opts.personalData ? r.phone : maskPhone(r.phone)) : null,
    kind: m.kind,
    state: m.state,
    text: m.body_enc && opts.personalData ? vault.decrypt(m.body_enc) : null,
    parts: m.parts,
    attempts: m.attempts,
    route: m.route,
    smscId: m.smsc_id,
    carrierState: m.carrier_state,
    errorCode: m.error_code,
    errorReason: m.error_reason,
    nextAttemptAt: m.state === 'queued' ? iso(m.next_attempt_at) : null,
    submittedAt: iso(m.submitted_at),
    deliveredAt: iso(m.delivered_at),
    finalAt: iso(m.final_at),
  };
}
