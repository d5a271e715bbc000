// What the inbox use-cases are given: the store and vault, who we are, the clock, and a way to tell
// local dispatchers that a message was queued.
import type { Logger } from '../log.ts';
import type { Store } from '../store/index.ts';
import type { Vault } from '../core/vault.ts';
import type { RouteLimits } from '../core/segments.ts';

export interface InboxDeps {
  store: Store;
  vault: Vault;
  /** The configured sender: the organisation's name in a confirmation when no name is set. */
  sender: string;
  now: () => number;
  /** Tells local dispatchers there is a message to send (others find it on their next look). */
  poke: () => void;
  /** What a route takes (an operator's reply longer than this is refused). */
  limits?: RouteLimits;
  /** For reading promised dates when the campaign names no zone. */
  timeZone?: string;
  log?: Logger;
}

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';
