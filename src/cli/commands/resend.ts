// `todoku resend-unknown CAMPAIGN [--yes]`: re-sends the campaign's messages whose delivery is unknown
// (送達不明). Each may already be on the phone, so the question names the risk of a duplicate; scripts
// accept it with --yes, which the server is told as confirm: "duplicate-risk".
import type { Command } from 'commander';
import { answer } from '../api.ts';
import { campaignRef, getCampaign } from '../campaigns.ts';
import { userError } from '../errors.ts';
import { canAsk, confirm } from '../prompt.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';

export function registerResend(program: Command): void {
  program
    .command('resend-unknown')
    .description('送達不明のメッセージを再送する（二重に届く可能性があります）/ re-send messages whose delivery is unknown (they may arrive twice)')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .option('-y, --yes', '二重送信の可能性を承知のうえ確認せずに再送する（スクリプト用）/ accept the duplicate risk without asking (for scripts)')
    .action(withCli((cli: Cli, name: string, opts: { yes?: boolean }) => resend(cli, name, opts)));
}

async function resend(cli: Cli, name: string, opts: { yes?: boolean }): Promise<void> {
  const c = await getCampaign(cli, name);
  const unknown = c.counts.unknown ?? 0;
  if (unknown === 0) {
    cli.out.say(`キャンペーン「${c.name}」に送達不明のメッセージはありません`, `Campaign "${c.name}" has no message of unknown delivery`);
    cli.out.data({ resent: 0, messages: [] });
    return;
  }
  if (!opts.yes) {
    if (!canAsk()) {
      throw userError('NEEDS_YES', '端末以外から実行するときは --yes を付けてください（確認なしには再送しません）', 'not on a terminal: add --yes to re-send without confirmation');
    }
    const ok = await confirm(
      cli.out.t(
        `送達不明の${unknown}件を再送します。同じSMSが二重に届く可能性があります。よろしいですか? [y/N]`,
        `Re-send ${unknown} messages of unknown delivery? The same SMS may reach some people twice. [y/N]`,
      ),
    );
    if (!ok) throw userError('ABORTED', '再送を取りやめました。何も送信していません', 'cancelled: nothing was sent');
  }
  const result = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/messages/resend-unknown', { params: campaignRef(c.id), body: { confirm: 'duplicate-risk' } }));
  cli.out.say(`${result.resent}件を新しいメッセージとして再送します`, `Re-sending ${result.resent} as new messages`);
  cli.out.data(result);
}
