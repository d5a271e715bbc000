// What the live-tracking dashboard reads (トラッキング): the funnel and its chart (tracking/funnel.ts),
// each message's story and the recipient table (tracking/messages.ts). Read-only.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { funnelQueries } from './tracking/funnel.ts';
import { messageQueries } from './tracking/messages.ts';

export * from './tracking/funnel.ts';
export * from './tracking/messages.ts';

export function trackingStore(db: Kysely<Database>) {
  return { ...funnelQueries(db), ...messageQueries(db) };
}

export type TrackingStore = ReturnType<typeof trackingStore>;
