// Replies (mobile-originated messages) and the conversations they make with what we sent: store a reply,
// find what it answers, list conversations, show one as a timeline, and queue a message back to the
// person (an operator's reply or the opt-out confirmation) as a new step after the campaign's message.
//
// A reply's text is sealed together with the tag its intent rule gave it and any operator correction
// (one envelope in text_enc); the `intent` column holds the intent in force, for filtering.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { Intent } from '../core/inbound/intent-rules.ts';
import type { IntentTag } from '../core/inbound/intent.ts';
import type { MessageKind } from '../core/inbound/message-kinds.ts';
import type { MessageState } from '../core/message.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from './webhooks.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';

export interface IntentCorrection {
  intent: Intent;
  promisedDate?: string;
  actor: string;
  at: number;
}

interface Envelope {
  v: 1;
  text: string;
  tag: IntentTag;
  correction?: IntentCorrection;
}

export interface NewInbound {
  route: string;
  phone: string;
  fromHash: string;
  to: string;
  text: string;
  receivedAt: number;
  campaignId: number | null;
  messageId: number | null;
  recipientId: number | null;
  tag: IntentTag;
  optOut: boolean;
}

export interface StoredInbound {
  id: number;
  route: string;
  phone: string;
  /** The blind index of the sender's number: the conversation's id. */
  fromHash: string;
  to: string;
  text: string;
  receivedAt: number;
  campaignId: number | null;
  messageId: number | null;
  /** The intent in force: the operator's correction if any, else the rule's tag. */
  intent: Intent;
  tag: IntentTag;
  correction: IntentCorrection | null;
  optOut: boolean;
  readAt: number | null;
}

/** What a reply answers: the latest message sent to that number. */
export interface SentTo {
  messageId: number;
  campaignId: number;
  recipientId: number;
}

export interface ConversationRow {
  id: string;
  last: StoredInbound;
  campaignName: string | null;
  replies: number;
  unread: number;
}

export interface OutboundItem {
  messageId: number;
  campaignId: number;
  campaignName: string;
  recipientId: number;
  seq: number;
  kind: MessageKind;
  state: MessageState;
  text: string | null;
  createdAt: number;
  submittedAt: number | null;
  deliveredAt: number | null;
  errorCode: string | null;
  errorReason: string | null;
}

export function inboundStore(db: Kysely<Database>, vault: Vault, now: () => number, webhooks: WebhookOutbox = NO_WEBHOOKS, evidence: EvidenceRecorder = NO_EVIDENCE) {
  function unseal(r: {
    id: number;
    route: string;
    from_hash: string;
    from_enc: string;
    to_addr: string;
    text_enc: string;
    received_at: number;
    campaign_id: number | null;
    message_id: number | null;
    intent: string | null;
    opt_out: number;
    read_at: number | null;
  }): StoredInbound {
    const opened = vault.decrypt(r.text_enc);
    const envelope = opened.startsWith('{"v":1') ? (JSON.parse(opened) as Envelope) : { v: 1 as const, text: opened, tag: { intent: 'other' as Intent, rule: 'other' } };
    return {
      id: r.id,
      route: r.route,
      phone: vault.decrypt(r.from_enc),
      fromHash: r.from_hash,
      to: r.to_addr,
      text: envelope.text,
      receivedAt: r.received_at,
      campaignId: r.campaign_id,
      messageId: r.message_id,
      intent: (r.intent ?? envelope.tag.intent) as Intent,
      tag: envelope.tag,
      correction: envelope.correction ?? null,
      optOut: r.opt_out === 1,
      readAt: r.read_at,
    };
  }
  const seal = (e: Envelope) => vault.encrypt(JSON.stringify(e));
  async function byId(id: number): Promise<StoredInbound | undefined> {
    const row = await db.selectFrom('inbound_messages').selectAll().where('id', '=', id).executeTakeFirst();
    return row && unseal(row);
  }

  const outbound = () =>
    db
      .selectFrom('messages as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select(['m.id', 'm.to_hash', 'm.campaign_id', 'c.name', 'm.recipient_id', 'm.seq', 'm.kind', 'm.state', 'm.body_enc', 'm.created_at', 'm.submitted_at', 'm.delivered_at', 'm.error_code', 'm.error_reason']);
  type OutboundRow = Awaited<ReturnType<ReturnType<typeof outbound>['executeTakeFirstOrThrow']>>;
  const toOutbound = (r: OutboundRow): OutboundItem => ({
    messageId: r.id,
    campaignId: r.campaign_id,
    campaignName: r.name,
    recipientId: r.recipient_id,
    seq: r.seq,
    kind: r.kind,
    state: r.state,
    text: r.body_enc === null ? null : vault.decrypt(r.body_enc),
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
    deliveredAt: r.delivered_at,
    errorCode: r.error_code,
    errorReason: r.error_reason,
  });

  return {
    /** Stores a reply and, in the same transaction, the message.reply webhook event and its evidence (the text committed, sealed). */
    async insert(m: NewInbound): Promise<StoredInbound> {
      const row = await db.transaction().execute(async (trx) => {
        const stored = await trx
          .insertInto('inbound_messages')
          .values({
            route: m.route,
            from_hash: m.fromHash,
            from_enc: vault.encrypt(m.phone),
            to_addr: m.to,
            text_enc: seal({ v: 1, text: m.text, tag: m.tag }),
            received_at: m.receivedAt,
            campaign_id: m.campaignId,
            message_id: m.messageId,
            intent: m.tag.intent,
            opt_out: m.optOut ? 1 : 0,
            read_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await webhooks.emit(trx, 'message.reply', {
          replyId: stored.id,
          from: m.phone,
          text: m.text,
          receivedAt: new Date(m.receivedAt).toISOString(),
          campaignId: m.campaignId,
          messageId: m.messageId,
          recipientId: m.recipientId,
          intent: m.tag.intent,
          optOut: m.optOut,
        });
        if (evidence.enabled) {
          const [text] = await evidence.seal(trx, [m.text]);
          await evidence.append(trx, [
            { kind: 'reply.received', campaignId: m.campaignId, messageId: m.messageId, at: m.receivedAt, data: { text: text!, intent: m.tag.intent, optOut: m.optOut, reply: stored.id } },
          ]);
        }
        return stored;
      });
      return unseal(row);
    },

    byId,

    /** Replies from this number received within [from, to], for recognising one delivered twice. */
    async receivedBetween(fromHash: string, from: number, to: number): Promise<StoredInbound[]> {
      const rows = await db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('from_hash', '=', fromHash)
        .where('received_at', '>=', from)
        .where('received_at', '<=', to)
        .orderBy('id')
        .execute();
      return rows.map(unseal);
    },

    /** The operator's reading replaces the intent in force; the rule's own tag stays in the envelope. */
    async correct(id: number, correction: IntentCorrection): Promise<StoredInbound | undefined> {
      const current = await byId(id);
      if (!current) return undefined;
      const envelope: Envelope = { v: 1, text: current.text, tag: current.tag, correction };
      await db
        .updateTable('inbound_messages')
        .set({ text_enc: seal(envelope), intent: correction.intent, ...(correction.intent === 'opt_out' ? { opt_out: 1 } : {}) })
        .where('id', '=', id)
        .execute();
      return byId(id);
    },

    async markOptOut(id: number): Promise<void> {
      await db.updateTable('inbound_messages').set({ opt_out: 1 }).where('id', '=', id).execute();
    },

    /** Marks every unread reply of a conversation read; returns how many. */
    async markRead(fromHash: string): Promise<number> {
      const res = await db.updateTable('inbound_messages').set({ read_at: now() }).where('from_hash', '=', fromHash).where('read_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows);
    },

    /** The latest message handed to the carrier for this number (what a reply from it answers). */
    async latestSentTo(toHash: string): Promise<SentTo | undefined> {
      const r = await db
        .selectFrom('messages')
        .select(['id', 'campaign_id', 'recipient_id'])
        .where('to_hash', '=', toHash)
        .where('submitted_at', 'is not', null)
        // A test send went to the organisation's own phone: a reply from it is nobody's on the list.
        .where('kind', '!=', 'test')
        .orderBy('submitted_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && { messageId: r.id, campaignId: r.campaign_id, recipientId: r.recipient_id };
    },

    /**
     * Conversations, one per number that replied, newest reply first. `campaign` keeps replies matched
     * to that campaign; `intent` keeps conversations whose latest reply has that intent; `unread` those
     * with a reply not yet read.
     */
    async conversations(filter: { campaignId?: number; intent?: Intent; unread?: boolean; limit: number; offset: number }): Promise<ConversationRow[]> {
      let perNumber = db
        .selectFrom('inbound_messages')
        .select((eb) => [
          'from_hash',
          eb.fn.max('id').as('last_id'),
          eb.fn.countAll<number>().as('replies'),
          sql<number>`sum(case when read_at is null then 1 else 0 end)`.as('unread'),
        ])
        .groupBy('from_hash');
      if (filter.campaignId !== undefined) perNumber = perNumber.where('campaign_id', '=', filter.campaignId);
      let q = db
        .with('per_number', () => perNumber)
        .selectFrom('per_number as p')
        .innerJoin('inbound_messages as i', 'i.id', 'p.last_id')
        .leftJoin('campaigns as c', 'c.id', 'i.campaign_id')
        .selectAll('i')
        .select(['p.replies', 'p.unread', 'c.name as campaign_name']);
      if (filter.intent) q = q.where('i.intent', '=', filter.intent);
      if (filter.unread) q = q.where('p.unread', '>', 0);
      const rows = await q.orderBy('i.received_at', 'desc').orderBy('i.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
      return rows.map((r) => ({ id: r.from_hash, last: unseal(r), campaignName: r.campaign_name, replies: Number(r.replies), unread: Number(r.unread) }));
    },

    /** Every reply from a number, oldest first (at most `limit`, the latest ones). */
    async repliesFrom(fromHash: string, limit = 500): Promise<StoredInbound[]> {
      const rows = await db.selectFrom('inbound_messages').selectAll().where('from_hash', '=', fromHash).orderBy('id', 'desc').limit(limit).execute();
      return rows.reverse().map(unseal);
    },

    /** Every message to a number, oldest first (at most `limit`, the latest ones). */
    async messagesTo(toHash: string, limit = 500): Promise<OutboundItem[]> {
      const rows = await outbound().where('m.to_hash', '=', toHash).orderBy('m.id', 'desc').limit(limit).execute();
      return rows.reverse().map(toOutbound);
    },

    /** The latest message to each of these numbers that has gone out or is on its way (not a campaign's still waiting). */
    async lastMessagesTo(toHashes: readonly string[]): Promise<Map<string, OutboundItem>> {
      if (toHashes.length === 0) return new Map();
      const rows = await outbound()
        .where('m.id', 'in', (eb) =>
          eb
            .selectFrom('messages')
            .select((s) => s.fn.max('id').as('id'))
            .where('to_hash', 'in', [...new Set(toHashes)])
            .where((w) => w.or([w('submitted_at', 'is not', null), w('kind', '!=', 'campaign')]))
            .groupBy('to_hash'),
        )
        .execute();
      return new Map(rows.map((r) => [r.to_hash!, toOutbound(r)]));
    },

    /** Whether a message of this kind to this number was queued at or after `since`. */
    async queuedSince(toHash: string, kind: MessageKind, since: number): Promise<boolean> {
      const r = await db.selectFrom('messages').select('id').where('to_hash', '=', toHash).where('kind', '=', kind).where('created_at', '>=', since).limit(1).executeTakeFirst();
      return r !== undefined;
    },

    /**
     * Queues a message with its own text to the person behind `to`, as the next step (seq) after what
     * they already got in that campaign. Two writers racing for the same step: one wins, the other
     * takes the next. `unless` is checked before each try, so a racing writer that made it pointless
     * (the confirmation already queued) stops the loser. Returns the message id, or null if `unless` held.
     */
    async queueMessage(
      to: SentTo & { toHash: string },
      message: { kind: MessageKind; text: string },
      unless?: () => Promise<boolean>,
    ): Promise<number | null> {
      for (let attempt = 0; attempt < 5; attempt++) {
        if (unless && (await unless())) return null;
        const top = await db
          .selectFrom('messages')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('campaign_id', '=', to.campaignId)
          .where('recipient_id', '=', to.recipientId)
          .executeTakeFirst();
        const t = now();
        const row = await db
          .insertInto('messages')
          .values({
            campaign_id: to.campaignId,
            recipient_id: to.recipientId,
            seq: Number(top?.seq ?? 0) + 1,
            kind: message.kind,
            state: 'queued',
            next_attempt_at: t,
            body_enc: vault.encrypt(message.text),
            to_hash: to.toHash,
            created_at: t,
            updated_at: t,
          })
          .onConflict((oc) => oc.columns(['campaign_id', 'recipient_id', 'seq']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (row) return row.id;
      }
      throw new Error('could not queue a message: its step number was taken five times in a row');
    },
  };
}

export type InboundStore = ReturnType<typeof inboundStore>;
