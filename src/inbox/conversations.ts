// Conversations as the console shows them: one per number that replied (its latest reply and intent,
// unread count, campaign, whether it is suppressed, the last message either way), and one as a
// timeline of what we sent and what came back. Numbers appear masked; a conversation is named by the
// blind index of its number, never by the number. The person (name, customer number) comes from the row
// of the latest message sent to the number; the web edge masks it for viewers.
import type { Intent } from '../core/inbound/intent-rules.ts';
import { maskPhone } from '../core/inbound/mask.ts';
import type { OutboundItem, StoredInbound } from '../store/inbound.ts';
import type { InboxDeps } from './deps.ts';
import { conversationNotFound } from './errors.ts';
import { peopleOf, type Person } from './person.ts';

export interface ConversationSummary {
  id: string;
  phone: string;
  /** From the list row of the latest message sent; null for a reply to nothing Todoku sent. */
  person: Person | null;
  campaign: { id: number; name: string } | null;
  intent: Intent;
  promisedDate: string | null;
  replies: number;
  unread: number;
  suppressed: boolean;
  lastReply: StoredInbound;
  lastMessage: { direction: 'in' | 'out'; text: string | null; at: number };
}

export type TimelineItem = ({ direction: 'out'; at: number } & OutboundItem) | ({ direction: 'in'; at: number } & StoredInbound);

export interface Conversation {
  id: string;
  phone: string;
  person: Person | null;
  suppressed: boolean;
  unread: number;
  timeline: TimelineItem[];
}

export function promisedDateOf(m: StoredInbound): string | null {
  if (m.correction) return m.correction.intent === 'promise' ? (m.correction.promisedDate ?? null) : null;
  return m.tag.intent === 'promise' ? (m.tag.promisedDate ?? null) : null;
}

const outAt = (m: OutboundItem) => m.submittedAt ?? m.createdAt;

export async function listConversations(
  deps: InboxDeps,
  filter: { campaignId?: number; intent?: Intent; unread?: boolean; limit: number; offset: number },
): Promise<ConversationSummary[]> {
  const { store } = deps;
  const rows = await store.inbound.conversations(filter);
  const ids = rows.map((r) => r.id);
  const [suppressed, lastOut] = await Promise.all([store.suppressions.among(ids), store.inbound.lastMessagesTo(ids)]);
  const people = await peopleOf(deps, [...lastOut.values()].map((m) => m.recipientId));
  return rows.map((r) => {
    const out = lastOut.get(r.id);
    const lastIsOut = out !== undefined && outAt(out) > r.last.receivedAt;
    return {
      id: r.id,
      phone: maskPhone(r.last.phone),
      person: (out && people.get(out.recipientId)) ?? null,
      campaign: r.last.campaignId !== null && r.campaignName !== null ? { id: r.last.campaignId, name: r.campaignName } : null,
      intent: r.last.intent,
      promisedDate: promisedDateOf(r.last),
      replies: r.replies,
      unread: r.unread,
      suppressed: suppressed.has(r.id),
      lastReply: r.last,
      lastMessage: lastIsOut ? { direction: 'out', text: out.text, at: outAt(out) } : { direction: 'in', text: r.last.text, at: r.last.receivedAt },
    };
  });
}

export async function showConversation(deps: InboxDeps, id: string): Promise<Conversation> {
  const { store } = deps;
  const [replies, sent, suppressed] = await Promise.all([store.inbound.repliesFrom(id), store.inbound.messagesTo(id), store.suppressions.byId(id)]);
  if (replies.length === 0 && sent.length === 0) throw conversationNotFound();
  const phone = replies.at(-1)?.phone ?? suppressed?.phone ?? (await recipientPhone(deps, sent));
  const timeline: TimelineItem[] = [
    ...sent.map((m) => ({ ...m, direction: 'out' as const, at: outAt(m) })),
    ...replies.map((m) => ({ ...m, direction: 'in' as const, at: m.receivedAt })),
  ].sort((a, b) => a.at - b.at);
  const lastSent = sent.at(-1);
  const person = lastSent ? ((await peopleOf(deps, [lastSent.recipientId])).get(lastSent.recipientId) ?? null) : null;
  return { id, phone: phone ? maskPhone(phone) : '', person, suppressed: suppressed !== undefined, unread: replies.filter((r) => r.readAt === null).length, timeline };
}

async function recipientPhone(deps: InboxDeps, sent: readonly OutboundItem[]): Promise<string | undefined> {
  const recipientId = sent.at(-1)?.recipientId;
  if (recipientId === undefined) return undefined;
  return (await deps.store.recipients.byIds([recipientId])).get(recipientId)?.phone;
}

export async function markConversationRead(deps: InboxDeps, id: string, actor: string): Promise<number> {
  const read = await deps.store.inbound.markRead(id);
  if (read > 0) await deps.store.audit.append({ actor, action: 'inbox.read', target: `conversation:${id}`, details: { read } });
  return read;
}
