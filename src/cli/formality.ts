// `--formal assignment|formal|none`: marks a campaign as a 債権譲渡通知 or a 正式な通知, sent only to people
// whose prior consent to notices by SMS is recorded (or, with none, as an ordinary notice again).
import { answer } from './api.ts';
import { campaignRef, type CampaignView } from './campaigns.ts';
import { NOTICE_FORMALITY_LABELS } from '../core/labels.ts';
import type { Cli } from './context.ts';

export const FORMAL_CHOICES = ['assignment', 'formal', 'none'] as const;
export type FormalChoice = (typeof FORMAL_CHOICES)[number];

export const FORMAL_HELP = '正式な通知として送る: assignment 債権譲渡通知 / formal 正式な通知 / none 通常の通知（宛先全員の事前同意の記録が必要）/ send as a formal notice (every recipient\'s prior consent must be recorded)';

export async function setFormality(cli: Cli, campaign: Pick<CampaignView, 'id' | 'name'>, choice: FormalChoice): Promise<CampaignView> {
  const formality = choice === 'none' ? null : choice;
  const updated = answer(await cli.api.http.PATCH('/api/v1/campaigns/{campaign}', { params: campaignRef(campaign.id), body: { formality } }));
  if (formality === null) cli.out.say(`キャンペーン「${campaign.name}」を通常の通知にしました`, `Campaign "${campaign.name}" is an ordinary notice`);
  else {
    const label = NOTICE_FORMALITY_LABELS[formality];
    cli.out.say(
      `キャンペーン「${campaign.name}」を「${label.ja}」にしました（宛先全員の事前同意の記録が必要です）`,
      `Campaign "${campaign.name}" is a ${label.en.toLowerCase()} (every recipient's prior consent must be recorded)`,
    );
  }
  return updated;
}
