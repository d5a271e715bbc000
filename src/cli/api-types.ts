// The shapes of the API's answers the CLI reads (see src/web/api/*.ts for the server's side).

export interface CampaignView {
  id: number;
  name: string;
  status: 'draft' | 'sending' | 'paused' | 'completed' | 'cancelled';
  template: string | null;
  sender: string | null;
  encoding: string | null;
  columns: { header: string; field: string }[];
  acceptedCount: number;
  rejectedCount: number;
  counts: Record<string, number>;
  createdAt: string;
  sendRequestedAt: string | null;
  completedAt: string | null;
}

export interface ImportResult {
  campaignId: number;
  encoding: string;
  columns: { header: string; field: string }[];
  rows: number;
  accepted: number;
  rejected: number;
  byReason: Record<string, number>;
  reportUrl: string;
}

export interface PreviewResult {
  samples: { line: number; text: string; encoding: string; characters: number; parts: number }[];
  recipients: number;
  totalParts: number;
  longest: { line: number; characters: number; parts: number } | null;
  rowsWithIssues: number;
  issues: { line: number; field?: string; reason: string }[];
}

export interface SendResult {
  campaign: CampaignView;
  queued: number;
  recipients: number;
  totalParts: number;
}

export interface CancelResult {
  campaign: CampaignView;
  cancelled: number;
  alreadySubmitted: number;
  note: string;
}

export interface ReceivedSms {
  smscId: string;
  systemId: string;
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  parts: number;
  receivedAt: string;
}

export interface ReceivedPage {
  total: number;
  received: ReceivedSms[];
}

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  role: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
