// The `mapping` of an import, as people write it: a JSON object from a header (or `col_N`, the Nth
// column) to a field, e.g. {"携帯":"phone"}. One parser for the API's import, the CSV preview and the
// CLI's --mapping, so all three accept and refuse the same text with the same words.
import type { Bilingual } from '../errors.ts';

export type MappingOverrides = Record<string, string>;

export type MappingParse = { ok: true; overrides: MappingOverrides } | { ok: false; message: Bilingual };

/** More columns than any list an office sends; a bound so a pasted blob is refused, not walked. */
const MAX_ENTRIES = 500;
const MAX_NAME = 200;

const refuse = (ja: string, en: string): MappingParse => ({
  ok: false,
  message: { ja: `mapping は「見出し → 項目」のJSONオブジェクトで指定してください（例: {"携帯":"phone"}）: ${ja}`, en: `mapping must be a JSON object of header → field, e.g. {"携帯":"phone"}: ${en}` },
});

export function parseMapping(raw: string): MappingParse {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse('JSONとして読めません', 'not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return refuse('オブジェクトではありません', 'not an object');
  const entries = Object.entries(json);
  if (entries.length > MAX_ENTRIES) return refuse(`項目が多すぎます（${MAX_ENTRIES}まで）`, `too many entries (at most ${MAX_ENTRIES})`);
  for (const [header, field] of entries) {
    if (typeof field !== 'string') return refuse(`「${header.slice(0, MAX_NAME)}」の値が文字列ではありません`, `the value of "${header.slice(0, MAX_NAME)}" is not a string`);
    if (header.trim() === '' || field.trim() === '') return refuse('空の見出しまたは項目名があります', 'a header or field name is empty');
    if (header.length > MAX_NAME || field.length > MAX_NAME) return refuse(`名前が長すぎます（${MAX_NAME}文字まで）`, `a name is longer than ${MAX_NAME} characters`);
  }
  // fromEntries defines each key as data, so a header named "__proto__" stays a header.
  return { ok: true, overrides: Object.fromEntries(entries) as MappingOverrides };
}
