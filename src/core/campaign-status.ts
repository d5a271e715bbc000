// A campaign's life: the states it moves through from an imported list to the end of sending. Kept in
// core (not in the storage schema) so labels, the API document and the console share one list.
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
