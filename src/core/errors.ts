// Domain errors: a stable code plus a message for people in Japanese and English. No HTTP here;
// the web edge maps every code to a status code (src/web/api/problem.ts, a table tsc checks is complete).

export interface Bilingual {
  ja: string;
  en: string;
}

/**
 * Every code a TodokuError may carry. A new code goes here first; tsc then asks for its status in
 * src/web/api/problem.ts. Codes only the web edge makes (TODOKU_E_INTERNAL, TODOKU_E_HTTP_4xx) and a
 * failed message's recorded code (TODOKU_E_COMPOSE) are not errors thrown and are not listed.
 */
export type ErrorCode =
  // People, sessions, API keys
  | 'TODOKU_E_UNAUTHORIZED'
  | 'TODOKU_E_FORBIDDEN'
  | 'TODOKU_E_CSRF'
  | 'TODOKU_E_ACCOUNT_DISABLED'
  | 'TODOKU_E_LOGIN_FAILED'
  | 'TODOKU_E_LOGIN_THROTTLED'
  | 'TODOKU_E_LOGIN_INVALID'
  | 'TODOKU_E_LOGIN_FORM'
  | 'TODOKU_E_NOT_A_PERSON'
  | 'TODOKU_E_CURRENT_PASSWORD'
  | 'TODOKU_E_PASSWORD_CHANGE_REQUIRED'
  | 'TODOKU_E_PASSWORD_POLICY'
  | 'TODOKU_E_LAST_ADMIN'
  // Any resource
  | 'TODOKU_E_NOT_FOUND'
  | 'TODOKU_E_CONFLICT'
  | 'TODOKU_E_VALIDATION'
  // Lists (CSV import)
  | 'TODOKU_E_CSV_DUPLICATE_FIELD'
  | 'TODOKU_E_CSV_EMPTY'
  | 'TODOKU_E_CSV_ENCODING'
  | 'TODOKU_E_CSV_NOT_CSV'
  | 'TODOKU_E_CSV_NO_PHONE'
  | 'TODOKU_E_CSV_NO_ROWS'
  | 'TODOKU_E_CSV_PARSE'
  // Campaigns, templates, sending
  | 'TODOKU_E_CAMPAIGN_STATE'
  | 'TODOKU_E_LIST_REPLACING'
  | 'TODOKU_E_DUPLICATE_RISK'
  | 'TODOKU_E_TEMPLATE_EMPTY'
  | 'TODOKU_E_TEMPLATE_SYNTAX'
  | 'TODOKU_E_TEMPLATE_ROWS'
  | 'TODOKU_E_NO_RECIPIENTS'
  | 'TODOKU_E_SCHEDULE_PAST'
  | 'TODOKU_E_LINT_BLOCKED'
  | 'TODOKU_E_NOT_GSM7'
  | 'TODOKU_E_TEXT_TOO_LONG'
  // Approval before a send, test sends
  | 'TODOKU_E_APPROVAL_REQUIRED'
  | 'TODOKU_E_APPROVAL_OWN'
  | 'TODOKU_E_APPROVAL_STALE'
  | 'TODOKU_E_APPROVAL_STATE'
  | 'TODOKU_E_TEST_NUMBER'
  | 'TODOKU_E_ORGANISATION_MISSING'
  // Consent, formal notices and what is kept as evidence (issue 12)
  | 'TODOKU_E_CONSENT_INVALID'
  | 'TODOKU_E_CONSENT_MISSING'
  | 'TODOKU_E_EVIDENCE_RETAINED'
  | 'TODOKU_E_EVIDENCE_VERIFY_RUNNING'
  // Routes and their providers
  | 'TODOKU_E_ROUTE_CONFIG'
  | 'TODOKU_E_ROUTE_NOT_READY'
  | 'TODOKU_E_CALLBACK_UNSIGNED'
  | 'TODOKU_E_CALLBACK_SIGNATURE'
  | 'TODOKU_E_CALLBACK_STALE'
  | 'TODOKU_E_CALLBACK_INVALID'
  | 'TODOKU_E_SIMULATOR_OFF'
  // Replies and suppressions
  | 'TODOKU_E_SUPPRESSED'
  | 'TODOKU_E_PHONE_INVALID'
  | 'TODOKU_E_REPLY_UNMATCHED'
  | 'TODOKU_E_REPLY_TOO_LONG'
  | 'TODOKU_E_REPLY_EMPTY'
  // Webhooks
  | 'TODOKU_E_WEBHOOK_URL'
  | 'TODOKU_E_WEBHOOK_DELIVERY_BUSY'
  // Landing pages and the organisation's look
  | 'TODOKU_E_LANDING_COLUMN'
  | 'TODOKU_E_LANDING_DIGITS'
  | 'TODOKU_E_LANDING_REQUIRED'
  | 'TODOKU_E_NOTICE_FIELDS'
  | 'TODOKU_E_NOTICE_FIELD_PLACEMENT'
  | 'TODOKU_E_ORGANISATION_COLOUR'
  | 'TODOKU_E_LOGO'
  // PDFs, surveys, payments
  | 'TODOKU_E_DOCUMENT_NOT_ZIP'
  | 'TODOKU_E_DOCUMENT_ZIP'
  | 'TODOKU_E_DOCUMENT_ZIP_TOO_LARGE'
  | 'TODOKU_E_DOCUMENT_COLUMN'
  | 'TODOKU_E_INVOICE_FIELDS'
  | 'TODOKU_E_INVOICE_TEMPLATE'
  | 'TODOKU_E_SURVEY_NONE'
  | 'TODOKU_E_SURVEY_CLOSED'
  | 'TODOKU_E_PAYMENT_SIGNATURE'
  | 'TODOKU_E_PAYMENT_PROVIDER'
  | 'TODOKU_E_PAYMENT_OFF'
  // Bank files (入金消込)
  | 'TODOKU_E_BANK_FILE'
  | 'TODOKU_E_BANK_TRANSFER_STATE'
  | 'TODOKU_E_PAYMENT_EXCEEDS_OWED'
  // Self-service on the recipient's page (promise, instalments, dispute, not me)
  | 'TODOKU_E_SELF_SERVICE_OFF'
  | 'TODOKU_E_SELF_SERVICE_INPUT'
  | 'TODOKU_E_DEBTOR_ACTION_STATE'
  // Cadences (督促シナリオ)
  | 'TODOKU_E_CADENCE_INVALID'
  | 'TODOKU_E_CADENCE_STATE'
  | 'TODOKU_E_CADENCE_NONE'
  // Evidence
  | 'TODOKU_E_TSA_UNAVAILABLE';

export class TodokuError extends Error {
  readonly code: ErrorCode;
  readonly ja: string;
  readonly details: unknown;

  constructor(code: ErrorCode, message: Bilingual, details?: unknown) {
    super(message.en);
    this.name = 'TodokuError';
    this.code = code;
    this.ja = message.ja;
    this.details = details;
  }
}

/** Normalise anything thrown into an Error, once, at an edge. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
