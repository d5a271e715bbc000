// Table shapes as Kysely sees them. Times are epoch milliseconds (numbers) on both databases;
// personal fields are sealed by the vault (`*_enc`) or blind-indexed (`*_hash`).
import type { RoutingTables } from './schema-routing.ts';
import type { TemplateTables } from './schema-templates.ts';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { LandingDatabase } from './schema-landing.ts';
import type { RecipientActionTables } from './schema-recipient-actions.ts';
import type { AccountTables, Role } from './schema-accounts.ts';
import type { WebhookTables } from './schema-webhooks.ts';
import type { EvidenceTables } from './schema-evidence.ts';
import type { BankTransferTables } from './schema-bank-transfers.ts';
import type { ApprovalTables } from './schema-approvals.ts';
import type { DebtorActionTables } from './schema-debtor-actions.ts';
import type { PaymentMarkTables } from './schema-payment-marks.ts';
import type { CadenceTables } from './schema-cadences.ts';

import type { CampaignStatus } from '../core/campaign-status.ts';
import type { MessageState } from '../core/message.ts';
import type { NoticeKind } from '../core/lint/types.ts';
import type { RejectReason } from '../core/csv/row.ts';
import type { ReceiptStatus } from '../core/carrier.ts';
import type { MessageKind } from '../core/inbound/message-kinds.ts';
import type { ConsentMethod, NoticeFormality } from '../core/consent.ts';
import type { UpkeepTables } from './schema-upkeep.ts';
export type { CampaignStatus };

export interface CampaignTable {
  id: Generated<number>;
  name: string;
  status: CampaignStatus;
  template: string | null;
  /** The template frozen when sending was confirmed. */
  sent_template: string | null;
  sender: string | null;
  /** Column mapping of the last import, JSON: [{header, field}] */
  columns_json: string | null;
  encoding: string | null;
  accepted_count: Generated<number>;
  rejected_count: Generated<number>;
  created_at: number;
  updated_at: number;
  send_requested_at: number | null;
  completed_at: number | null;
  /** Sending starts at this instant (null: at once when confirmed). */
  scheduled_at: number | null;
  /** The organisation's time zone for this campaign's policy (null: Asia/Tokyo). */
  time_zone: string | null;
  /** Contact policy pack id (null: the Japanese money-lending rules). */
  policy_pack: string | null;
  /** Which routes may carry it (null: 'default'). */
  route_profile: string | null;
  /** null: first. The wording lint is stricter on a first notice. */
  notice_kind: NoticeKind | null;
  /** A finished campaign the office archived: hidden from the list, kept for records (null: not archived). */
  archived_at: number | null;
  /** 債権譲渡通知 (assignment) or 正式な通知 (formal): sending needs every recipient's recorded consent (migration 0017). */
  notice_formality: NoticeFormality | null;
  /** When the retention upkeep removed the personal data not kept as evidence (null: not yet). */
  personal_data_purged_at: number | null;
  /** When the sealed evidence content went, TODOKU_EVIDENCE_RETENTION_YEARS after the last entry (null: kept). */
  evidence_content_purged_at: number | null;
}

export interface RecipientTable {
  id: Generated<number>;
  campaign_id: number;
  line: number;
  phone_hash: string;
  /** Sealed JSON {phone (E.164), fields (all columns by field name)}: one seal per row. */
  fields_enc: string;
  created_at: number;
  /** Prior consent to notices by SMS (migration 0017): the date it was given, YYYY-MM-DD, or null. */
  consent_at: string | null;
  consent_method: ConsentMethod | null;
  /** How it was obtained, in the office's words, sealed (it may name people). */
  consent_note_enc: string | null;
}

export interface RejectionTable {
  id: Generated<number>;
  campaign_id: number;
  line: number;
  reason: RejectReason;
  message_ja: string;
  message_en: string;
  raw_enc: string | null;
  created_at: number;
}

export interface MessageTable {
  id: Generated<number>;
  campaign_id: number;
  recipient_id: number;
  /** 0: the campaign's message; 1, 2 …: later ones to the same person (steps, operator replies). */
  seq: Generated<number>;
  /** 'campaign' (rendered from the template when sent), or a reply / confirmation (body_enc set when created). */
  kind: Generated<MessageKind>;
  state: MessageState;
  attempts: Generated<number>;
  next_attempt_at: number;
  worker_id: string | null;
  claimed_at: number | null;
  body_enc: string | null;
  link_code: string | null;
  parts: number | null;
  route: string | null;
  smsc_id: string | null;
  error_code: string | null;
  error_reason: string | null;
  carrier_state: string | null;
  submitted_at: number | null;
  delivered_at: number | null;
  final_at: number | null;
  created_at: number;
  updated_at: number;
  /** The recipient's number as a keyed hash (frequency caps, late-receipt adoption). */
  to_hash: string | null;
  /** An 'unknown' message the operator knowingly re-sent (as a new message, the next step): when. */
  resent_at: number | null;
  /** A test send (kind 'test'): the organisation's test number it goes to instead of the recipient's, sealed. */
  test_to_enc: Generated<string | null>;
}

/** Receipts that arrived before we had stored their message's SMSC id. */
export interface PendingReceiptTable {
  id: Generated<number>;
  route: string;
  smsc_id: string;
  to_hash: string | null;
  status: ReceiptStatus;
  carrier_state: string;
  error_code: string | null;
  done_at: number | null;
  received_at: number;
}

export interface WorkerTable {
  id: string;
  started_at: number;
  heartbeat_at: number;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
  /** What the key may do (migration 0005); 'operator' unless an administrator chose otherwise. */
  role: Generated<Role>;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  details_json: string | null;
}

export interface Database extends RoutingTables, TemplateTables, LandingDatabase, RecipientActionTables, AccountTables, WebhookTables, EvidenceTables, ApprovalTables, UpkeepTables, BankTransferTables, DebtorActionTables, CadenceTables, PaymentMarkTables {
  campaigns: CampaignTable;
  recipients: RecipientTable;
  rejections: RejectionTable;
  messages: MessageTable;
  pending_receipts: PendingReceiptTable;
  workers: WorkerTable;
  api_keys: ApiKeyTable;
  audit_log: AuditTable;
}

export type Campaign = Selectable<CampaignTable>;
export type NewCampaign = Insertable<CampaignTable>;
export type CampaignUpdate = Updateable<CampaignTable>;
export type Message = Selectable<MessageTable>;
export type Recipient = Selectable<RecipientTable>;
export type ApiKey = Selectable<ApiKeyTable>;
export type Rejection = Selectable<RejectionTable>;
export type { ColumnType };
