// `todoku export NAME [-o FILE] [--encoding utf-8-bom|cp932]`: the campaign's results per message as
// CSV for Excel, streamed into a file or to stdout.
import { Option, type Command } from 'commander';
import { getCampaign } from '../campaigns.ts';
import { CSV_ENCODINGS, download, type CsvEncoding } from '../download.ts';
import { formatBytes } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';

interface ExportOptions {
  output?: string;
  encoding: CsvEncoding;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('送信結果をCSVで書き出す（Excel用）/ export results per message as CSV for Excel')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .option('-o, --output <file>', '書き出し先（省略時は標準出力）/ output file (default: stdout)')
    .addOption(new Option('--encoding <encoding>', '文字コード / encoding').choices(CSV_ENCODINGS).default('utf-8-bom'))
    .action(withCli(runExport));
}

async function runExport(cli: Cli, name: string, opts: ExportOptions): Promise<void> {
  const campaign = await getCampaign(cli, name);
  const bytes = await download(cli, campaign.id, 'export.csv', opts.encoding, opts.output);
  if (!opts.output) return;
  cli.out.say(`書き出しました: ${opts.output}（${formatBytes(bytes)}、${opts.encoding}）`, `Exported to ${opts.output} (${formatBytes(bytes)}, ${opts.encoding})`);
  cli.out.data({ campaign: campaign.id, file: opts.output, bytes, encoding: opts.encoding });
}
