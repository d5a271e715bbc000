// The contact policy at dispatch time: each claimed message is checked against its campaign's policy pack
// (quiet hours in the recipients' time zone, holidays, per-person frequency caps across campaigns) just
// before it would go out. A message that may not go now waits in the queue until it may; none is dropped.
import type { PolicyPort } from './ports.ts';
import type { ClaimedMessage, Deferral } from '../core/queue.ts';
import { decideContact, type ContactDecision } from '../core/policy/decide.ts';
import { POLICY_PACKS, isPolicyPackId, type PolicyPack } from '../core/policy/packs.ts';
import type { PolicyOverrides } from '../core/policy/overrides.ts';

export interface CampaignPolicy {
  timeZone: string;
  pack: PolicyPack;
}

export function campaignPolicy(c: { time_zone: string | null; policy_pack: string | null }): CampaignPolicy {
  const pack = c.policy_pack && isPolicyPackId(c.policy_pack) ? POLICY_PACKS[c.policy_pack] : POLICY_PACKS.jp_money_lending;
  return { pack, timeZone: c.time_zone ?? pack.defaultTimeZone };
}

export async function applyPolicy(
  store: PolicyPort,
  claimed: readonly ClaimedMessage[],
  policyOf: (campaignId: number) => Promise<CampaignPolicy>,
  overrides: PolicyOverrides,
  now: number,
): Promise<{ send: ClaimedMessage[]; defer: Deferral[] }> {
  return decidePolicy(claimed, await contactHistory(store, claimed, overrides, now), policyOf, overrides, now);
}

/** Earlier contacts (by keyed phone hash) of the people in `claimed`, as far back as the longest frequency cap looks. */
export async function contactHistory(store: PolicyPort, claimed: readonly ClaimedMessage[], overrides: PolicyOverrides, now: number): Promise<Map<string, number[]>> {
  const caps = overrides.caps ?? [];
  const longestWindow = Math.max(0, ...caps.map((c) => c.windowDays), ...Object.values(POLICY_PACKS).flatMap((p) => p.caps.map((c) => c.windowDays)));
  if (longestWindow === 0) return new Map();
  return store.messages.recentContacts(
    claimed.map((m) => m.toHash).filter((h): h is string => h !== null),
    now - longestWindow * 86_400_000,
  );
}

/**
 * The decision itself, from a history already read: pure but for `policyOf` (cached per campaign). The
 * dispatcher makes it when it claims and again with the clock of the moment a message is handed to the route.
 */
export async function decidePolicy(
  claimed: readonly ClaimedMessage[],
  history: ReadonlyMap<string, readonly number[]>,
  policyOf: (campaignId: number) => Promise<CampaignPolicy>,
  overrides: PolicyOverrides,
  now: number,
): Promise<{ send: ClaimedMessage[]; defer: Deferral[] }> {
  const send: ClaimedMessage[] = [];
  const defer: Deferral[] = [];
  // Contacts granted in this batch count for the next message to the same person.
  const granted = new Map<string, number[]>();
  const at = new Date(now);
  // The decision is a pure function of clock, campaign policy and the person's history: for everyone
  // without earlier contacts (most of a batch) it is the same, so it is made once per campaign.
  const firstContact = new Map<number, ContactDecision>();
  for (const m of claimed) {
    // A test send goes to the organisation's own phone, not to a person the policy protects.
    if (m.testToEnc) {
      send.push(m);
      continue;
    }
    const { pack, timeZone } = await policyOf(m.campaignId);
    const earlier = m.toHash ? history.get(m.toHash) : undefined;
    const inBatch = m.toHash ? granted.get(m.toHash) : undefined;
    let decision: ContactDecision;
    if (!earlier?.length && !inBatch?.length) {
      let known = firstContact.get(m.campaignId);
      if (!known) firstContact.set(m.campaignId, (known = decideContact({ now: at, timeZone, pack, history: [], overrides })));
      decision = known;
    } else {
      const past = [...(earlier ?? []), ...(inBatch ?? [])];
      decision = decideContact({ now: at, timeZone, pack, history: past.map((t) => new Date(t)), overrides });
    }
    if (decision.action === 'send') {
      send.push(m);
      if (m.toHash) granted.set(m.toHash, inBatch ? [...inBatch, now] : [now]);
    } else {
      defer.push({ id: m.id, until: decision.until.getTime(), code: `POLICY_${decision.reason.code.toUpperCase()}`, message: decision.reason.message });
    }
  }
  return { send, defer };
}
