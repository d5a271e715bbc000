// The audit line every operator action on a campaign leaves: who, what, which campaign, and the figures.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';

export function auditCampaign(store: Pick<Store, 'audit'>, actor: string, action: string, c: Pick<Campaign, 'id'>, details?: Record<string, unknown>): Promise<void> {
  return store.audit.append({ actor, action, target: `campaign:${c.id}`, ...(details ? { details } : {}) });
}
