// Archiving a finished campaign (completed or cancelled): it leaves the campaign list but keeps every
// message, answer, payment and audit line for the records, and can be brought back.
import type { Store } from '../store/index.ts';
import type { Campaign, CampaignStatus } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { auditCampaign } from './audit.ts';

const FINISHED: readonly CampaignStatus[] = ['completed', 'cancelled'];

export async function archiveCampaign(store: Store, actor: string, c: Campaign, now: number): Promise<Campaign> {
  if (c.archived_at !== null) return c;
  if (!(await store.campaigns.setArchived(c.id, FINISHED, now))) {
    const current = (await store.campaigns.byId(c.id)) ?? c;
    if (current.archived_at !== null) return current;
    const status = CAMPAIGN_STATUS_LABELS[current.status];
    throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: `キャンペーン「${c.name}」は「${status.ja}」のためアーカイブできません。アーカイブできるのは完了・取消済みのものだけです${current.status === 'draft' ? '（下書きは削除できます）' : ''}`,
      en: `campaign "${c.name}" is ${status.en.toLowerCase()}: only a completed or cancelled campaign can be archived${current.status === 'draft' ? ' (a draft can be deleted)' : ''}`,
    });
  }
  await auditCampaign(store, actor, 'campaign.archive', c, { name: c.name });
  return (await store.campaigns.byId(c.id))!;
}

export async function unarchiveCampaign(store: Store, actor: string, c: Campaign): Promise<Campaign> {
  if (c.archived_at === null) return c;
  await store.campaigns.setArchived(c.id, FINISHED, null);
  await auditCampaign(store, actor, 'campaign.unarchive', c, { name: c.name });
  return (await store.campaigns.byId(c.id))!;
}
