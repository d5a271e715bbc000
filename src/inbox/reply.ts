// An operator answers a conversation: the text goes through the queue as the next message to that
// person within the campaign they last heard from, so the route and the contact policy apply to it as
// to any other. Refused for a number on the suppression list.
import { REPLY_KIND } from '../core/inbound/message-kinds.ts';
import { countSegments, exceedsRouteMaximum } from '../core/segments.ts';
import type { InboxDeps } from './deps.ts';
import { conversationNotFound, replyEmpty, replyTooLong, replyUnmatched, suppressedError } from './errors.ts';

export interface ReplyInput {
  conversationId: string;
  text: string;
  actor: string;
}

export async function replyInConversation(deps: InboxDeps, input: ReplyInput): Promise<{ messageId: number; campaignId: number; parts: number }> {
  const { store } = deps;
  const id = input.conversationId;
  const text = input.text.trim();
  if (text === '') throw replyEmpty();
  const info = countSegments(text, deps.limits);
  if (deps.limits && exceedsRouteMaximum(info, deps.limits)) throw replyTooLong(info.parts, deps.limits.maxParts ?? info.parts);

  if ((await store.suppressions.among([id])).has(id)) throw suppressedError();
  const sentTo = await store.inbound.latestSentTo(id);
  if (!sentTo) {
    if ((await store.inbound.repliesFrom(id, 1)).length === 0) throw conversationNotFound();
    throw replyUnmatched();
  }
  const messageId = (await store.inbound.queueMessage({ ...sentTo, toHash: id }, { kind: REPLY_KIND, text }))!;
  // Answering a conversation means its replies were read.
  await store.inbound.markRead(id);
  await store.audit.append({ actor: input.actor, action: 'inbox.reply', target: `conversation:${id}`, details: { messageId, campaignId: sentTo.campaignId, parts: info.parts } });
  deps.poke();
  return { messageId, campaignId: sentTo.campaignId, parts: info.parts };
}
