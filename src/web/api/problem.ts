// The one place errors become HTTP: domain codes → status codes, everything as application/problem+json
// with the message in Japanese (title) and English (title_en).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { TodokuError, type ErrorCode } from '../../core/errors.ts';

/**
 * Every domain code's status, chosen once; tsc fails when a code in ErrorCode has none. The rule of
 * thumb: 400 the request's form is wrong, 401/403 who asks, 404 not there (or not offered), 409 the
 * resource's state forbids it now, 413/415 the upload's size or type, 422 well-formed but its content
 * cannot be used, 429 slow down, 502/503 a carrier or provider behind us.
 */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  TODOKU_E_UNAUTHORIZED: 401,
  TODOKU_E_FORBIDDEN: 403,
  TODOKU_E_CSRF: 403,
  TODOKU_E_ACCOUNT_DISABLED: 403,
  TODOKU_E_LOGIN_FAILED: 401,
  TODOKU_E_LOGIN_THROTTLED: 429,
  TODOKU_E_LOGIN_INVALID: 422,
  TODOKU_E_LOGIN_FORM: 415,
  TODOKU_E_NOT_A_PERSON: 400,
  TODOKU_E_CURRENT_PASSWORD: 403,
  TODOKU_E_PASSWORD_CHANGE_REQUIRED: 403,
  TODOKU_E_PASSWORD_POLICY: 422,
  TODOKU_E_LAST_ADMIN: 409,

  TODOKU_E_NOT_FOUND: 404,
  TODOKU_E_CONFLICT: 409,
  // The same status as a body the schema refuses (below): a malformed part of the request.
  TODOKU_E_VALIDATION: 400,

  // A file that arrived but cannot be read as a list: its content is at fault, not the request.
  TODOKU_E_CSV_DUPLICATE_FIELD: 422,
  TODOKU_E_CSV_EMPTY: 422,
  TODOKU_E_CSV_ENCODING: 422,
  TODOKU_E_CSV_NOT_CSV: 422,
  TODOKU_E_CSV_NO_PHONE: 422,
  TODOKU_E_CSV_NO_ROWS: 422,
  TODOKU_E_CSV_PARSE: 422,

  TODOKU_E_CAMPAIGN_STATE: 409,
  // Sending while a list replacement is unfinished would reach the old and the new list.
  TODOKU_E_LIST_REPLACING: 409,
  // A re-send of 送達不明 messages without the explicit confirmation of the duplicate risk.
  TODOKU_E_DUPLICATE_RISK: 400,
  TODOKU_E_TEMPLATE_EMPTY: 422,
  TODOKU_E_TEMPLATE_SYNTAX: 422,
  TODOKU_E_TEMPLATE_ROWS: 422,
  TODOKU_E_NO_RECIPIENTS: 422,
  TODOKU_E_SCHEDULE_PAST: 422,
  TODOKU_E_LINT_BLOCKED: 422,
  // Raised while encoding a text for a route: the text is what cannot go, as with the rows above.
  TODOKU_E_NOT_GSM7: 422,
  TODOKU_E_TEXT_TOO_LONG: 422,
  TODOKU_E_APPROVAL_REQUIRED: 409,
  TODOKU_E_APPROVAL_OWN: 403,
  TODOKU_E_APPROVAL_STALE: 409,
  TODOKU_E_APPROVAL_STATE: 409,
  TODOKU_E_TEST_NUMBER: 422,
  TODOKU_E_ORGANISATION_MISSING: 409,

  TODOKU_E_CONSENT_INVALID: 422,
  // A formal notice (債権譲渡通知 / 正式な通知) with rows whose consent is not recorded: the list is at fault.
  TODOKU_E_CONSENT_MISSING: 422,
  // A campaign with evidence in the ledger (sent, approved, scheduled) is kept: archived, never deleted.
  TODOKU_E_EVIDENCE_RETAINED: 409,
  // A check of the whole ledger is already running in this process: one at a time.
  TODOKU_E_EVIDENCE_VERIFY_RUNNING: 409,

  TODOKU_E_ROUTE_CONFIG: 422,
  TODOKU_E_ROUTE_NOT_READY: 503,
  TODOKU_E_CALLBACK_UNSIGNED: 403,
  TODOKU_E_CALLBACK_SIGNATURE: 403,
  TODOKU_E_CALLBACK_STALE: 403,
  TODOKU_E_CALLBACK_INVALID: 400,
  TODOKU_E_SIMULATOR_OFF: 404,

  TODOKU_E_SUPPRESSED: 409,
  TODOKU_E_PHONE_INVALID: 422,
  TODOKU_E_REPLY_UNMATCHED: 409,
  TODOKU_E_REPLY_TOO_LONG: 422,
  TODOKU_E_REPLY_EMPTY: 422,

  TODOKU_E_WEBHOOK_URL: 422,
  TODOKU_E_WEBHOOK_DELIVERY_BUSY: 409,

  TODOKU_E_LANDING_COLUMN: 422,
  TODOKU_E_LANDING_DIGITS: 422,
  TODOKU_E_LANDING_REQUIRED: 422,
  TODOKU_E_NOTICE_FIELDS: 422,
  TODOKU_E_NOTICE_FIELD_PLACEMENT: 422,
  TODOKU_E_ORGANISATION_COLOUR: 422,
  TODOKU_E_LOGO: 422,

  TODOKU_E_DOCUMENT_NOT_ZIP: 415,
  TODOKU_E_DOCUMENT_ZIP: 422,
  TODOKU_E_DOCUMENT_ZIP_TOO_LARGE: 413,
  TODOKU_E_DOCUMENT_COLUMN: 422,
  TODOKU_E_INVOICE_FIELDS: 422,
  TODOKU_E_INVOICE_TEMPLATE: 404,
  TODOKU_E_SURVEY_NONE: 404,
  TODOKU_E_SURVEY_CLOSED: 409,
  TODOKU_E_PAYMENT_SIGNATURE: 400,
  TODOKU_E_PAYMENT_PROVIDER: 502,
  TODOKU_E_PAYMENT_OFF: 404,
  TODOKU_E_BANK_FILE: 422,
  TODOKU_E_BANK_TRANSFER_STATE: 409,
  TODOKU_E_PAYMENT_EXCEEDS_OWED: 409,
  TODOKU_E_SELF_SERVICE_OFF: 404,
  TODOKU_E_SELF_SERVICE_INPUT: 422,
  TODOKU_E_DEBTOR_ACTION_STATE: 409,
  TODOKU_E_CADENCE_INVALID: 422,
  TODOKU_E_CADENCE_STATE: 409,
  TODOKU_E_CADENCE_NONE: 404,
  TODOKU_E_TSA_UNAVAILABLE: 502,
};

export interface Problem {
  type: string;
  title: string;
  title_en: string;
  status: number;
  code: string;
  details?: unknown;
}

export function problemOf(code: string, status: number, ja: string, en: string, details?: unknown): Problem {
  return { type: `urn:todoku:problem:${code}`, title: ja, title_en: en, status, code, ...(details === undefined ? {} : { details }) };
}

/**
 * What was not found, named in both languages: `{ ja, en }`, or one text written 'ja / en' as the
 * routes do (テンプレート 5 / template 5, キャンペーン「督促」/ campaign "督促"), split so that title_en
 * carries only the English half.
 */
export function notFound(what: string | { ja: string; en: string }): TodokuError {
  let named = typeof what === 'string' ? { ja: what, en: what } : what;
  if (typeof what === 'string') {
    const at = /(?:\s|」)\/ /u.exec(what);
    if (at) named = { ja: what.slice(0, at.index + (at[0].startsWith('」') ? 1 : 0)).trim(), en: what.slice(at.index + at[0].length).trim() };
  }
  return new TodokuError('TODOKU_E_NOT_FOUND', { ja: `${named.ja}が見つかりません`, en: `${named.en} not found` });
}

export function errorHandler(err: FastifyError | TodokuError | Error, req: FastifyRequest, reply: FastifyReply): void {
  let problem: Problem;
  if (err instanceof TodokuError) {
    problem = problemOf(err.code, STATUS_BY_CODE[err.code], err.ja, err.message, err.details);
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
    problem = problemOf('TODOKU_E_VALIDATION', 400, '入力内容に誤りがあります', 'the request is not valid', issues);
  } else if ('statusCode' in err && typeof err.statusCode === 'number' && err.statusCode < 500) {
    problem = problemOf(`TODOKU_E_HTTP_${err.statusCode}`, err.statusCode, 'リクエストを処理できません', err.message);
  } else {
    req.log.error({ err }, 'unhandled error');
    problem = problemOf('TODOKU_E_INTERNAL', 500, 'サーバー内部でエラーが発生しました', 'internal server error');
  }
  void reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}
