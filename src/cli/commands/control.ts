// `todoku pause|resume|cancel NAME`: holds, restarts or stops a campaign's sending. Cancelling cannot
// call back what the carrier already has; the server says how many that is.
import type { Command } from 'commander';
import { answer } from '../api.ts';
import { campaignRef, getCampaign } from '../campaigns.ts';
import { CAMPAIGN_STATUS_LABELS, labelOf } from '../../core/labels.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';

const ACTIONS = {
  pause: { ja: '送信を一時停止する', en: 'pause sending' },
  resume: { ja: '一時停止した送信を再開する', en: 'resume sending' },
  cancel: { ja: 'まだ送っていない分の送信を取り消す', en: 'cancel what has not been sent yet' },
} as const;

export function registerControl(program: Command): void {
  for (const [action, text] of Object.entries(ACTIONS)) {
    program
      .command(action)
      .description(`${text.ja} / ${text.en}`)
      .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
      .action(withCli((cli: Cli, name: string) => (action === 'cancel' ? cancel(cli, name) : pauseOrResume(cli, name, action as 'pause' | 'resume'))));
  }
}

async function pauseOrResume(cli: Cli, name: string, action: 'pause' | 'resume'): Promise<void> {
  const c = await getCampaign(cli, name);
  const init = { params: campaignRef(c.id) };
  const updated = answer(action === 'pause' ? await cli.api.http.POST('/api/v1/campaigns/{campaign}/pause', init) : await cli.api.http.POST('/api/v1/campaigns/{campaign}/resume', init));
  const status = labelOf(CAMPAIGN_STATUS_LABELS, updated.status, cli.out.lang);
  cli.out.say(`キャンペーン「${updated.name}」: ${status}`, `Campaign "${updated.name}": ${status}`);
  cli.out.data(updated);
}

async function cancel(cli: Cli, name: string): Promise<void> {
  const c = await getCampaign(cli, name);
  const result = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/cancel', { params: campaignRef(c.id) }));
  cli.out.say(
    `キャンペーン「${result.campaign.name}」を取り消しました: ${result.cancelled}件を取り消し、送信済みの${result.alreadySubmitted}件は取り消せません`,
    `Cancelled campaign "${result.campaign.name}": ${result.cancelled} cancelled; ${result.alreadySubmitted} already handed to the carrier are unaffected`,
  );
  cli.out.data(result);
}
