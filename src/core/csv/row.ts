// Row validation: one parsed CSV record becomes an accepted recipient or a rejection with a line and a reason.
import { normalizePhone } from '../phone.ts';
import type { E164, PhoneRejectReason } from '../phone.ts';
import type { Bilingual } from '../errors.ts';
import type { ColumnMapping } from './aliases.ts';
import { checkConsent, CONSENT_FIELDS, type Consent } from '../consent.ts';
import type { DuplicateTracker } from './duplicates.ts';

export { DuplicateTracker } from './duplicates.ts';

export const REJECT_REASONS = [
  'phone_empty',
  'phone_invalid',
  'phone_not_mobile',
  'duplicate',
  'column_count',
  'suppressed',
  'consent_invalid',
  'misdelivered',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface AcceptedRow {
  /** Line in the file where the record starts (header = line 1). */
  line: number;
  phone: E164;
  /**
   * Every column by field name (canonical or custom), trimmed; `phone` holds the cell as written. Empty
   * when `sealed` holds them: a row sealed in the import's worker comes to the store without them.
   */
  fields: Record<string, string>;
  /** Prior consent from the consent_date / consent_method columns (not kept among `fields`). */
  consent?: Consent;
  /** `phone` and `fields` as the store seals them, when sealed where the row was read (the import's worker). */
  sealed?: string;
  /** The number's blind index (Vault.blindIndex), computed where the row was sealed. */
  phoneHash?: string;
}

export interface RejectedRow {
  line: number;
  reason: RejectReason;
  message: Bilingual;
  /** The phone cell as written, when the record has one. */
  raw?: string;
}

export function isRejected(row: AcceptedRow | RejectedRow): row is RejectedRow {
  return 'reason' in row;
}

export interface RowRules {
  columns: readonly ColumnMapping[];
  /** Shared across the rows of one file; omit to skip duplicate checks. */
  duplicates?: DuplicateTracker;
  isSuppressed?: (phone: E164) => boolean;
  /** A number someone reported as not theirs (「私は宛先の本人ではありません」), until an operator removes it. */
  isMisdelivered?: (phone: E164) => boolean;
  /** The office's day (YYYY-MM-DD): a consent date after it is refused. */
  today?: string;
}

const PHONE_REASONS: Record<PhoneRejectReason, RejectReason> = {
  empty: 'phone_empty',
  invalid: 'phone_invalid',
  not_mobile: 'phone_not_mobile',
};

const SUPPRESSED: Bilingual = {
  ja: '配信停止（オプトアウト）済みの電話番号です',
  en: 'This number has opted out (it is on the suppression list)',
};

const MISDELIVERED: Bilingual = {
  ja: '「宛先の本人ではない」と申告があった電話番号です（宛先違いリストから外すまで送れません）',
  en: 'Someone at this number reported it is not theirs (it is on the misdelivery list until an operator removes it)',
};

export function duplicateMessage(firstLine: number): Bilingual {
  return { ja: `${firstLine}行目と同じ電話番号です`, en: `same phone number as line ${firstLine}` };
}

/** A number that an earlier upload already put in the campaign: the store finds it, this words it. */
export function alreadyInCampaign(row: { line: number; phone: string }): RejectedRow {
  return {
    line: row.line,
    reason: 'duplicate',
    message: { ja: 'このキャンペーンに同じ電話番号が既に登録されています', en: 'this phone number is already in the campaign' },
    raw: row.phone,
  };
}

function columnCountMessage(expected: number, got: number): Bilingual {
  return {
    ja: `列の数が見出し行と違います（見出し ${expected} 列、この行 ${got} 列）。カンマを含む値は "" で囲んでください`,
    en: `This row has ${got} columns but the header has ${expected}; quote values that contain commas`,
  };
}

/** Cells past the header's width are tolerated only when they are all empty (Excel writes trailing commas). */
function extraCellsEmpty(record: readonly string[], width: number): boolean {
  for (let i = width; i < record.length; i++) if (record[i]?.trim() !== '') return false;
  return true;
}

/**
 * A record that passed the checks needing only the record itself (its width, its phone number, its
 * consent columns read), still to be checked against the office's lists and the earlier lines: read
 * where the file is parsed, admitted where those lists are (see admitRow).
 */
export interface CandidateRow extends AcceptedRow {
  /** The phone cell as written. */
  raw: string;
  /** Why the consent columns refuse the row: reported only if the lists let the number through. */
  consentProblem?: Bilingual;
}

/** The first half of toRow: everything decided by the record alone. */
export function readRow(record: readonly string[], line: number, rules: Pick<RowRules, 'columns' | 'today'>): CandidateRow | RejectedRow {
  const { columns } = rules;
  const fields: Record<string, string> = {};
  let phoneCell: string | undefined;
  for (const column of columns) {
    const cell = record[column.index];
    if (column.field === 'phone') phoneCell = cell;
    fields[column.field] = cell === undefined ? '' : cell.trim();
  }
  const raw = phoneCell === undefined ? {} : { raw: phoneCell };
  if (record.length < columns.length || (record.length > columns.length && !extraCellsEmpty(record, columns.length))) {
    return { line, reason: 'column_count', message: columnCountMessage(columns.length, record.length), ...raw };
  }
  const result = normalizePhone(phoneCell ?? '');
  if (!result.ok) return { line, reason: PHONE_REASONS[result.reason], message: result.message, ...raw };
  const consent = 'consent_date' in fields || 'consent_method' in fields ? checkConsent(fields.consent_date, fields.consent_method, rules.today) : null;
  for (const f of CONSENT_FIELDS) delete fields[f];
  return {
    line,
    phone: result.e164,
    fields,
    raw: phoneCell ?? '',
    ...(consent && !consent.ok ? { consentProblem: consent.message } : {}),
    ...(consent?.ok && consent.consent ? { consent: consent.consent } : {}),
  };
}

/** The second half of toRow, in its order: suppression, misdelivery, the consent columns, then duplicates. */
export function admitRow(row: CandidateRow, rules: Omit<RowRules, 'columns' | 'today'>): AcceptedRow | RejectedRow {
  const { line, phone, raw } = row;
  if (rules.isSuppressed?.(phone)) return { line, reason: 'suppressed', message: SUPPRESSED, raw };
  if (rules.isMisdelivered?.(phone)) return { line, reason: 'misdelivered', message: MISDELIVERED, raw };
  if (row.consentProblem) return { line, reason: 'consent_invalid', message: row.consentProblem, raw };
  const first = rules.duplicates?.check(phone, line);
  if (first !== undefined) return { line, reason: 'duplicate', message: duplicateMessage(first), raw };
  return { line, phone, fields: row.fields, ...(row.consent ? { consent: row.consent } : {}), ...(row.sealed === undefined ? {} : { sealed: row.sealed, phoneHash: row.phoneHash }) };
}

export function toRow(record: readonly string[], line: number, rules: RowRules): AcceptedRow | RejectedRow {
  const row = readRow(record, line, rules);
  return isRejected(row) ? row : admitRow(row, rules);
}
