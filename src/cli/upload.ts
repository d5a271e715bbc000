// Sends a CSV of recipients to a campaign as a streamed request body, with a bar of the bytes sent,
// and says what the server made of it: accepted and rejected rows, reasons, encoding, columns.
import { Readable, Transform } from 'node:stream';
import { answer } from './api.ts';
import { campaignRef } from './campaigns.ts';
import { formatBytes } from './output.ts';
import { labelOf, REJECT_REASON_LABELS } from '../core/labels.ts';
import { startBar } from './progress.ts';
import type { Schema } from '../api-client/client.ts';
import type { Cli } from './context.ts';

export type ImportResult = Schema<'ImportResult'>;

export interface UploadSource {
  /** The file's bytes, read as they are sent. */
  stream: Readable;
  size: number;
}

/** `replace`: the file takes the place of the draft's whole list (PUT) instead of adding to it (POST). */
export async function uploadRecipients(cli: Cli, campaign: string, source: UploadSource, mapping?: string, opts: { replace?: boolean } = {}): Promise<ImportResult> {
  const bar = startBar(cli.out, `${cli.out.t('アップロード中', 'Uploading')} |{bar}| {percentage}% {sent}/{size}`, source.size, {
    sent: formatBytes(0),
    size: formatBytes(source.size),
  });
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      bar.update(sent, { sent: formatBytes(sent), size: formatBytes(source.size) });
      done(null, chunk);
    },
  });
  source.stream.on('error', (err) => counter.destroy(err));
  try {
    // The body is the file itself, streamed as it is read: not a documented JSON body, so it bypasses
    // the client's serializer (and needs half-duplex fetch, as every streamed request body does).
    const body = Readable.toWeb(source.stream.pipe(counter)) as ReadableStream;
    const init = {
      params: { ...campaignRef(campaign), ...(mapping ? { query: { mapping } } : {}) },
      body: body as never,
      bodySerializer: (b: unknown) => b as ReadableStream,
      headers: { 'content-type': 'text/csv' },
      duplex: 'half',
    } as const;
    return answer(
      opts.replace
        ? await cli.api.http.PUT('/api/v1/campaigns/{campaign}/recipients', init)
        : await cli.api.http.POST('/api/v1/campaigns/{campaign}/recipients', init),
    );
  } finally {
    bar.stop();
  }
}

export function bufferSource(bytes: Buffer): UploadSource {
  return { stream: Readable.from([bytes]), size: bytes.length };
}

const ENCODINGS: Record<string, [string, string]> = {
  'utf-8': ['UTF-8（BOMなし）', 'UTF-8 (no BOM)'],
  'utf-8-bom': ['UTF-8（BOM付き）', 'UTF-8 with BOM'],
  cp932: ['Shift_JIS（CP932）', 'Shift_JIS (CP932)'],
};

/** The human summary of an import: counts, each reason with its count, the encoding and the columns. */
export function printImportResult(cli: Cli, result: ImportResult): void {
  const { out } = cli;
  out.say(
    `取り込み完了: ${result.rows}行中 受付 ${result.accepted}件 / 除外 ${result.rejected}件`,
    `Imported ${result.rows} rows: ${result.accepted} accepted, ${result.rejected} rejected`,
  );
  for (const [reason, count] of Object.entries(result.byReason)) {
    if (count > 0) out.say(`  除外理由 ${labelOf(REJECT_REASON_LABELS, reason, 'ja')} (${reason}): ${count}件`, `  rejected: ${labelOf(REJECT_REASON_LABELS, reason, 'en')} (${reason}): ${count}`);
  }
  const [ja, en] = ENCODINGS[result.encoding] ?? [result.encoding, result.encoding];
  out.say(`文字コード: ${ja}`, `Encoding: ${en}`);
  const columns = result.columns.map((c) => (c.header === c.field ? c.field : `${c.header}→${c.field}`)).join(', ');
  out.say(`列: ${columns}`, `Columns: ${columns}`);
}
