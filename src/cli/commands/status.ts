// `todoku status NAME [--watch]`: a campaign's status and its messages counted by state; with
// --watch, a progress bar until nothing is in flight any more.
import type { Command } from 'commander';
import { getCampaign, type CampaignView } from '../campaigns.ts';
import { MESSAGE_STATES } from '../../core/message.ts';
import { CAMPAIGN_STATUS_LABELS, labelOf, MESSAGE_STATE_LABELS } from '../../core/labels.ts';
import { localTime, table } from '../output.ts';
import { watchCampaign } from '../watch.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('キャンペーンの状況（状態ごとの件数）/ campaign status and message counts by state')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .option('-w, --watch', '送信が終わるまで進み具合を表示（Ctrl-Cで終了）/ follow until nothing is in flight (Ctrl-C stops)')
    .action(withCli(runStatus));
}

export function printStatus(cli: Cli, c: CampaignView): void {
  const { out } = cli;
  const lang = out.lang;
  out.say(`キャンペーン: ${c.name}（ID ${c.id}）  状態: ${labelOf(CAMPAIGN_STATUS_LABELS, c.status, 'ja')}`, `Campaign: ${c.name} (id ${c.id})  status: ${labelOf(CAMPAIGN_STATUS_LABELS, c.status, 'en')}`);
  out.say(`宛先: 受付 ${c.acceptedCount}件 / 除外 ${c.rejectedCount}件`, `Recipients: ${c.acceptedCount} accepted, ${c.rejectedCount} rejected`);
  if (c.sendRequestedAt) out.say(`送信開始: ${localTime(c.sendRequestedAt)}`, `Sending started: ${localTime(c.sendRequestedAt)}`);
  if (c.completedAt) out.say(`完了: ${localTime(c.completedAt)}`, `Completed: ${localTime(c.completedAt)}`);
  const known: readonly string[] = MESSAGE_STATES;
  const states = [...known, ...Object.keys(c.counts).filter((s) => !known.includes(s))].filter((s) => (c.counts[s] ?? 0) > 0);
  const rows = states.map((s) => [labelOf(MESSAGE_STATE_LABELS, s, lang), String(c.counts[s])]);
  if (rows.length === 0) {
    out.say('まだメッセージはありません（送信前）', 'No messages yet (not sent)');
    return;
  }
  out.lines(table([out.t('状態', 'state'), out.t('件数', 'count')], rows));
}

async function runStatus(cli: Cli, name: string, opts: { watch?: boolean }): Promise<void> {
  let campaign = await getCampaign(cli, name);
  if (opts.watch) {
    const watched = await watchCampaign(cli, campaign.id);
    campaign = watched.campaign;
    if (watched.interrupted) cli.out.note('（Ctrl-Cで表示を止めました。送信は続いています）', '(stopped watching; sending goes on)');
  }
  printStatus(cli, campaign);
  cli.out.data(campaign);
}
