// Deleting a campaign that was never sent: a draft goes with its list, rejections and page settings
// (nothing was sent, so nothing needs keeping); the audit line keeps its name and figures. A campaign
// that has sent anything is archived instead (archive.ts).
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { auditCampaign } from './audit.ts';

export async function deleteDraft(store: Store, actor: string, c: Campaign): Promise<void> {
  if (!(await store.campaigns.deleteDraft(c.id))) {
    const now = (await store.campaigns.byId(c.id)) ?? c;
    const status = CAMPAIGN_STATUS_LABELS[now.status];
    throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: `キャンペーン「${c.name}」は「${status.ja}」のため削除できません。削除できるのは下書きだけです（終わったキャンペーンはアーカイブできます）`,
      en: `campaign "${c.name}" is ${status.en.toLowerCase()}: only a draft can be deleted (a finished campaign can be archived)`,
    });
  }
  await auditCampaign(store, actor, 'campaign.delete', c, { name: c.name, accepted: c.accepted_count, rejected: c.rejected_count });
}
