// The column mapping an import leaves on its campaign (campaigns.columns_json): each CSV header as
// written and the field it was read as. One codec, so every reader gets the same checked shape.

export interface ImportedColumn {
  /** The header as written in the file (学籍番号). */
  header: string;
  /** The field it was imported as (external_id, or the header itself for a custom column). */
  field: string;
}

export function encodeColumns(columns: readonly ImportedColumn[]): string {
  return JSON.stringify(columns.map((c) => ({ header: c.header, field: c.field })));
}

/** The stored mapping; [] when there is none. Entries that are not {header, field} strings are skipped. */
export function decodeColumns(json: string | null | undefined): ImportedColumn[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((c: unknown) => {
    if (typeof c !== 'object' || c === null) return [];
    const { header, field } = c as Record<string, unknown>;
    return typeof header === 'string' && typeof field === 'string' ? [{ header, field }] : [];
  });
}
