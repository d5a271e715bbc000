// `todoku import FILE --campaign NAME`: creates the campaign if needed, streams the CSV to it, prints
// what was accepted and rejected (and why), and with --report saves the rejected rows as CSV.
import { statSync, createReadStream } from 'node:fs';
import { Option, type Command } from 'commander';
import { ensureCampaign } from '../campaigns.ts';
import { CSV_ENCODINGS, download, type CsvEncoding } from '../download.ts';
import { userError } from '../errors.ts';
import { printImportResult, uploadRecipients } from '../upload.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';

interface ImportOptions {
  campaign: string;
  mapping?: string;
  report?: string;
  reportEncoding: CsvEncoding;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('CSV（UTF-8 / Shift_JIS）の宛先を取り込む / import recipients from a CSV file')
    .argument('<file>', 'CSVファイル / CSV file')
    .requiredOption('--campaign <name>', 'キャンペーン名（なければ作成）/ campaign name (created if missing)')
    .option('--mapping <json>', '見出し→項目の対応 / header → field, e.g. \'{"携帯":"phone"}\'')
    .option('--report <file>', '除外した行の一覧をCSVで保存 / save the rejected rows as CSV')
    .addOption(new Option('--report-encoding <encoding>', '除外一覧の文字コード / report encoding').choices(CSV_ENCODINGS).default('utf-8-bom'))
    .action(withCli(runImport));
}

function checkMapping(mapping: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(mapping);
  } catch {
    parsed = undefined;
  }
  const ok = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Object.values(parsed).every((v) => typeof v === 'string');
  if (!ok) throw userError('BAD_MAPPING', `--mapping はJSONのオブジェクトで指定してください（例: {"携帯":"phone"}）`, `--mapping must be a JSON object of strings, e.g. {"携帯":"phone"}`);
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    return stat.size;
  } catch {
    throw userError('NO_FILE', `ファイルが見つかりません: ${file}`, `file not found: ${file}`);
  }
}

async function runImport(cli: Cli, file: string, opts: ImportOptions): Promise<void> {
  if (opts.mapping) checkMapping(opts.mapping);
  const size = fileSize(file);
  const { campaign, created } = await ensureCampaign(cli, opts.campaign);
  if (created) cli.out.say(`キャンペーン「${campaign.name}」を作成しました`, `Created campaign "${campaign.name}"`);
  if (campaign.status !== 'draft') {
    throw userError('NOT_DRAFT', `キャンペーン「${campaign.name}」は送信を始めているため、宛先を追加できません`, `campaign "${campaign.name}" has started sending; recipients cannot be added`);
  }
  const result = await uploadRecipients(cli, String(campaign.id), { stream: createReadStream(file), size }, opts.mapping);
  printImportResult(cli, result);
  if (opts.report) {
    await download(cli, campaign.id, 'rejections.csv', opts.reportEncoding, opts.report);
    cli.out.say(`除外した行の一覧を保存しました: ${opts.report}`, `Saved the rejected rows to ${opts.report}`);
  }
  cli.out.data(result);
}
