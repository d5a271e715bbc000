// `todoku import FILE --campaign NAME [--replace]`: creates the campaign if needed, streams the CSV to it
// (adding to its list, or with --replace taking the place of the whole list of a draft), prints what was
// accepted and rejected (and why), and with --report saves the rejected rows as CSV. An import that
// accepts no row exits 1 with one line saying why.
import { statSync, createReadStream } from 'node:fs';
import { Option, type Command } from 'commander';
import { ensureCampaign } from '../campaigns.ts';
import { CSV_ENCODINGS, download, type CsvEncoding } from '../download.ts';
import { CliError, userError } from '../errors.ts';
import { printImportResult, uploadRecipients, type ImportResult } from '../upload.ts';
import { CAMPAIGN_STATUS_LABELS, labelOf, REJECT_REASON_LABELS } from '../../core/labels.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import { parseMapping } from '../../core/csv/mapping.ts';
import { FORMAL_CHOICES, FORMAL_HELP, setFormality, type FormalChoice } from '../formality.ts';

interface ImportOptions {
  campaign: string;
  mapping?: string;
  report?: string;
  reportEncoding: CsvEncoding;
  replace?: boolean;
  formal?: FormalChoice;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('CSV（UTF-8 / Shift_JIS）の宛先を取り込む / import recipients from a CSV file')
    .argument('<file>', 'CSVファイル / CSV file')
    .requiredOption('--campaign <name>', 'キャンペーン名（なければ作成）/ campaign name (created if missing)')
    .option('--mapping <json>', '見出し→項目の対応 / header → field, e.g. \'{"携帯":"phone"}\'')
    .option('--replace', '下書きの宛先リストをこのファイルで丸ごと差し替える / replace the draft\'s whole list with this file')
    .option('--report <file>', '除外した行の一覧をCSVで保存 / save the rejected rows as CSV')
    .addOption(new Option('--report-encoding <encoding>', '除外一覧の文字コード / report encoding').choices(CSV_ENCODINGS).default('utf-8-bom'))
    .addOption(new Option('--formal <kind>', FORMAL_HELP).choices(FORMAL_CHOICES))
    .action(withCli(runImport));
}

/** The same parser as the server's (core/csv/mapping.ts): refused here before any upload. */
function checkMapping(mapping: string): void {
  const parsed = parseMapping(mapping);
  if (!parsed.ok) throw userError('BAD_MAPPING', `--mapping: ${parsed.message.ja}`, `--mapping: ${parsed.message.en}`);
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
    const status = { ja: labelOf(CAMPAIGN_STATUS_LABELS, campaign.status, 'ja'), en: labelOf(CAMPAIGN_STATUS_LABELS, campaign.status, 'en') };
    throw opts.replace
      ? userError('NOT_DRAFT', `キャンペーン「${campaign.name}」は「${status.ja}」のため、宛先を差し替えられません（差し替えは下書きの間だけです）`, `campaign "${campaign.name}" is ${status.en.toLowerCase()}: the list can be replaced only while it is a draft`)
      : userError('NOT_DRAFT', `キャンペーン「${campaign.name}」は送信を始めているため、宛先を追加できません`, `campaign "${campaign.name}" has started sending; recipients cannot be added`);
  }
  if (opts.formal) await setFormality(cli, campaign, opts.formal);
  const result = await uploadRecipients(cli, String(campaign.id), { stream: createReadStream(file), size }, opts.mapping, { replace: opts.replace === true });
  if (opts.replace) cli.out.say(`キャンペーン「${campaign.name}」の宛先リストを差し替えました`, `Replaced the list of campaign "${campaign.name}"`);
  printImportResult(cli, result);
  if (opts.report) {
    await download(cli, campaign.id, 'rejections.csv', opts.reportEncoding, opts.report);
    cli.out.say(`除外した行の一覧を保存しました: ${opts.report}`, `Saved the rejected rows to ${opts.report}`);
  }
  if (result.accepted === 0) throw nothingAccepted(result, opts);
  cli.out.data(result);
}

/** One line: no row was accepted, the reasons with their counts, and what to do next. */
function nothingAccepted(result: ImportResult, opts: ImportOptions): CliError {
  const reasons = Object.entries(result.byReason)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const ja = reasons.map(([r, n]) => `${labelOf(REJECT_REASON_LABELS, r, 'ja')} ${n}件`).join('、');
  const en = reasons.map(([r, n]) => `${labelOf(REJECT_REASON_LABELS, r, 'en').toLowerCase()} ${n}`).join(', ');
  // Every row already in the campaign: the operator is re-importing a corrected file without --replace.
  const allDuplicates = !opts.replace && reasons.length === 1 && reasons[0]![0] === 'duplicate';
  const next = allDuplicates
    ? { ja: '直したファイルで宛先リストを差し替えるには --replace を付けてください', en: 'to replace the list with a corrected file, add --replace' }
    : opts.report
      ? { ja: `理由は ${opts.report} にあります`, en: `see ${opts.report} for each row` }
      : { ja: '行ごとの理由は --report FILE で保存できます', en: 'save each row\'s reason with --report FILE' };
  return new CliError({
    code: 'TODOKU_CLI_NOTHING_ACCEPTED',
    ja: `受け付けた行がありません（${result.rows}行すべて除外: ${ja || '行がありません'}）。${next.ja}`,
    en: `no row was accepted (all ${result.rows} rejected: ${en || 'no rows'}); ${next.en}`,
    details: result,
  });
}
