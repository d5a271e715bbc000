// What every campaign route needs: the `:campaign` parameter (an id or a name), finding the campaign,
// showing it, and auditing what was done to it.
import { z } from 'zod';
import type { Store } from '../../store/index.ts';
import type { Campaign } from '../../store/schema.ts';
import { toCampaignView } from './campaign-views.ts';
import { recipientActionCounts } from './payments.ts';
import { notFound } from './problem.ts';

export const campaignRef = z.object({ campaign: z.string().min(1).describe('campaign id or name') });
/** A template given with the request instead of the campaign's own. */
export const templateBody = z.object({ template: z.string().min(1).max(5000).optional() });
export const encodingQuery = z.object({ encoding: z.enum(['utf-8-bom', 'cp932']).default('utf-8-bom') });

export function campaignAccess(store: Store) {
  return {
    /** By id when the key is digits (names of digits only are refused), else by name. */
    async load(key: string): Promise<Campaign> {
      const c = (/^\d+$/.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
      if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
      return c;
    },
    async view(c: Campaign) {
      return { ...toCampaignView(c, await store.tracking.peopleByState(c.id)), recipientActions: await recipientActionCounts(store, c.id) };
    },
    audit(actor: string, action: string, c: Campaign, details?: Record<string, unknown>) {
      return store.audit.append({ actor, action, target: `campaign:${c.id}`, ...(details ? { details } : {}) });
    },
  };
}
