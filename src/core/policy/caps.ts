// Frequency caps: at most N contacts per person in any rolling window, counting every campaign and channel
// the caller includes in the history.
import type { ContactCap } from './packs.ts';
import { DAY } from './time.ts';

export interface CapHit {
  cap: ContactCap;
  /** Contacts inside the window at the instant asked about. */
  contacts: number;
  /** When enough of them have aged out for one more. */
  until: Date;
}

/**
 * The cap that holds a contact back at `at`, if any: the one released last, so that waiting for it clears
 * all. `history` is in epoch ms, ascending; a contact exactly windowDays old no longer counts.
 */
export function capHit(at: number, caps: readonly ContactCap[], history: readonly number[]): CapHit | undefined {
  let hit: CapHit | undefined;
  for (const cap of caps) {
    const window = cap.windowDays * DAY;
    const inWindow = history.filter((t) => t > at - window && t <= at);
    if (inWindow.length < cap.count) continue;
    // Newest first: once the count-th newest ages out, count − 1 remain and one more is allowed.
    const releasing = inWindow[inWindow.length - cap.count];
    if (releasing === undefined) continue;
    const until = releasing + window;
    if (!hit || until > hit.until.getTime()) hit = { cap, contacts: inWindow.length, until: new Date(until) };
  }
  return hit;
}
