// The API's shapes the console names, each taken from the generated OpenAPI paths (the answer of the
// call that returns it): nothing here is written by hand, so a change on the server shows up as a
// type error in the console, not as a blank on a screen. `npm run generate` refreshes the source.
import type { Answer } from './client.ts';

type Item<T> = T extends readonly (infer I)[] ? I : never;

export type User = Item<Answer<'get', '/api/v1/users'>['users']>;
export type Role = User['role'];
export type Me = Answer<'get', '/api/v1/session/me'>;

export type Campaign = Answer<'get', '/api/v1/campaigns/{campaign}'>;
export type CampaignStatus = Campaign['status'];
export type CsvPreview = Answer<'post', '/api/v1/csv/preview'>;
export type ImportResult = Answer<'post', '/api/v1/campaigns/{campaign}/recipients'>;
export type Rejections = Answer<'get', '/api/v1/campaigns/{campaign}/rejections'>;
export type Preview = Answer<'post', '/api/v1/campaigns/{campaign}/preview'>;
export type LintFinding = Item<Preview['lint']>;
export type SavedTemplate = Item<Answer<'get', '/api/v1/templates'>['templates']>;

export type FunnelReading = Answer<'get', '/api/v1/campaigns/{campaign}/funnel'>;
export type Funnel = FunnelReading['funnel'];
export type Timeline = Answer<'get', '/api/v1/campaigns/{campaign}/timeline'>;
/** The counts each bucket of the timeline carries (its keys other than `at`). */
export type Series = Exclude<keyof Item<Timeline['buckets']>, 'at'>;
export type ProgressRow = Item<Answer<'get', '/api/v1/campaigns/{campaign}/recipients/progress'>['rows']>;
export type MessageTimeline = Answer<'get', '/api/v1/campaigns/{campaign}/messages/{id}/timeline'>;

export type Conversation = Item<Answer<'get', '/api/v1/inbox'>['conversations']>;
export type Intent = Conversation['intent'];
export type ConversationDetail = Answer<'get', '/api/v1/inbox/{conversationId}'>;
export type ThreadItem = Item<ConversationDetail['timeline']>;

export type RouteView = Item<Answer<'get', '/api/v1/routes'>['routes']>;
export type ApiKey = Item<Answer<'get', '/api/v1/api-keys'>['keys']>;
export type Webhook = Item<Answer<'get', '/api/v1/webhooks'>['webhooks']>;
export type WebhookDelivery = Item<Answer<'get', '/api/v1/webhooks/{id}/deliveries'>['deliveries']>;
export type AuditEntry = Item<Answer<'get', '/api/v1/audit'>['entries']>;
export type Suppression = Item<Answer<'get', '/api/v1/suppressions'>['suppressions']>;
export type Organisation = Answer<'get', '/api/v1/organisation'>;
export type ApprovalRequest = Item<Answer<'get', '/api/v1/approval-requests'>['requests']>;
export type CampaignApproval = Answer<'get', '/api/v1/campaigns/{campaign}/approval'>;
export type ApprovalDecision = Answer<'post', '/api/v1/approval-requests/{id}/approve'>;
export type SendingSettings = Answer<'get', '/api/v1/organisation/sending'>;

export type LandingSettings = Answer<'get', '/api/v1/campaigns/{campaign}/landing'>;
export type VerificationMethod = LandingSettings['verification']['method'];
export type DocumentsSummary = Answer<'get', '/api/v1/campaigns/{campaign}/documents'>;
export type Survey = Answer<'get', '/api/v1/campaigns/{campaign}/survey'>;
export type SurveyQuestion = Item<Survey['questions']>;
export type SurveyResults = Answer<'get', '/api/v1/campaigns/{campaign}/survey/results'>;
export type Payments = Answer<'get', '/api/v1/campaigns/{campaign}/payments'>;

export type EvidenceStatus = Answer<'get', '/api/v1/evidence/status'>;
export type EvidenceVerifyReport = Answer<'post', '/api/v1/evidence/verify'>;
