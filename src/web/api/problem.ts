// The one place errors become HTTP: domain codes → status codes, everything as application/problem+json
// with the message in Japanese (title) and English (title_en).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { TodokuError } from '../../core/errors.ts';

const STATUS_BY_CODE: Record<string, number> = {
  TODOKU_E_NOT_FOUND: 404,
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
  TODOKU_E_CALLBACK_UNSIGNED: 403,
  TODOKU_E_CALLBACK_SIGNATURE: 403,
  TODOKU_E_CALLBACK_STALE: 403,
  TODOKU_E_CALLBACK_INVALID: 400,
  TODOKU_E_ROUTE_NOT_READY: 503,
  TODOKU_E_CONFLICT: 409,
  TODOKU_E_UNAUTHORIZED: 401,
  TODOKU_E_FORBIDDEN: 403,
  TODOKU_E_CSRF: 403,
  TODOKU_E_PASSWORD_CHANGE_REQUIRED: 403,
  TODOKU_E_ACCOUNT_DISABLED: 403,
  TODOKU_E_LOGIN_FAILED: 401,
  TODOKU_E_LOGIN_THROTTLED: 429,
  TODOKU_E_LOGIN_INVALID: 422,
  TODOKU_E_LOGIN_FORM: 415,
  TODOKU_E_CURRENT_PASSWORD: 403,
  TODOKU_E_PASSWORD_POLICY: 422,
  TODOKU_E_LAST_ADMIN: 409,
  TODOKU_E_NOT_A_PERSON: 400,
  TODOKU_E_CAMPAIGN_STATE: 409,
  TODOKU_E_TEMPLATE_ROWS: 422,
  TODOKU_E_TEMPLATE_SYNTAX: 422,
  TODOKU_E_TEMPLATE_EMPTY: 422,
  TODOKU_E_NO_RECIPIENTS: 422,
  TODOKU_E_SCHEDULE_PAST: 422,
  TODOKU_E_LINT_BLOCKED: 422,
  TODOKU_E_ROUTE_CONFIG: 422,
  TODOKU_E_SIMULATOR_OFF: 404,
  TODOKU_E_SUPPRESSED: 409,
  TODOKU_E_REPLY_UNMATCHED: 409,
  TODOKU_E_REPLY_TOO_LONG: 422,
  TODOKU_E_REPLY_EMPTY: 422,
  TODOKU_E_PHONE_INVALID: 422,
  TODOKU_E_WEBHOOK_URL: 422,
  TODOKU_E_WEBHOOK_DELIVERY_BUSY: 409,
  TODOKU_E_LANDING_COLUMN: 422,
  TODOKU_E_NOTICE_FIELDS: 422,
  TODOKU_E_NOTICE_FIELD_PLACEMENT: 422,
  TODOKU_E_ORGANISATION_COLOUR: 422,
  TODOKU_E_LOGO: 422,
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

export function notFound(what: string): TodokuError {
  return new TodokuError('TODOKU_E_NOT_FOUND', { ja: `${what}が見つかりません`, en: `${what} not found` });
}

export function errorHandler(err: FastifyError | TodokuError | Error, req: FastifyRequest, reply: FastifyReply): void {
  let problem: Problem;
  if (err instanceof TodokuError) {
    const isCsv = err.code.startsWith('TODOKU_E_CSV');
    problem = problemOf(err.code, STATUS_BY_CODE[err.code] ?? (isCsv ? 422 : 400), err.ja, err.message, err.details);
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
