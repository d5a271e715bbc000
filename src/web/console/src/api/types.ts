// The shapes of the API answers the console reads (see /api/v1/openapi.json).

export type Role = 'admin' | 'operator' | 'viewer';

export interface User {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Me {
  kind: 'user' | 'apikey';
  role: Role;
  user?: User;
  csrfToken?: string;
}

export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'completed' | 'cancelled';

export interface Campaign {
  id: number;
  name: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  timeZone: string;
  routeProfile: string;
  policyPack: string;
  noticeKind: string;
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
  recipientActions?: { paid: number; paymentPending: number; answered: number; downloaded: number };
}

export interface CsvPreview {
  encoding: string;
  fields: string[];
  columns: { index: number; header: string; field: string; canonical: boolean }[];
  problems: { code: string; severity: 'error' | 'warning'; message: string; message_en: string; columns: number[] }[];
  rows: { line: number; cells: string[]; accepted: boolean; phone?: string; reason?: string; message?: string; message_en?: string }[];
  more: boolean;
}

export interface ImportResult {
  campaignId: number;
  encoding: string;
  columns: { header: string; field: string }[];
  rows: number;
  accepted: number;
  rejected: number;
  byReason: Record<string, number>;
  warnings: { code: string; message: string; message_en: string; columns: number[] }[];
  reportUrl: string;
}

export interface Rejections {
  total: number;
  rejections: { line: number; reason: string; message: string; message_en: string; raw: string | null }[];
  more: boolean;
}

export interface LintFinding {
  rule: string;
  severity: 'warning' | 'block';
  message: string;
  message_en: string;
  suggestion: string;
  suggestion_en: string;
  span?: { start: number; end: number };
}

export interface Preview {
  samples: { kind: 'first' | 'random' | 'longest'; line: number; text: string; encoding: string; characters: number; parts: number }[];
  recipients: number;
  totalParts: number;
  longest: { line: number; characters: number; parts: number } | null;
  rowsWithIssues: number;
  issues: { line: number; field?: string; reason: string }[];
  missingColumns: string[];
  lint: LintFinding[];
}

export interface SavedTemplate {
  id: number;
  name: string;
  body: string;
  noticeKind: string;
  fields: string[];
  updatedAt: string;
}

export interface Funnel {
  targeted: number;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  verified: number;
  locked: number;
  downloaded: number;
  answered: number;
  paid: number;
  replied: number;
  optedOut: number;
}

export interface FunnelReading {
  campaignId: number;
  status: CampaignStatus;
  at: string;
  funnel: Funnel;
  states: Record<string, number>;
}

export type Series = 'sent' | 'delivered' | 'failed' | 'opened' | 'verified' | 'downloaded' | 'answered' | 'paid' | 'replied';

export interface Timeline {
  bucket: 'minute' | '5min' | 'hour' | 'day';
  bucketMs: number;
  series: Series[];
  buckets: ({ at: string } & Record<Series, number>)[];
}

export interface ProgressRow {
  recipientId: number;
  line: number;
  name: string | null;
  phone: string;
  externalId: string | null;
  messageId: number | null;
  state: string | null;
  errorCode: string | null;
  errorReason: string | null;
  submittedAt: string | null;
  deliveredAt: string | null;
  openedAt: string | null;
  verifiedAt: string | null;
  downloadedAt: string | null;
  answeredAt: string | null;
  paidAt: string | null;
  repliedAt: string | null;
  locked: boolean;
}

export interface MessageTimeline {
  message: {
    id: number;
    line: number | null;
    to: string | null;
    name: string | null;
    state: string;
    text: string | null;
    parts: number | null;
    route: string | null;
    errorCode: string | null;
    errorReason: string | null;
  };
  events: { kind: string; at: string; detail: Record<string, string | number | boolean | null>; text?: string | null }[];
}

export type Intent = 'paid' | 'promise' | 'question' | 'wrong_person' | 'opt_out' | 'other';

export interface Conversation {
  id: string;
  phone: string;
  campaign: { id: number; name: string } | null;
  intent: Intent;
  promisedDate: string | null;
  replies: number;
  unread: number;
  suppressed: boolean;
  lastMessage: { direction: 'in' | 'out'; text: string | null; at: string };
}

export type ThreadItem =
  | {
      direction: 'out';
      id: number;
      campaign: { id: number; name: string };
      kind: string;
      state: string;
      text: string | null;
      at: string;
      submittedAt: string | null;
      deliveredAt: string | null;
      errorCode: string | null;
      errorReason: string | null;
    }
  | {
      direction: 'in';
      id: number;
      /** Withheld (null) from viewers. */
      text: string | null;
      at: string;
      readAt: string | null;
      campaignId: number | null;
      messageId: number | null;
      intent: Intent;
      promisedDate: string | null;
      optOut: boolean;
      tag: { intent: Intent; rule: string; matched: string | null; promisedDate: string | null; description: { ja: string; en: string } | null };
      correction: { intent: Intent; promisedDate: string | null; actor: string; at: string } | null;
    };

export interface ConversationDetail {
  id: string;
  phone: string;
  suppressed: boolean;
  unread: number;
  timeline: ThreadItem[];
}

export interface RouteView {
  name: string;
  kind: string;
  profile: string;
  priority: number;
  enabled: boolean;
  sender: string;
  ratePerSecond: number | null;
  config: Record<string, unknown>;
  bound: boolean | null;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  secretRotatedAt: string | null;
  previousSecretUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: number;
  eventType: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
}

export interface Suppression {
  id: string;
  phone: string;
  reason: string;
  source: string;
  createdAt: string;
}

export interface Organisation {
  name: string;
  nameEn: string | null;
  logo: { kind: 'url' | 'uploaded'; url: string } | null;
  colours: { primary: string; accent: string };
  contact: { phone: string; hours: string; hoursEn?: string | null } | null;
  officialSenders: string[];
  linkBase: string;
  sampleMessage: string | null;
  updatedAt: string | null;
}

export type VerificationMethod = 'birth_date' | 'id_suffix' | 'postal_code' | 'pin';

export interface LandingSettings {
  verification: { method: VerificationMethod; column: string; digits: number | null };
  expiresAt: string | null;
  notice: string;
  noticeEn?: string | null;
  contact?: { name?: string | null; phone: string; hours: string; hoursEn?: string | null } | null;
  funnel: { opened: number; verified: number; locked: number };
}

export interface DocumentsSummary {
  matchColumn: string | null;
  invoiceTemplate: boolean;
  uploaded: number;
  invoicesIssued: number;
  downloads: number;
  downloadedMessages: number;
}

export type SurveyQuestion =
  | { id: string; label: string; required: boolean; type: 'single' | 'multiple'; options: { id: string; label: string }[] }
  | { id: string; label: string; required: boolean; type: 'text'; maxLength?: number; multiline?: boolean }
  | { id: string; label: string; required: boolean; type: 'date' };

export interface Survey {
  title: string;
  intro?: string;
  questions: SurveyQuestion[];
}

export interface SurveyResults {
  title: string;
  answered: number;
  questions: { id: string; type: string; label: string; answered: number; options?: { id: string; label: string; count: number }[] }[];
}

export interface Payments {
  provider: string | null;
  counts: { unpaid: number; pending: number; paid: number; cancelled: number; expired: number };
}
