// PostgreSQL: a batch of recipients streamed in with COPY FROM STDIN (one round trip for the rows, no
// 30,000-parameter INSERT to build and plan), into a temporary table first so that a number already in
// the campaign is skipped as INSERT … ON CONFLICT DO NOTHING skips it, and named by its line.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface CopiedRecipient {
  line: number;
  phone_hash: string;
  fields_enc: string;
  consent_at: string | null;
  consent_method: string | null;
  consent_note_enc: string | null;
}

const COLUMNS = ['line', 'phone_hash', 'fields_enc', 'consent_at', 'consent_method', 'consent_note_enc'] as const;
// COPY's text format: backslash, tab, newline and carriage return are escaped, null is \N.
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function cell(value: string | null): string {
  if (value === null) return '\\N';
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** The rows as COPY text, about 64 KB at a time. */
function* copyText(rows: readonly CopiedRecipient[]): Generator<string> {
  let chunk = '';
  for (const r of rows) {
    chunk += `${r.line}\t${cell(r.phone_hash)}\t${cell(r.fields_enc)}\t${cell(r.consent_at)}\t${cell(r.consent_method)}\t${cell(r.consent_note_enc)}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Stores the rows (one transaction); returns the blind indexes stored, the others' numbers being in the campaign already. */
export async function copyRecipients(pool: pg.Pool, campaignId: number, createdAt: number, rows: readonly CopiedRecipient[]): Promise<Set<string>> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The rows are put in line order (ids follow the file, so sending does too): a batch sorts in memory.
    await client.query("SET LOCAL work_mem = '64MB'");
    await client.query(
      'CREATE TEMP TABLE recipients_incoming (line integer NOT NULL, phone_hash text NOT NULL, fields_enc text NOT NULL, consent_at text, consent_method text, consent_note_enc text) ON COMMIT DROP',
    );
    await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`COPY recipients_incoming (${COLUMNS.join(', ')}) FROM STDIN`)));
    const stored = await client.query<{ phone_hash: string }>(
      `INSERT INTO recipients (campaign_id, line, phone_hash, fields_enc, created_at, consent_at, consent_method, consent_note_enc)
       SELECT $1, line, phone_hash, fields_enc, $2, consent_at, consent_method, consent_note_enc FROM recipients_incoming ORDER BY line
       ON CONFLICT (campaign_id, phone_hash) DO NOTHING RETURNING phone_hash`,
      [campaignId, createdAt],
    );
    await client.query('COMMIT');
    return new Set(stored.rows.map((r) => r.phone_hash));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
