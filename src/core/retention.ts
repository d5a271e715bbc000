// What the organisation's retention of personal data (retention_days) keeps of a finished campaign's
// list, pure: a row keeps its number, the name, and every column the sent text or the recipient's page
// uses (the notice, the invoice, the pay button); the identity-check answer column only while the page
// still asks for it; any other column goes. And when the evidence retention (TODOKU_EVIDENCE_RETENTION_
// YEARS, at least 5) of a campaign ends, measured in calendar years from its last ledger entry.
import type { ImportedColumn } from './csv/imported-columns.ts';
import { parseTemplate } from './template.ts';

export interface FieldUse {
  /** The template frozen when sending was confirmed (null: never sent). */
  sentTemplate: string | null;
  /** The list's columns, to read a name written as the list's header (学籍番号) as its field. */
  columns: readonly ImportedColumn[];
  /** The recipient's page, if the campaign has one. */
  page: {
    notices: readonly string[];
    identityColumn: string;
    /** The page still asks for the identity check (no expiry, or one still to come). */
    live: boolean;
  } | null;
  /** The invoice template (JSON) and the column uploaded PDFs were matched by, if any. */
  invoiceJson: string | null;
  documentColumn: string | null;
}

/** Always kept: the number a message went to and the name it was addressed to. */
const ALWAYS = ['phone', 'name'];
/** What a page's invoice and pay button read besides the fields their texts name (documents/invoice/content.ts, payments). */
const PAGE_FIELDS = ['amount', 'due_date'];
const MERGE_FIELD = /\{\{\s*([^{}|]+?)\s*(?:\|[^{}]*)?\}\}/gu;

function namesIn(text: string): string[] {
  return [...text.matchAll(MERGE_FIELD)].map((m) => m[1]!.trim());
}

/** The column names an invoice template's texts and item columns use. */
function invoiceNames(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return namesIn(json);
  }
  const out: string[] = [];
  const walk = (v: unknown, key: string | null): void => {
    if (typeof v === 'string') {
      if (key === 'column') out.push(v.trim());
      out.push(...namesIn(v));
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, null));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(parsed, null);
  return out;
}

/** The fields of a row that stay; every other field of the row is removed. */
export function fieldsToKeep(use: FieldUse): Set<string> {
  const names: string[] = [...ALWAYS];
  if (use.sentTemplate) {
    try {
      names.push(...parseTemplate(use.sentTemplate).fields);
    } catch {
      // A template that no longer parses was still sent: keep what it seems to name.
      names.push(...namesIn(use.sentTemplate));
    }
  }
  if (use.page) {
    names.push(...PAGE_FIELDS, ...use.page.notices.flatMap(namesIn));
    if (use.page.live) names.push(use.page.identityColumn);
  }
  if (use.invoiceJson) names.push(...PAGE_FIELDS, ...invoiceNames(use.invoiceJson));
  if (use.documentColumn) names.push(use.documentColumn);
  // A name may be the list's header as written (学籍番号) rather than its field (external_id): keep both.
  const byHeader = new Map(use.columns.map((c) => [c.header, c.field]));
  return new Set(names.flatMap((n) => [n, ...(byHeader.has(n) ? [byHeader.get(n)!] : [])]));
}

/** The row's fields without those not kept, or null when nothing would change. */
export function keptFields(fields: Readonly<Record<string, string>>, keep: ReadonlySet<string>): Record<string, string> | null {
  const out: Record<string, string> = {};
  let dropped = false;
  for (const [k, v] of Object.entries(fields)) {
    if (keep.has(k)) out[k] = v;
    else dropped = true;
  }
  return dropped ? out : null;
}

/** The instant `years` calendar years after `at` (epoch ms, UTC calendar; 29 February becomes 1 March). */
export function yearsAfter(at: number, years: number): number {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/** Hex SHA-256 values in an entry's data: the commitments (and file hashes) it refers to. */
export function commitmentsIn(dataJson: string): string[] {
  return [...dataJson.matchAll(/"([0-9a-f]{64})"/gu)].map((m) => m[1]!);
}
