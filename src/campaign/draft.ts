// Creating a campaign and changing it while it is a draft: names are unique, a template must parse, a
// new campaign gets the configured contact policy unless it names one, nothing changes once sending
// started, and each change leaves an audit line.
import type { Store } from '../store/index.ts';
import type { Campaign, CampaignUpdate } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import type { Composer } from './compose.ts';
import { parseOrThrow } from './validate.ts';
import { auditCampaign } from './audit.ts';

export interface DraftDeps {
  store: Store;
  composer: Composer;
  /** The contact policy a new campaign gets unless it names one. */
  defaultPolicyPack?: string | undefined;
}

/** What an operator may set on a draft, in the store's own terms. */
export type DraftSettings = Pick<CampaignUpdate, 'template' | 'sender' | 'time_zone' | 'route_profile' | 'policy_pack' | 'notice_kind' | 'notice_formality'>;

export async function createCampaign(deps: DraftDeps, actor: string, input: { name: string; settings: DraftSettings }): Promise<Campaign> {
  const { store } = deps;
  if (await store.campaigns.byName(input.name)) {
    throw new TodokuError('TODOKU_E_CONFLICT', { ja: `同じ名前のキャンペーンがあります: ${input.name}`, en: `a campaign named "${input.name}" exists` });
  }
  const { template, sender, ...rest } = input.settings;
  if (template) parseOrThrow(deps.composer, template);
  const created = await store.campaigns.create({ name: input.name, template: template ?? null, sender: sender ?? null });
  const c = (await store.campaigns.update(created.id, { policy_pack: deps.defaultPolicyPack ?? 'jp_money_lending', ...rest })) ?? created;
  await auditCampaign(store, actor, 'campaign.create', c, { name: c.name });
  return c;
}

/** `fields` names what the operator sent, as the audit line records it. */
export async function changeDraft(deps: DraftDeps, actor: string, c: Campaign, settings: DraftSettings, fields: string[]): Promise<Campaign> {
  if (c.status !== 'draft') throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', { ja: '送信開始後は変更できません', en: 'cannot change a campaign after sending started' });
  if (settings.template) parseOrThrow(deps.composer, settings.template);
  const updated = await deps.store.campaigns.update(c.id, settings);
  await auditCampaign(deps.store, actor, 'campaign.update', c, { fields });
  return updated!;
}
