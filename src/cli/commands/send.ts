// `todoku send NAME --template TEXT`: previews the template on the campaign's real rows, stops if any
// row cannot become a message (naming the lines), asks for confirmation, then starts sending. With
// --request-approval it asks for approval instead, with --test it sends to the test numbers (approve.ts).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { answer } from '../api.ts';
import { campaignRef, getCampaign } from '../campaigns.ts';
import { userError } from '../errors.ts';
import { CAMPAIGN_STATUS_LABELS, labelOf } from '../../core/labels.ts';
import { canAsk, confirm } from '../prompt.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import { collect, officeTime, runRequestApproval, runTestSend } from './approve.ts';
import { positiveInt } from '../arguments.ts';
import { printWaiting, waitingSummary } from './status.ts';

/** Up to ~3 s after sending: the messages held back by the policy, or null once any has gone (or none waits). */
async function firstWaiting(cli: Cli, id: number): Promise<Awaited<ReturnType<typeof waitingSummary>>> {
  for (let i = 0; i < 6; i++) {
    const c = await getCampaign(cli, id);
    const waiting = await waitingSummary(cli, c);
    if (waiting) return waiting;
    if (Object.keys(c.counts).some((s) => s !== 'queued') || !c.counts.queued) return null;
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

import { showPreview } from '../preview.ts';

export { showPreview, type PreviewResult } from '../preview.ts';

interface SendOptions {
  template?: string;
  templateFile?: string;
  yes?: boolean;
  /** To the organisation's test numbers only (all, or those given with --to), from --line's row. */
  test?: boolean;
  to?: string[];
  line?: number;
  /** Ask for approval instead of sending (--at: the time asked for; --note: for the approver). */
  requestApproval?: boolean;
  at?: string;
  note?: string;
}

export function registerSend(program: Command): void {
  program
    .command('send')
    .description('本文を確認してから送信を開始する / preview the message on real rows, confirm, and start sending')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .option('--template <text>', '本文テンプレート / message template, e.g. "{{name}}様 …{{url}}"')
    .option('--template-file <file>', '本文テンプレートのファイル（UTF-8）/ template file (UTF-8)')
    .option('-y, --yes', '確認せずに送信する（スクリプト用）/ send without asking (for scripts)')
    .option('--test', '組織のテスト用の番号にだけ今すぐ送る（承認不要）/ send now to the organisation’s test numbers only (no approval needed)')
    .option('--to <number>', '--test の送り先（テスト用の番号のうち。繰り返し可）/ with --test: one of the test numbers (repeatable)', collect)
    .option('--line <n>', '--test で本文に差し込む行（既定: 最初の行）/ with --test: the list line that fills the template (default: the first)', positiveInt)
    .option('--request-approval', '送信せずに承認を依頼する / ask for approval instead of sending')
    .option('--at <time>', '--request-approval の送信日時（「2026-12-01 09:00」日本時間）/ with --request-approval: when to send once approved', officeTime)
    .option('--note <text>', '--request-approval で承認者へのメモ / with --request-approval: a note for the approver')
    .action(withCli(runSend));
}

export function readTemplate(opts: SendOptions): string | undefined {
  if (opts.template !== undefined && opts.templateFile !== undefined) {
    throw userError('TWO_TEMPLATES', '--template と --template-file はどちらか一方だけ指定してください', 'give either --template or --template-file, not both');
  }
  if (opts.templateFile === undefined) return opts.template;
  try {
    // A file saved by an editor ends with a newline that is not part of the message.
    return readFileSync(opts.templateFile, 'utf8').replace(/^\uFEFF/, '').replace(/(\r?\n)+$/, '');
  } catch {
    throw userError('NO_FILE', `テンプレートのファイルを読めません: ${opts.templateFile}`, `cannot read the template file ${opts.templateFile}`);
  }
}

async function runSend(cli: Cli, name: string, opts: SendOptions): Promise<void> {
  if (opts.test) return runTestSend(cli, name, opts);
  if (opts.to || opts.line !== undefined) throw userError('TEST_ONLY', '--to と --line は --test と一緒に使います', '--to and --line go with --test');
  if (opts.requestApproval) return runRequestApproval(cli, name, opts);
  if (opts.at || opts.note) throw userError('APPROVAL_ONLY', '--at と --note は --request-approval と一緒に使います', '--at and --note go with --request-approval');
  const template = readTemplate(opts);
  const campaign = await getCampaign(cli, name);
  if (campaign.status !== 'draft') {
    const status = labelOf(CAMPAIGN_STATUS_LABELS, campaign.status, cli.out.lang);
    throw userError('NOT_DRAFT', `キャンペーン「${campaign.name}」は既に「${status}」です（送信は一度だけです）。状況は todoku status で確認できます`, `campaign "${campaign.name}" is already ${status} (a campaign is sent once); see todoku status`);
  }
  const params = campaignRef(campaign.id);
  const body = template === undefined ? {} : { template };
  const preview = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/preview', { params, body: { ...body, limit: 3 } }));
  showPreview(cli, preview);

  if (!opts.yes) {
    if (!canAsk()) {
      throw userError('NEEDS_YES', '端末以外から実行するときは --yes を付けてください（確認なしには送信しません）', 'not on a terminal: add --yes to send without confirmation');
    }
    const ok = await confirm(cli.out.t(`${preview.recipients}人に送信します（合計${preview.totalParts}通）。よろしいですか? [y/N]`, `Send to ${preview.recipients} recipients (${preview.totalParts} parts in total)? [y/N]`));
    if (!ok) throw userError('ABORTED', '送信を取りやめました。何も送信していません', 'cancelled: nothing was sent');
  }

  const result = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/send', { params, body }));
  cli.out.say(`送信を開始しました: ${result.queued}件（合計${result.totalParts}通）`, `Sending started: ${result.queued} messages (${result.totalParts} parts)`);
  // The contact policy decides when each message is claimed: a moment later it is known whether they wait.
  const waiting = await firstWaiting(cli, campaign.id);
  if (waiting) printWaiting(cli, waiting);
  cli.out.say(`進み具合: todoku status ${campaign.name} --watch`, `Follow it: todoku status ${campaign.name} --watch`);
  cli.out.data(waiting ? { ...result, waiting: { messages: waiting.count, ...waiting.words } } : result);
}
