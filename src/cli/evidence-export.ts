// `todoku evidence export CAMPAIGN [-o FILE]` and `todoku evidence export --all [-o FILE]`: a campaign's
// evidence bundle, or the whole ledger for a hand-over (引継ぎ), streamed from the server into a file;
// then checked here, offline, as anyone receiving it would (`todoku evidence verify`), and summarised.
import { createWriteStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { verifyBundle, failureLine } from '../core/evidence/verify-bundle.ts';
import { campaignRef, getCampaign } from './campaigns.ts';
import { CliError, userError } from './errors.ts';
import { formatBytes } from './output.ts';
import { bundleSummaryLines, unzipBundle } from './evidence-verify.ts';
import type { Cli } from './context.ts';

export interface EvidenceExportOptions {
  all?: boolean;
  output?: string;
  /** --no-verify turns the check after writing off. */
  verify: boolean;
}

/** The file name the server suggests (content-disposition), else one of our own. */
function suggested(response: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  const name = m?.[1] ?? fallback;
  return /^[\w.-]+$/.test(name) ? name : fallback;
}

export async function runEvidenceExport(cli: Cli, campaign: string | undefined, opts: EvidenceExportOptions): Promise<void> {
  if (Boolean(campaign) === Boolean(opts.all)) {
    throw userError('EVIDENCE_SCOPE', 'キャンペーン名か --all のどちらか一方を指定してください', 'name a campaign or give --all, not both');
  }
  let response: Response;
  let fallback: string;
  if (campaign) {
    const c = await getCampaign(cli, campaign);
    response = (await cli.api.http.GET('/api/v1/campaigns/{campaign}/evidence.zip', { params: campaignRef(c.id), parseAs: 'stream' })).response;
    fallback = `todoku-evidence-${c.id}.zip`;
  } else {
    response = (await cli.api.http.GET('/api/v1/evidence.zip', { parseAs: 'stream' })).response;
    fallback = 'todoku-evidence-all.zip';
  }
  const file = opts.output ?? suggested(response, fallback);
  const body = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : Readable.from([]);
  try {
    await pipeline(body, createWriteStream(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code && ['ENOENT', 'EACCES', 'EISDIR', 'EPERM', 'EROFS'].includes(code)) throw userError('WRITE_FAILED', `ファイルに書き込めません: ${file}（${code}）`, `cannot write ${file} (${code})`);
    throw err;
  }
  const bytes = readFileSync(file);
  cli.out.say(`書き出しました: ${file}（${formatBytes(bytes.length)}）`, `Exported to ${file} (${formatBytes(bytes.length)})`);
  if (!opts.verify) {
    cli.out.data({ file, bytes: bytes.length });
    return;
  }
  const report = await verifyBundle(unzipBundle(bytes, cli.out));
  if (!report.ok) {
    throw new CliError({
      code: 'TODOKU_CLI_EVIDENCE_INVALID',
      ja: `書き出したバンドルが検証できません: ${failureLine(report.failure, 'ja')}`,
      en: `the bundle written does not verify: ${failureLine(report.failure, 'en')}`,
      details: { file, failure: report.failure },
    });
  }
  cli.out.lines(bundleSummaryLines(report.summary, cli.out));
  cli.out.data({ file, bytes: bytes.length, summary: report.summary });
}
