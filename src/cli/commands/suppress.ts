// `todoku suppress add NUMBER | remove NUMBER | list`: the suppression list (配信停止リスト). A number on
// it is never sent to again; imports report its line as opted out.
import type { Command } from 'commander';
import { Option } from 'commander';
import { localTime, table } from '../output.ts';
import { withCli } from '../run.ts';
import { answer } from '../api.ts';
import type { Cli } from '../context.ts';

const REASONS = ['opt_out', 'wrong_person', 'complaint', 'other'] as const;
const REASON_LABELS: Record<string, [string, string]> = {
  opt_out: ['配信停止の申し出', 'opted out'],
  wrong_person: ['人違い・番号違い', 'wrong person'],
  complaint: ['苦情', 'complaint'],
  other: ['その他', 'other'],
};
const SOURCE_LABELS: Record<string, [string, string]> = { reply: ['本人の返信', "the person's reply"], operator: ['担当者', 'an operator'] };

export function registerSuppress(program: Command): void {
  const suppress = program.command('suppress').description('配信停止リストの追加・削除・一覧 / add to, remove from and list the suppression list');
  suppress
    .command('add')
    .description('番号を配信停止リストに追加する / put a number on the list')
    .argument('<number>', '電話番号（090-1234-5678 など）/ phone number')
    .addOption(new Option('--reason <reason>', '理由 / reason').choices(REASONS).default('opt_out'))
    .action(withCli(add));
  suppress
    .command('remove')
    .description('番号を配信停止リストから外す / take a number off the list')
    .argument('<number>', '電話番号 / phone number')
    .action(withCli(remove));
  suppress
    .command('list')
    .description('配信停止リスト（番号は一部を伏せて表示）/ the list, numbers masked')
    .option('--limit <n>', '表示件数 / how many', '100')
    .action(withCli(list));
}

async function add(cli: Cli, number: string, opts: { reason: (typeof REASONS)[number] }): Promise<void> {
  const s = answer(await cli.api.http.POST('/api/v1/suppressions', { body: { phone: number, reason: opts.reason } }));
  if (s.added) cli.out.say(`${s.phone} を配信停止リストに追加しました`, `${s.phone} is now on the suppression list`);
  else cli.out.say(`${s.phone} は既に配信停止リストにあります（${localTime(s.createdAt)} から）`, `${s.phone} was already on the list (since ${localTime(s.createdAt)})`);
  cli.out.data(s);
}

async function remove(cli: Cli, number: string): Promise<void> {
  await cli.api.http.DELETE('/api/v1/suppressions', { body: { phone: number } });
  cli.out.say('配信停止リストから外しました。この番号には再び送信されます', 'Removed from the suppression list: this number can be sent to again');
  cli.out.data({ removed: true });
}

async function list(cli: Cli, opts: { limit: string }): Promise<void> {
  const { total, suppressions } = answer(await cli.api.http.GET('/api/v1/suppressions', { params: { query: { limit: Number(opts.limit) } } }));
  const { out } = cli;
  const label = (labels: Record<string, [string, string]>, key: string) => (labels[key] ? out.t(...labels[key]) : key);
  out.lines(
    table(
      [out.t('番号', 'number'), out.t('理由', 'reason'), out.t('登録元', 'source'), out.t('登録日時', 'added')],
      suppressions.map((s) => [s.phone, label(REASON_LABELS, s.reason), label(SOURCE_LABELS, s.source), localTime(s.createdAt)]),
    ),
  );
  out.say(`全${total}件`, `${total} in all`);
  out.data({ total, suppressions });
}
