// Test fixtures: CSV files written in real encodings (CP932 through iconv-lite, UTF-8 with or without BOM).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { importCsv } from '../../src/import/import-csv.ts';
import type { ImportOptions, ImportSummary } from '../../src/import/import-csv.ts';
import type { AcceptedRow, RejectedRow } from '../../src/core/csv/row.ts';

export type FixtureEncoding = 'utf-8' | 'utf-8-bom' | 'cp932';

/** Lines joined as Excel writes them: CRLF, with a final CRLF. */
export function csvText(lines: readonly string[]): string {
  return lines.map((l) => `${l}\r\n`).join('');
}

export function encode(text: string, encoding: FixtureEncoding): Buffer {
  if (encoding === 'cp932') return iconv.encode(text, 'CP932');
  const utf8 = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
}

/** A temp directory removed when the test ends. */
export async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'todoku-import-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function writeCsv(dir: string, name: string, content: string | Buffer, encoding: FixtureEncoding): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? encode(content, encoding) : content);
  return path;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

export interface Imported {
  summary: ImportSummary;
  accepted: AcceptedRow[];
  rejected: RejectedRow[];
  batches: number;
}

/** Imports a file from disk, collecting every batch. */
export async function importFile(path: string, opts: Partial<ImportOptions> = {}): Promise<Imported> {
  const accepted: AcceptedRow[] = [];
  const rejected: RejectedRow[] = [];
  let batches = 0;
  const summary = await importCsv(createReadStream(path), {
    ...opts,
    onBatch: async (batch) => {
      batches++;
      accepted.push(...batch.accepted);
      rejected.push(...batch.rejected);
      await opts.onBatch?.(batch);
    },
  });
  return { summary, accepted, rejected, batches };
}

/** Rejections as [line, reason] pairs, the easiest shape to compare. */
export function linesAndReasons(rows: readonly RejectedRow[]): [number, string][] {
  return rows.map((r) => [r.line, r.reason]);
}
