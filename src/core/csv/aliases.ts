// Header aliases: maps a CSV's header cells to Todoku's canonical fields, keeping any other column as a custom one.
import type { Bilingual } from '../errors.ts';

export const CANONICAL_FIELDS = [
  'name',
  'phone',
  'amount',
  'due_date',
  'external_id',
  'birth_date',
  'postal_code',
  'pin',
  'kana',
  'consent_date',
  'consent_method',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

// Written as people write them; matching goes through headerKey, so case, width and '_'/'-'/spaces don't matter.
const ALIASES: Record<CanonicalField, readonly string[]> = {
  name: ['氏名', '名前', 'お名前', '顧客名', '契約者名', 'name', 'full_name'],
  phone: [
    '電話番号', '携帯電話番号', '携帯番号', '携帯', '携帯電話', '電話番号(携帯)', '電話',
    'phone', 'mobile', 'tel', 'phone_number', 'mobile_number',
  ],
  amount: ['金額', '請求金額', '未納額', '滞納額', 'amount'],
  due_date: ['支払期限', '納付期限', '期限', 'due_date', 'due'],
  external_id: ['学籍番号', '顧客番号', '契約番号', '会員番号', 'external_id', 'id'],
  birth_date: ['生年月日', 'birth_date', 'birthday', 'date_of_birth'],
  postal_code: ['郵便番号', 'postal_code', 'zip', 'zip_code'],
  pin: ['PIN', '暗証番号'],
  // The name in kana (フリガナ): what bank transfers are matched by (core/bank/match.ts).
  kana: ['フリガナ', 'ふりがな', 'カナ氏名', '氏名カナ', '氏名(カナ)', 'カナ', '振込依頼人名', 'kana', 'furigana', 'name_kana'],
  // Prior consent to notices by SMS (core/consent.ts): read into the row's consent, not kept among its fields.
  consent_date: ['同意日', '同意年月日', '同意取得日', 'SMS同意日', 'consent_date', 'consented_on'],
  consent_method: ['同意方法', '同意取得方法', '同意の方法', 'SMS同意方法', 'consent_method'],
};

/** The comparison key of a header: NFKC, trimmed, lower case, without '_', '-' or spaces. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

const BY_KEY = new Map<string, CanonicalField>(
  CANONICAL_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [headerKey(alias), field] as const)),
);

/** The canonical field a header (or an override value) stands for, if any. */
export function canonicalField(header: string): CanonicalField | undefined {
  return BY_KEY.get(headerKey(header));
}

export interface ColumnMapping {
  /** 0-based position in the record. */
  index: number;
  /** The header cell as written (trimmed, NFKC); '' for an empty one. */
  header: string;
  /** A canonical field name, or the custom column's name. */
  field: string;
}

export type HeaderProblemCode =
  | 'TODOKU_E_CSV_NO_PHONE'
  | 'TODOKU_E_CSV_DUPLICATE_FIELD'
  | 'TODOKU_W_CSV_EMPTY_HEADER'
  | 'TODOKU_W_CSV_DUPLICATE_HEADER';

/** Errors stop the import (their code is an ErrorCode, thrown as is); warnings are reported and the import goes on. */
export type HeaderProblem =
  | (HeaderProblemBase & { code: 'TODOKU_E_CSV_NO_PHONE' | 'TODOKU_E_CSV_DUPLICATE_FIELD'; severity: 'error' })
  | (HeaderProblemBase & { code: 'TODOKU_W_CSV_EMPTY_HEADER' | 'TODOKU_W_CSV_DUPLICATE_HEADER'; severity: 'warning' });

interface HeaderProblemBase {
  message: Bilingual;
  /** 0-based indexes of the columns concerned. */
  columns: number[];
}

export interface HeaderMapping {
  columns: ColumnMapping[];
  problems: HeaderProblem[];
}

const tidy = (s: string): string => s.normalize('NFKC').trim();
const quoted = (c: ColumnMapping): string => `「${c.header || c.field}」(${c.index + 1}列目)`;
const quotedEn = (c: ColumnMapping): string => `"${c.header || c.field}" (column ${c.index + 1})`;

/**
 * Maps header cells to fields. overrides: header text (or `col_N`, N counted from 1, for any column by position)
 * → field (a canonical field, any of its aliases, or a custom name).
 */
export function mapHeader(headers: readonly string[], overrides: Record<string, string> = {}): HeaderMapping {
  const byHeader = new Map(Object.entries(overrides).map(([k, v]) => [headerKey(k), v] as const));
  const problems: HeaderProblem[] = [];
  const columns = headers.map((raw, index): ColumnMapping => {
    const header = tidy(raw);
    const position = `col_${index + 1}`;
    const override = byHeader.get(headerKey(position)) ?? (header ? byHeader.get(headerKey(header)) : undefined);
    const named = override !== undefined && tidy(override) !== '' ? override : header;
    const field = canonicalField(named) ?? tidy(named);
    // '__proto__' cannot be a plain object key; treat it like a missing name.
    if (field === '' || field === '__proto__') {
      problems.push({
        code: 'TODOKU_W_CSV_EMPTY_HEADER',
        severity: 'warning',
        message: {
          ja: `${index + 1}列目の見出しが空（または使えない名前）のため「${position}」として読み込みます`,
          en: `Column ${index + 1} has an empty or unusable header; it is read as "${position}"`,
        },
        columns: [index],
      });
      return { index, header, field: position };
    }
    return { index, header, field };
  });
  problems.push(...duplicateProblems(columns), ...noPhoneProblems(columns));
  return { columns, problems };
}

/** Two columns on one canonical field is an error; two custom columns with one name get a suffix and a warning. */
function duplicateProblems(columns: ColumnMapping[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  const groups = new Map<string, ColumnMapping[]>();
  for (const c of columns) groups.set(c.field, [...(groups.get(c.field) ?? []), c]);
  const taken = new Set(groups.keys());
  for (const [field, group] of groups) {
    const [first, ...rest] = group;
    if (!first || rest.length === 0) continue;
    if (canonicalField(field) === field) {
      problems.push({
        code: 'TODOKU_E_CSV_DUPLICATE_FIELD',
        severity: 'error',
        message: {
          ja: `${group.map(quoted).join('と')}が同じ項目（${field}）になっています。1つを残して見出しを変えるか、別の項目を指定してください`,
          en: `${group.map(quotedEn).join(' and ')} all map to ${field}; rename or override all but one of them`,
        },
        columns: group.map((c) => c.index),
      });
      continue;
    }
    for (const c of rest) {
      let n = 2;
      while (taken.has(`${field}_${n}`)) n++;
      c.field = `${field}_${n}`;
      taken.add(c.field);
      problems.push({
        code: 'TODOKU_W_CSV_DUPLICATE_HEADER',
        severity: 'warning',
        message: {
          ja: `見出し「${field}」が重複しているため、${c.index + 1}列目を「${c.field}」として読み込みます`,
          en: `The header "${field}" appears more than once; column ${c.index + 1} is read as "${c.field}"`,
        },
        columns: [first.index, c.index],
      });
    }
  }
  return problems;
}

function noPhoneProblems(columns: ColumnMapping[]): HeaderProblem[] {
  if (columns.some((c) => c.field === 'phone')) return [];
  return [
    {
      code: 'TODOKU_E_CSV_NO_PHONE',
      severity: 'error',
      message: {
        ja: '電話番号の列が見つかりません。1行目の見出しを「電話番号」または「携帯電話番号」にしてください',
        en: 'No phone column found: the first line must be a header with a column named "phone" (or 電話番号)',
      },
      columns: [],
    },
  ];
}
