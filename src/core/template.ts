// Merge (差込) templates: parses {{field|filter}}, fills them per recipient, and reports rows that cannot be filled.
import { TodokuError } from './errors.ts';
import type { Bilingual } from './errors.ts';

export type Filter = 'yen' | 'date' | 'date_en' | 'number';
export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: string; filter: Filter | undefined; position: number };

export interface ParsedTemplate {
  source: string;
  /** Distinct field names, in order of first use. */
  fields: string[];
  parts: TemplatePart[];
}

export type ProblemReason = 'missing' | 'empty' | 'invalid';
export type RenderResult =
  | { ok: true; text: string }
  | { ok: false; problems: { field: string; reason: ProblemReason; message: Bilingual }[] };
export interface RowProblem {
  line: number;
  field: string;
  reason: ProblemReason;
}

/** Filled per message by Todoku with the recipient's short link, so never a column of the list. */
const URL_FIELD = 'url';
const FILTERS: readonly Filter[] = ['yen', 'date', 'date_en', 'number'];
// Any script's letters and digits, so Japanese column names such as 氏名 or 学籍番号 work as they are.
const FIELD_NAME = /^[\p{L}\p{M}\p{N}_]+$/u;

// ---- parsing ----

function syntaxError(source: string, position: number, what: (at: Bilingual) => Bilingual): TodokuError {
  const before = source.slice(0, position).split('\n');
  const line = before.length;
  const column = [...(before[line - 1] ?? '')].length + 1;
  const at = { ja: `${line}行${column}文字目`, en: `line ${line}, column ${column}` };
  return new TodokuError('TODOKU_E_TEMPLATE_SYNTAX', what(at), { position, line, column });
}

function parseField(source: string, open: number, inner: string): TemplatePart {
  const [rawName = '', rawFilter, ...extra] = inner.split('|');
  const field = rawName.trim();
  if (!FIELD_NAME.test(field)) {
    throw syntaxError(source, open, (at) => ({
      ja: `${at.ja}: 差込項目名「${field}」が正しくありません（文字・数字・_ が使えます）`,
      en: `${at.en}: invalid merge field name "${field}" (letters, digits and _ are allowed)`,
    }));
  }
  if (rawFilter === undefined) return { kind: 'field', field, filter: undefined, position: open };
  const filter = rawFilter.trim();
  if (extra.length > 0 || !(FILTERS as readonly string[]).includes(filter)) {
    const name = [filter, ...extra].join('|');
    throw syntaxError(source, open, (at) => ({
      ja: `${at.ja}: 不明なフィルタ「${name}」です（使えるのは ${FILTERS.join(', ')}）`,
      en: `${at.en}: unknown filter "${name}" (available: ${FILTERS.join(', ')})`,
    }));
  }
  return { kind: 'field', field, filter: filter as Filter, position: open };
}

export function parseTemplate(source: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  for (let open = source.indexOf('{{'); open !== -1; open = source.indexOf('{{', i)) {
    const close = source.indexOf('}}', open + 2);
    const inner = close === -1 ? '' : source.slice(open + 2, close);
    if (close === -1 || /[{}\r\n]/.test(inner)) {
      throw syntaxError(source, open, (at) => ({
        ja: `${at.ja}の「{{」が「}}」で正しく閉じられていません`,
        en: `The "{{" at ${at.en} is not properly closed with "}}"`,
      }));
    }
    text += source.slice(i, open);
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push(parseField(source, open, inner));
    i = close + 2;
  }
  text += source.slice(i);
  if (text !== '') parts.push({ kind: 'text', text });
  const fields = [...new Set(parts.flatMap((p) => (p.kind === 'field' ? [p.field] : [])))];
  return { source, fields, parts };
}

// ---- filters ----

const AMOUNT = /^([-−▲△]?)[¥\\]?([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?円?$/u;

/** '12345', '12,345', '１２３４５', '¥12,345', '\12,345' (Shift_JIS yen), '12345円', '-1,000', '▲1,000'. */
function parseAmount(raw: string): { negative: boolean; integer: string; fraction: string } | undefined {
  const match = AMOUNT.exec(raw.normalize('NFKC').replace(/\s/g, ''));
  if (!match) return undefined;
  const [, sign = '', innerSign = '', digits = '', fraction = ''] = match;
  if (sign !== '' && innerSign !== '') return undefined;
  const integer = digits.replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const zero = integer === '0' && trimmedFraction === '';
  return { negative: !zero && (sign !== '' || innerSign !== ''), integer, fraction: trimmedFraction };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const WEEKDAYS_JA = '日月火水木金土';
const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const DATE_FORMS = [
  // 2026-12-01, 2026/12/1, 2026.12.1, optionally with a time as Excel writes it (2026/12/1 0:00), which is ignored
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:\((.)\))?$/u,
  /^(\d{4})()(\d{2})(\d{2})(?:\((.)\))?$/u, // 20261201
  /^(\d{4})年()(\d{1,2})月(\d{1,2})日(?:\((.)\))?$/u,
];

/** Accepts the forms above with an optional (火)-style weekday, which must then be the right one. */
function parseDate(raw: string): { year: number; month: number; day: number } | undefined {
  const text = raw.normalize('NFKC').trim().replace(/(?<=[年月日])\s+|\s+(?=[年月日(])/gu, '');
  for (const form of DATE_FORMS) {
    const match = form.exec(text);
    if (!match) continue;
    const [year, month, day] = [match[1], match[3], match[4]].map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    const weekday = match[5];
    if (!real || (weekday !== undefined && WEEKDAYS_JA[date.getUTCDay()] !== weekday)) return undefined;
    return { year, month, day };
  }
  return undefined;
}

function applyFilter(filter: Filter, value: string): string | undefined {
  if (filter === 'date' || filter === 'date_en') {
    const date = parseDate(value);
    if (!date) return undefined;
    const { year, month, day } = date;
    return filter === 'date' ? `${year}年${month}月${day}日` : `${MONTHS_EN[month - 1]} ${day}, ${year}`;
  }
  const amount = parseAmount(value);
  if (!amount) return undefined;
  const sign = amount.negative ? '-' : '';
  if (filter === 'yen') return amount.fraction === '' ? `${sign}¥${groupThousands(amount.integer)}` : undefined;
  return `${sign}${groupThousands(amount.integer)}${amount.fraction === '' ? '' : `.${amount.fraction}`}`;
}

// ---- rendering and checking ----

const EXAMPLES: Record<Filter, string> = {
  yen: '12345, 12,345, ¥12,345',
  number: '12345, 12,345',
  date: '2026-12-01, 2026/12/1, 2026年12月1日',
  date_en: '2026-12-01, 2026/12/1, 2026年12月1日',
};

function problemMessage(field: string, reason: ProblemReason, filter: Filter | undefined): Bilingual {
  if (reason === 'missing') return { ja: `差込項目「${field}」の値がありません`, en: `No value for the merge field "${field}"` };
  if (reason === 'empty') return { ja: `差込項目「${field}」が空です`, en: `The merge field "${field}" is empty` };
  const kind = filter === 'yen' ? ['金額', 'an amount'] : filter === 'number' ? ['数値', 'a number'] : ['日付', 'a date'];
  const examples = filter ? EXAMPLES[filter] : '';
  return {
    ja: `差込項目「${field}」の値を${kind[0]}として読めません（例: ${examples.replace(/, /g, '、')}）`,
    en: `The value of the merge field "${field}" is not ${kind[1]} (e.g. ${examples})`,
  };
}

type Filled = { ok: true; text: string } | { ok: false; reason: ProblemReason };

function fill(part: { field: string; filter: Filter | undefined }, values: Readonly<Record<string, string | undefined>>): Filled {
  // hasOwn, so that a field named "constructor" is not read from Object.prototype.
  const raw = Object.hasOwn(values, part.field) ? values[part.field] : undefined;
  if (raw === undefined) return { ok: false, reason: 'missing' };
  const value = raw.trim();
  if (value === '') return { ok: false, reason: 'empty' };
  if (!part.filter) return { ok: true, text: value };
  const text = applyFilter(part.filter, value);
  return text === undefined ? { ok: false, reason: 'invalid' } : { ok: true, text };
}

/** A missing or blank value is a problem, never a blank in a sent SMS. Each field is reported once. */
export function renderTemplate(t: ParsedTemplate, values: Readonly<Record<string, string | undefined>>): RenderResult {
  let text = '';
  const problems = new Map<string, { field: string; reason: ProblemReason; message: Bilingual }>();
  for (const part of t.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const filled = fill(part, values);
    if (filled.ok) text += filled.text;
    else if (!problems.has(part.field)) {
      problems.set(part.field, { field: part.field, reason: filled.reason, message: problemMessage(part.field, filled.reason, part.filter) });
    }
  }
  return problems.size === 0 ? { ok: true, text } : { ok: false, problems: [...problems.values()] };
}

/** Checks rows before sending ({{url}} is issued later, so it is not checked); lists at most maxListed problems. */
export function checkRows(
  t: ParsedTemplate,
  rows: Iterable<{ line: number; values: Record<string, string | undefined> }>,
  maxListed = 1000,
): { problems: RowProblem[]; rowsWithProblems: number } {
  const fieldParts = t.parts.flatMap((p) => (p.kind === 'field' && p.field !== URL_FIELD ? [p] : []));
  const problems: RowProblem[] = [];
  let rowsWithProblems = 0;
  for (const { line, values } of rows) {
    const seen = new Set<string>();
    for (const part of fieldParts) {
      if (seen.has(part.field)) continue;
      const filled = fill(part, values);
      if (filled.ok) continue;
      seen.add(part.field);
      if (problems.length < maxListed) problems.push({ line, field: part.field, reason: filled.reason });
    }
    if (seen.size > 0) rowsWithProblems += 1;
  }
  return { problems, rowsWithProblems };
}

/** Fields the template uses that the campaign's columns do not provide; url is always available. */
export function missingColumns(t: ParsedTemplate, columns: readonly string[]): string[] {
  const have = new Set(columns);
  return t.fields.filter((f) => f !== URL_FIELD && !have.has(f));
}
