// One reading of a template source shared by every rule: merge fields found and blanked out, full-width
// ASCII folded to ASCII, links found. Every derived text keeps the source's length, so an index found in
// it is an index into the source and a finding's span points at what the operator wrote.
import { findLinks } from './links.ts';
import type { Link } from './links.ts';
import type { Span } from './span.ts';

export interface MergeField extends Span {
  /** The field name as written, without the filter: '氏名' for {{ 氏名 | yen }}. */
  name: string;
}

export interface ScannedTemplate {
  source: string;
  fields: MergeField[];
  /** The source with merge fields blanked and full-width ASCII folded ('ＵＲＧＥＮＴ' → 'URGENT'). */
  text: string;
  links: Link[];
  /** `text` with links blanked too, for rules about the words themselves. */
  words: string;
  /** `words` with ASCII letters in lower case, for word lists. */
  lower: string;
}

// As the template parser reads them: no braces or line breaks inside. Written loosely so a template being
// typed (still unbalanced) can be linted without throwing.
const FIELD = /\{\{([^{}\r\n]*)\}\}/g;

function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

/** Full-width ASCII (！ to ～) and the ideographic space, folded one code unit for one. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function scanTemplate(source: string): ScannedTemplate {
  const fields: MergeField[] = [];
  for (const m of source.matchAll(FIELD)) {
    const start = m.index;
    fields.push({ name: (m[1] ?? '').split('|')[0]?.trim() ?? '', start, end: start + m[0].length });
  }
  const text = foldWidth(blank(source, fields));
  const links = findLinks(text);
  const words = blank(text, links);
  return { source, fields, text, links, words, lower: lowerAscii(words) };
}
