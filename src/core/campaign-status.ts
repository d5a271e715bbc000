// A campaign's life: the states it moves through from an imported list to the end of sending. Kept in
// core (not in the storage schema) so labels, the API document and the console share one list.
//
// sending → awaiting_receipts when every message has been handed to a carrier (or ended before), and
// awaiting_receipts → completed only when every message is final (delivered, undeliverable, expired,
// unknown, rejected, failed, cancelled): 「完了」 is a promise that no figure will change any more.
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'awaiting_receipts', 'completed', 'cancelled'] as const;

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Messages still to be handed to a carrier (or whose hand-over is not yet known): the campaign is still sending. */
export const NOT_HANDED_OVER_STATES = ['queued', 'submitting', 'unconfirmed'] as const;
/** Not final yet: the campaign is not complete while any of its messages is in one of these. */
export const NOT_FINAL_STATES = [...NOT_HANDED_OVER_STATES, 'submitted'] as const;
