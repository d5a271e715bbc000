// Table shapes of migration 0016: approval requests (maker/checker before a send).
import type { Generated, Selectable } from 'kysely';
import type { ApprovalKind, ApprovalStatus } from '../core/approval.ts';

export interface ApprovalRequestTable {
  id: Generated<number>;
  campaign_id: number;
  kind: ApprovalKind;
  /** kind 'schedule': when sending starts once approved. */
  scheduled_at: number | null;
  /** The requester's note to the approver. */
  note: string | null;
  requested_by_user: number | null;
  requested_by_key: number | null;
  /** The audit log's actor (`user:<id>:<login>` or `apikey:<id>:<name>`). */
  requested_by: string;
  requested_at: number;
  /** Hex SHA-256 of the canonical JSON of what was asked for (campaign/approval-snapshot.ts). */
  snapshot_sha256: string;
  recipients: number;
  total_parts: number;
  status: ApprovalStatus;
  decided_by_user: number | null;
  decided_by_key: number | null;
  decided_by: string | null;
  decided_at: number | null;
  comment: string | null;
  sent_at: number | null;
}

export interface ApprovalTables {
  approval_requests: ApprovalRequestTable;
}

export type ApprovalRequest = Selectable<ApprovalRequestTable>;
