// A reply arrives (from an SMPP deliver_sm or a provider's webhook): it is stored sealed, matched to the
// latest message we sent to that number, tagged by intent, and an opt-out puts the number on the
// suppression list and queues one confirmation.
//
// The route asks the carrier to deliver a reply again when storing it failed, so the same reply may
// arrive twice: one from the same number with the same text within DUPLICATE_WINDOW_MS is the same
// reply, and receiving it again only finishes what the first attempt may have left undone.
import type { InboundSms } from '../core/carrier.ts';
import { normalizePhone } from '../core/phone.ts';
import { tagIntent } from '../core/inbound/intent.ts';
import type { StoredInbound } from '../store/inbound.ts';
import { DEFAULT_TIME_ZONE, type InboxDeps } from './deps.ts';
import { optOutNumber } from './opt-out.ts';

/** SMSCs retry an unacknowledged deliver_sm after seconds to a few minutes. */
export const DUPLICATE_WINDOW_MS = 5 * 60_000;

export interface ReceivedReply {
  inbound: StoredInbound;
  /** The same reply was stored before: nothing new was stored. */
  duplicate: boolean;
  /** An opt-out confirmation queued by this call. */
  confirmationId: number | null;
}

/** The sender as E.164 with '+', the form recipients' numbers are indexed in; as given when not a phone number. */
export function senderNumber(from: string): string {
  const n = normalizePhone(from);
  return n.ok ? n.e164 : from.trim();
}

export async function receiveReply(deps: InboxDeps, route: string, sms: InboundSms): Promise<ReceivedReply> {
  const { store } = deps;
  const phone = senderNumber(sms.from);
  const fromHash = store.suppressions.idOf(phone);
  const receivedAt = sms.receivedAt.getTime();

  const earlier = await store.inbound.receivedBetween(fromHash, receivedAt - DUPLICATE_WINDOW_MS, receivedAt + DUPLICATE_WINDOW_MS);
  const same = earlier.find((r) => r.text === sms.text);
  if (same) {
    const confirmationId = same.optOut ? (await optOutNumber(deps, { phone, source: 'reply', actor: 'recipient', inboundId: same.id })).confirmationId : null;
    return { inbound: same, duplicate: true, confirmationId };
  }

  const sentTo = await store.inbound.latestSentTo(fromHash);
  const campaign = sentTo ? await store.campaigns.byId(sentTo.campaignId) : undefined;
  const tag = tagIntent(sms.text, { now: sms.receivedAt, timeZone: campaign?.time_zone ?? deps.timeZone ?? DEFAULT_TIME_ZONE });
  const optOut = tag.intent === 'opt_out';
  const inbound = await store.inbound.insert({
    route,
    phone,
    fromHash,
    to: sms.to,
    text: sms.text,
    receivedAt,
    campaignId: sentTo?.campaignId ?? null,
    messageId: sentTo?.messageId ?? null,
    recipientId: sentTo?.recipientId ?? null,
    tag,
    optOut,
  });
  deps.log?.info({ inboundId: inbound.id, campaignId: inbound.campaignId, intent: tag.intent, rule: tag.rule }, 'reply stored');
  const confirmationId = optOut ? (await optOutNumber(deps, { phone, source: 'reply', actor: 'recipient', inboundId: inbound.id, sentTo })).confirmationId : null;
  return { inbound, duplicate: false, confirmationId };
}
