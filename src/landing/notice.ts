// The notice (通知本文): Markdown with merge fields, turned into HTML once per campaign and filled per
// recipient. Raw HTML in the Markdown is shown as text (markdown-it, html: false). Merge fields are
// filled by the same template engine as the SMS and HTML-escaped after the merge, so nothing in a
// list's cell can become markup: each field is replaced by a private-use placeholder before the
// Markdown is rendered, and the placeholders are filled in the finished HTML.
import MarkdownIt from 'markdown-it';
import { parseTemplate, renderTemplate, type TemplatePart } from '../core/template.ts';
import { TodokuError } from '../core/errors.ts';

type FieldPart = Extract<TemplatePart, { kind: 'field' }>;

export interface CompiledNotice {
  /** HTML pieces, with a field's index between each two. */
  pieces: (string | number)[];
  fields: FieldPart[];
  /** Field names used, for checking them against the list's columns. */
  fieldNames: string[];
}

/** Shown where a recipient's row has no value for a field, never an empty gap. */
export const MISSING_VALUE = '―';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/gu;

export const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
// External links in a notice open nothing of ours to the other site: no referrer, no opener.
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// The page's own title is its one <h1>: the notice's headings start one level below it.
markdown.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  return self.renderToken(tokens, idx, options);
};
markdown.renderer.rules.heading_close = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  return self.renderToken(tokens, idx, options);
};

export const escapeHtml = markdown.utils.escapeHtml;

/** Parses and renders a notice once; throws a TodokuError for a broken template or a field in a link target. */
export function compileNotice(source: string): CompiledNotice {
  const template = parseTemplate(source.replace(/[\uE000\uE001]/gu, ''));
  const fields: FieldPart[] = [];
  let withPlaceholders = '';
  for (const part of template.parts) {
    if (part.kind === 'text') withPlaceholders += part.text;
    else {
      withPlaceholders += `${OPEN}${fields.length}${CLOSE}`;
      fields.push(part);
    }
  }
  const html = markdown.render(withPlaceholders);
  const pieces: (string | number)[] = [];
  const seen = new Set<number>();
  let last = 0;
  for (const m of html.matchAll(PLACEHOLDER)) {
    pieces.push(html.slice(last, m.index));
    const i = Number(m[1]);
    pieces.push(i);
    seen.add(i);
    last = m.index + m[0].length;
  }
  pieces.push(html.slice(last));
  const lost = fields.filter((_, i) => !seen.has(i));
  if (lost.length > 0) {
    // A field inside a link's target or an autolink would be URL-encoded, and a list's cell must
    // never decide where a link goes.
    const names = [...new Set(lost.map((f) => f.field))].join(', ');
    throw new TodokuError(
      'TODOKU_E_NOTICE_FIELD_PLACEMENT',
      { ja: `差込項目（${names}）はリンク先やURLの中には使えません。本文の文字として使ってください`, en: `merge fields (${names}) cannot be used inside a link target or URL; use them in the text` },
      { fields: lost.map((f) => f.field) },
    );
  }
  return { pieces, fields, fieldNames: template.fields };
}

function fieldHtml(notice: CompiledNotice, index: number, values: Readonly<Record<string, string | undefined>>): string {
  const part = notice.fields[index]!;
  const filled = renderTemplate({ source: '', fields: [part.field], parts: [part] }, values);
  return filled.ok ? escapeHtml(filled.text) : MISSING_VALUE;
}

/** The notice for one recipient: every value merged, then escaped. */
export function renderNotice(notice: CompiledNotice, values: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  for (const piece of notice.pieces) out += typeof piece === 'string' ? piece : fieldHtml(notice, piece, values);
  return out;
}

// The notice's own HTML (most of a page's bytes) encoded once per compiled notice, not on every view.
const encodedPieces = new WeakMap<CompiledNotice, (Buffer | number)[]>();

/** The same as renderNotice, as UTF-8 bytes: the notice's own HTML encoded once, only the values per call. */
export function renderNoticeBytes(notice: CompiledNotice, values: Readonly<Record<string, string | undefined>>): Buffer[] {
  let pieces = encodedPieces.get(notice);
  if (!pieces) {
    pieces = notice.pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p));
    encodedPieces.set(notice, pieces);
  }
  return pieces.map((p) => (typeof p === 'number' ? Buffer.from(fieldHtml(notice, p, values)) : p));
}
