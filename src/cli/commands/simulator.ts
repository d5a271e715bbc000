// `todoku simulator received [--limit N]`: what the built-in SMSC simulator received (the phone's
// view of a campaign sent offline), newest last.
import type { Command } from 'commander';
import { positiveInt } from '../arguments.ts';
import { localTime, table } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import type { ReceivedPage } from '../api-types.ts';

export function registerSimulator(program: Command): void {
  const simulator = program.command('simulator').description('組み込みSMSCシミュレータ / the built-in SMSC simulator');
  simulator
    .command('received')
    .description('シミュレータが受け取ったSMS（新しい順にN件まで）/ SMS the simulator received (the last N)')
    .option('--limit <n>', '表示する件数 / how many, newest last', positiveInt, 100)
    .action(withCli((cli: Cli, opts: { limit: number }) => runReceived(cli, opts.limit)));
}

/** The last `limit` messages the simulator received, oldest of them first. */
export async function lastReceived(cli: Cli, limit: number): Promise<ReceivedPage> {
  const first = await cli.api.get<ReceivedPage>('/simulator/received', { limit: 1 });
  const offset = Math.max(0, first.total - limit);
  return cli.api.get<ReceivedPage>('/simulator/received', { offset, limit: Math.min(limit, 10000) });
}

export function printReceived(cli: Cli, page: ReceivedPage): void {
  const { out } = cli;
  if (page.received.length === 0) {
    out.say('シミュレータはまだSMSを受け取っていません', 'The simulator has not received any SMS yet');
    return;
  }
  const rows = page.received.map((m) => [localTime(m.receivedAt), m.to, m.text.replace(/\r?\n/g, ' ⏎ ')]);
  out.lines(table([out.t('受信日時', 'received at'), out.t('宛先', 'to'), out.t('本文', 'text')], rows));
  out.say(`（全${page.total}件中 ${page.received.length}件を表示）`, `(${page.received.length} of ${page.total})`);
}

async function runReceived(cli: Cli, limit: number): Promise<void> {
  const page = await lastReceived(cli, limit);
  printReceived(cli, page);
  cli.out.data(page);
}
