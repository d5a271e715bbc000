// `todoku status NAME [--watch]`: a campaign's status and its messages counted by state; with
// --watch, a progress bar until nothing is in flight any more.
import type { Command } from 'commander';
import { getCampaign, type CampaignView } from '../campaigns.ts';
import { MESSAGE_STATES } from '../../core/message.ts';
import { CAMPAIGN_STATUS_LABELS, labelOf, MESSAGE_STATE_LABELS } from '../../core/labels.ts';
import { localTime, table } from '../output.ts';
import { watchCampaign } from '../watch.ts';
import { answer } from '../api.ts';
import { campaignRef } from '../campaigns.ts';
import { waitingOf } from '../../core/waiting-words.ts';
import type { Bilingual } from '../../core/errors.ts';
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

/** Messages the contact policy holds back, with the words of the first to go; none when nothing waits. */
export async function waitingSummary(cli: Cli, c: CampaignView): Promise<{ count: number; words: Bilingual } | null> {
  if (!c.counts.queued) return null;
  const page = answer(await cli.api.http.GET('/api/v1/campaigns/{campaign}/messages', { params: { ...campaignRef(c.id), query: { state: 'queued', limit: 1000 } } }));
  const waiting = page.messages
    .map((m) => ({ at: m.nextAttemptAt === null ? Infinity : Date.parse(m.nextAttemptAt), words: waitingOf(m, c) }))
    .filter((w): w is { at: number; words: Bilingual } => w.words !== null)
    .sort((a, b) => a.at - b.at);
  return waiting.length === 0 ? null : { count: waiting.length, words: waiting[0]!.words };
}

/** 「3件が送信を待っています: 21:00〜8:00は送信しません。12月8日 8:00に送信します」 */
export function printWaiting(cli: Cli, w: { count: number; words: Bilingual }): void {
  cli.out.say(`${w.count}件が送信を待っています: ${w.words.ja}`, `${w.count} ${w.count === 1 ? 'message waits' : 'messages wait'}: ${w.words.en}`);
}

async function runStatus(cli: Cli, name: string, opts: { watch?: boolean }): Promise<void> {
  let campaign = await getCampaign(cli, name);
  if (opts.watch) {
    const watched = await watchCampaign(cli, campaign.id);
    campaign = watched.campaign;
    if (watched.interrupted) cli.out.note('（Ctrl-Cで表示を止めました。送信は続いています）', '(stopped watching; sending goes on)');
  }
  printStatus(cli, campaign);
  const waiting = await waitingSummary(cli, campaign);
  if (waiting) printWaiting(cli, waiting);
  cli.out.data(waiting ? { ...campaign, waiting: { messages: waiting.count, ...waiting.words } } : campaign);
}
