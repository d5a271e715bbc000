// `todoku campaign delete|archive|unarchive NAME`: deletes a draft that will never be sent (with its
// list; asks first, scripts say --yes), archives a finished campaign (hidden from the list, kept for
// records) or brings it back; `todoku campaign formal NAME assignment|formal|none` marks a draft as a
// formal notice (sent only with every recipient's prior consent recorded).
import { Argument, type Command } from 'commander';
import { FORMAL_CHOICES, FORMAL_HELP, setFormality, type FormalChoice } from '../formality.ts';
import { answer } from '../api.ts';
import { campaignRef, getCampaign } from '../campaigns.ts';
import { userError } from '../errors.ts';
import { canAsk, confirm } from '../prompt.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';

export function registerCampaign(program: Command): void {
  const campaign = program.command('campaign').description('キャンペーンの削除・アーカイブ / delete or archive campaigns');
  campaign
    .command('delete')
    .description('下書きのキャンペーンを宛先リストごと削除する / delete a draft campaign with its list')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .option('-y, --yes', '確認せずに削除する（スクリプト用）/ delete without asking (for scripts)')
    .action(withCli((cli: Cli, name: string, opts: { yes?: boolean }) => remove(cli, name, opts)));
  campaign
    .command('formal')
    .description('下書きを債権譲渡通知・正式な通知にする（none で通常の通知に戻す）/ mark a draft as a formal notice (none: an ordinary one)')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .addArgument(new Argument('<kind>', FORMAL_HELP).choices(FORMAL_CHOICES))
    .action(withCli(async (cli: Cli, name: string, kind: FormalChoice) => cli.out.data(await setFormality(cli, await getCampaign(cli, name), kind))));
  campaign
    .command('archive')
    .description('完了・取消済みのキャンペーンをアーカイブする（一覧から隠し、記録は残す）/ archive a finished campaign (hidden from the list, kept)')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .action(withCli((cli: Cli, name: string) => archive(cli, name, true)));
  campaign
    .command('unarchive')
    .description('アーカイブしたキャンペーンを一覧に戻す / bring an archived campaign back to the list')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .action(withCli((cli: Cli, name: string) => archive(cli, name, false)));
}

async function remove(cli: Cli, name: string, opts: { yes?: boolean }): Promise<void> {
  const c = await getCampaign(cli, name);
  if (!opts.yes) {
    if (!canAsk()) throw userError('NEEDS_YES', '端末以外から実行するときは --yes を付けてください（確認なしには削除しません）', 'not on a terminal: add --yes to delete without confirmation');
    const ok = await confirm(cli.out.t(`キャンペーン「${c.name}」を宛先${c.acceptedCount}件ごと削除します。元に戻せません。よろしいですか? [y/N]`, `Delete campaign "${c.name}" with its ${c.acceptedCount} recipients? This cannot be undone. [y/N]`));
    if (!ok) throw userError('ABORTED', '削除を取りやめました', 'cancelled: nothing was deleted');
  }
  await cli.api.http.DELETE('/api/v1/campaigns/{campaign}', { params: campaignRef(c.id) });
  cli.out.say(`キャンペーン「${c.name}」を削除しました`, `Deleted campaign "${c.name}"`);
  cli.out.data({ deleted: c.id, name: c.name });
}

async function archive(cli: Cli, name: string, on: boolean): Promise<void> {
  const c = await getCampaign(cli, name);
  const init = { params: campaignRef(c.id) };
  const updated = answer(on ? await cli.api.http.POST('/api/v1/campaigns/{campaign}/archive', init) : await cli.api.http.POST('/api/v1/campaigns/{campaign}/unarchive', init));
  if (on) cli.out.say(`キャンペーン「${updated.name}」をアーカイブしました（一覧には表示されません。記録は残ります）`, `Archived campaign "${updated.name}" (hidden from the list, records kept)`);
  else cli.out.say(`キャンペーン「${updated.name}」を一覧に戻しました`, `Campaign "${updated.name}" is back in the list`);
  cli.out.data(updated);
}
