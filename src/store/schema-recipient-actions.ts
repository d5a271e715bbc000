// Table shapes for what a recipient does on the landing page: documents (uploaded PDFs and issued
// invoices) and their downloads, surveys and answers, payments and provider events.
// Times are epoch ms; personal content is sealed (`*_enc`, or document bytes sealed as a blob).
import type { Generated } from 'kysely';

export type DocumentSource = 'upload' | 'invoice';

/** Per campaign: which column uploaded files were matched by, and the invoice template (JSON). */
export interface DocumentSettingsTable {
  campaign_id: number;
  match_column: string | null;
  invoice_json: string | null;
  updated_at: number;
}

export interface DocumentTable {
  id: Generated<number>;
  campaign_id: number;
  recipient_id: number;
  source: DocumentSource;
  /** 1 = the recipient's current document; 0 = staged by an upload still in progress. */
  active: number;
  /** The upload that staged it (null for issued invoices). */
  upload_id: string | null;
  /** The file's name in the ZIP (may carry a name), sealed. */
  name_enc: string;
  size: number;
  sha256: string;
  /** The PDF, sealed (AES-256-GCM with a vault-derived key, bound to campaign and recipient). */
  content: Buffer;
  created_at: number;
}

export interface DocumentDownloadTable {
  id: Generated<number>;
  document_id: number;
  campaign_id: number;
  message_id: number;
  at: number;
}

export interface SurveyTable {
  campaign_id: number;
  definition_json: string;
  created_at: number;
  updated_at: number;
}

export interface SurveyAnswerTable {
  id: Generated<number>;
  campaign_id: number;
  message_id: number;
  /** Every answer, JSON, sealed (free text can be personal). */
  answers_enc: string;
  created_at: number;
  updated_at: number;
}

/** The chosen options of choice questions, in clear, so tallies are one GROUP BY. */
export interface SurveySelectionTable {
  id: Generated<number>;
  campaign_id: number;
  message_id: number;
  question_id: string;
  option_id: string;
}

export type PaymentState = 'unpaid' | 'pending' | 'paid' | 'cancelled' | 'expired';

export interface PaymentTable {
  message_id: number;
  campaign_id: number;
  /** In the currency's smallest unit (yen). */
  amount: number;
  currency: string;
  state: PaymentState;
  provider: string | null;
  /** The checkout session the recipient was last sent to (earlier ones are in payment_checkouts). */
  checkout_id: string | null;
  paid_amount: number | null;
  paid_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface PaymentCheckoutTable {
  provider: string;
  checkout_id: string;
  message_id: number;
  amount: number;
  url: string;
  created_at: number;
}

/** Every verified provider event, once: the idempotency record. */
export interface PaymentEventTable {
  id: Generated<number>;
  provider: string;
  event_id: string;
  type: string;
  checkout_id: string | null;
  message_id: number | null;
  /** What it did: applied, ignored (state machine said no), unknown (not ours). */
  outcome: string;
  received_at: number;
}

export interface RecipientActionTables {
  document_settings: DocumentSettingsTable;
  documents: DocumentTable;
  document_downloads: DocumentDownloadTable;
  surveys: SurveyTable;
  survey_answers: SurveyAnswerTable;
  survey_selections: SurveySelectionTable;
  payments: PaymentTable;
  payment_checkouts: PaymentCheckoutTable;
  payment_events: PaymentEventTable;
}
