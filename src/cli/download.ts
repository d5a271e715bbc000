// Streams a CSV the server produces (results export, rejection report) into a file or to stdout,
// without holding it in memory.
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { userError } from './errors.ts';
import { campaignRef } from './campaigns.ts';
import type { Cli } from './context.ts';

export const CSV_ENCODINGS = ['utf-8-bom', 'cp932'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** A campaign's CSV files: its results, and the report of the rows its import turned away. */
export type CampaignCsv = 'export.csv' | 'rejections.csv';

async function request(cli: Cli, campaignId: number, csv: CampaignCsv, encoding: CsvEncoding): Promise<Response> {
  const init = { params: { ...campaignRef(campaignId), query: { encoding } }, parseAs: 'stream' as const };
  const result =
    csv === 'export.csv'
      ? await cli.api.http.GET('/api/v1/campaigns/{campaign}/export.csv', init)
      : await cli.api.http.GET('/api/v1/campaigns/{campaign}/rejections.csv', init);
  return result.response;
}

/** Writes the CSV to `file` (or stdout when undefined); returns the number of bytes written. */
export async function download(cli: Cli, campaignId: number, csv: CampaignCsv, encoding: CsvEncoding, file: string | undefined): Promise<number> {
  const response = await request(cli, campaignId, csv, encoding);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
  try {
    if (file) await pipeline(body, counter, createWriteStream(file));
    else await pipeline(body, counter, process.stdout, { end: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (file && code && ['ENOENT', 'EACCES', 'EISDIR', 'EPERM', 'EROFS'].includes(code)) {
      throw userError('WRITE_FAILED', `ファイルに書き込めません: ${file}（${code}）`, `cannot write ${file} (${code})`);
    }
    throw err;
  }
  return bytes;
}
