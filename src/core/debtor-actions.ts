// What a recipient asks for on their page after the notice (issue 13, self-service): a promise to pay
// by a date, a request to pay in instalments, a dispute, or "not me" (the number reached someone else).
// Pure: the kinds and states, the campaign's settings and their defaults, and when a promise is kept or
// broken (the cadence reads the same rule to pause and resume a person).

export const DEBTOR_ACTION_KINDS = ['promise', 'instalment', 'dispute', 'not_me'] as const;
export type DebtorActionKind = (typeof DEBTOR_ACTION_KINDS)[number];

/**
 * open: waiting (a promise before its date + grace, a request or report not yet reviewed);
 * kept / broken: a promise the payment covered in time, or did not; resolved / dismissed: an operator's
 * review (dispute upheld / not-me confirmed / instalment agreed, or rejected / wrong); superseded: a
 * promise replaced by the person's newer one.
 */
export const DEBTOR_ACTION_STATES = ['open', 'kept', 'broken', 'resolved', 'dismissed', 'superseded'] as const;
export type DebtorActionState = (typeof DEBTOR_ACTION_STATES)[number];

/** What an operator decides on a review: resolved (upheld, confirmed, agreed) or dismissed (rejected, wrong). */
export const DEBTOR_ACTION_RESOLUTIONS = ['resolved', 'dismissed'] as const;
export type DebtorActionResolution = (typeof DEBTOR_ACTION_RESOLUTIONS)[number];

/** Kinds that stop every message to the number for that debt at once and wait for an operator's review. */
export function stopsMessages(kind: DebtorActionKind): boolean {
  return kind === 'dispute' || kind === 'not_me';
}

/** Which actions a campaign's page offers, and the limits of a promise. */
export interface SelfServiceSettings {
  promise: boolean;
  /** The latest promised date, in days from today (the organisation's limit). */
  promiseMaxDays: number;
  /** Days after the promised date before a promise without payment is broken. */
  promiseGraceDays: number;
  instalment: boolean;
  dispute: boolean;
  notMe: boolean;
}

export const DEFAULT_SELF_SERVICE: SelfServiceSettings = {
  promise: true,
  promiseMaxDays: 30,
  promiseGraceDays: 3,
  instalment: true,
  dispute: true,
  notMe: true,
};

export const PROMISE_MAX_DAYS_LIMIT = 365;
export const PROMISE_GRACE_DAYS_LIMIT = 60;
/** Longest free text a person may leave with a request (characters). */
export const DEBTOR_NOTE_MAX = 1000;
/** Largest amount accepted in a form (yen). */
export const DEBTOR_AMOUNT_MAX = 1_000_000_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD that exists, or null. */
export function parseIsoDate(text: string): { y: number; m: number; d: number } | null {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** `date` plus `days` calendar days, YYYY-MM-DD (date must be valid). */
export function addDays(date: string, days: number): string {
  const parts = parseIsoDate(date);
  if (!parts) throw new Error(`not a date: ${date}`);
  const t = new Date(Date.UTC(parts.y, parts.m - 1, parts.d + days));
  return t.toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function dateInZone(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export type PromiseDateProblem = 'invalid' | 'past' | 'too_far';

/** Whether a promised date is acceptable today: not before today and at most maxDays ahead. */
export function checkPromiseDate(date: string, today: string, maxDays: number): PromiseDateProblem | null {
  if (!parseIsoDate(date)) return 'invalid';
  if (date < today) return 'past';
  if (date > addDays(today, maxDays)) return 'too_far';
  return null;
}

/** A promise as core, the store row (`promised_date`) or a cadence sees it. */
export type PromiseTerms = { promisedDate: string } | { promised_date: string | null };

export type PromiseStatus = 'open' | 'kept' | 'broken';

/** A day as YYYY-MM-DD: given as such, or an instant (epoch ms) read in the time zone. */
function asDate(value: string | number, timeZone: string): string {
  return typeof value === 'number' ? dateInZone(value, timeZone) : value;
}

function promisedDateOf(promise: PromiseTerms): string {
  const date = 'promisedDate' in promise ? promise.promisedDate : promise.promised_date;
  if (date === null || !parseIsoDate(date)) throw new Error('not a promise: no promised date');
  return date;
}

/**
 * A promise is kept when payment arrived on or before promised date + grace days, broken when that day has
 * passed without payment, open until then. `paidAt` is when the debt was paid (epoch ms, or its date
 * YYYY-MM-DD) or null; `today` likewise (epoch ms or YYYY-MM-DD). Instants are read as dates in
 * `timeZone` (the campaign's; Asia/Tokyo by default).
 */
export function promiseStatus(
  promise: PromiseTerms,
  paidAt: string | number | null,
  today: string | number,
  graceDays: number,
  timeZone = 'Asia/Tokyo',
): PromiseStatus {
  const lastDay = addDays(promisedDateOf(promise), graceDays);
  if (paidAt !== null && asDate(paidAt, timeZone) <= lastDay) return 'kept';
  if (asDate(today, timeZone) > lastDay) return 'broken';
  return 'open';
}

/** The last day an open promise may still be kept (promised date + grace), YYYY-MM-DD. */
export function promiseDeadline(promise: PromiseTerms, graceDays: number): string {
  return addDays(promisedDateOf(promise), graceDays);
}

/**
 * An amount as a person types it on a phone: 「12,000」「１２０００」「¥12,000」「12000円」. null when empty,
 * 'invalid' when not a whole number of yen from 1 to DEBTOR_AMOUNT_MAX.
 */
export function parseYen(text: string | undefined | null): number | null | 'invalid' {
  const plain = (text ?? '')
    .normalize('NFKC')
    .replace(/[\s,，、]/gu, '')
    .replace(/^[¥￥]/u, '')
    .replace(/円$/u, '');
  if (plain === '') return null;
  if (!/^\d{1,10}$/u.test(plain)) return 'invalid';
  const n = Number(plain);
  return n >= 1 && n <= DEBTOR_AMOUNT_MAX ? n : 'invalid';
}

/** 2026-05-01 → 「2026年5月1日」 / "1 May 2026". */
export function formatDate(date: string, lang: 'ja' | 'en'): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  if (lang === 'ja') return `${p.y}年${p.m}月${p.d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${p.d} ${months[p.m - 1]} ${p.y}`;
}

const yen = (n: number, lang: 'ja' | 'en') => `¥${n.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB')}`;

/** The SMS that confirms a promise made on the page: the date, the amount if given, and from whom. */
export function promiseConfirmation(organisation: string, promise: { promisedDate: string; amount: number | null }, language: 'ja' | 'en' = 'ja'): string {
  const name = organisation.trim();
  if (language === 'en') {
    return `We have noted your promise to pay by ${formatDate(promise.promisedDate, 'en')}${promise.amount === null ? '' : ` (${yen(promise.amount, 'en')})`}. Thank you.${name ? ` - ${name}` : ''}`;
  }
  return `お支払いのお約束を承りました。お支払い予定日: ${formatDate(promise.promisedDate, 'ja')}${promise.amount === null ? '' : `（${yen(promise.amount, 'ja')}）`}。${name ? `【${name}】` : ''}`;
}
