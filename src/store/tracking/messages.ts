// One message's story and the recipient table: a message as stored, everything that happened around it
// (page events, downloads, answers, payments, replies, later messages), recipients page by page with
// their campaign message, and when each message first reached each step. Read-only; personal fields
// stay sealed here.
import type { Kysely } from 'kysely';
import type { Database, Message } from '../schema.ts';
import type { MessageState } from '../../core/message.ts';
import type { MessageKind } from '../../core/inbound/message-kinds.ts';

export interface MessageRecord {
  id: number;
  campaignId: number;
  recipientId: number;
  seq: number;
  kind: MessageKind;
  state: MessageState;
  attempts: number;
  parts: number | null;
  route: string | null;
  smscId: string | null;
  carrierState: string | null;
  errorCode: string | null;
  errorReason: string | null;
  nextAttemptAt: number;
  createdAt: number;
  submittedAt: number | null;
  deliveredAt: number | null;
  finalAt: number | null;
}

export interface MessageHistory {
  landing: { kind: string; at: number; browser: string | null; os: string | null }[];
  downloads: number[];
  answer: { createdAt: number; updatedAt: number } | null;
  checkouts: { at: number; amount: number; provider: string }[];
  payment: { state: string; amount: number; paidAmount: number | null; paidAt: number | null; provider: string | null } | null;
  /** Replies that answered this message (their texts are read through the inbound store). */
  replies: { id: number; at: number; intent: string | null; optOut: boolean }[];
  /** Later messages to the same person in this campaign (operator replies, confirmations). */
  followUps: MessageRecord[];
  /** What the person asked for on their page (self-service): promise, instalments, dispute, not me. */
  requests?: { id: number; kind: string; state: string; at: number; promisedDate: string | null; amount: number | null; resolvedAt: number | null }[];
}

/** Per message of the recipient table: when each step first happened (null: not yet). */
export interface ProgressFlags {
  openedAt: number | null;
  verifiedAt: number | null;
  downloadedAt: number | null;
  answeredAt: number | null;
  paidAt: number | null;
  repliedAt: number | null;
  locked: boolean;
}

export interface RecipientRow {
  recipientId: number;
  line: number;
  fieldsEnc: string;
  message: MessageRecord | null;
}

export function messageQueries(db: Kysely<Database>) {
  const messageColumns = [
    'id',
    'campaign_id',
    'recipient_id',
    'seq',
    'kind',
    'state',
    'attempts',
    'parts',
    'route',
    'smsc_id',
    'carrier_state',
    'error_code',
    'error_reason',
    'next_attempt_at',
    'created_at',
    'submitted_at',
    'delivered_at',
    'final_at',
  ] as const;
  type MessageRow = Pick<Message, (typeof messageColumns)[number]>;
  const num = (v: number | null) => (v === null ? null : Number(v));
  const toRecord = (m: MessageRow): MessageRecord => ({
    id: Number(m.id),
    campaignId: Number(m.campaign_id),
    recipientId: Number(m.recipient_id),
    seq: Number(m.seq),
    kind: m.kind,
    state: m.state,
    attempts: Number(m.attempts),
    parts: num(m.parts),
    route: m.route,
    smscId: m.smsc_id,
    carrierState: m.carrier_state,
    errorCode: m.error_code,
    errorReason: m.error_reason,
    nextAttemptAt: Number(m.next_attempt_at),
    createdAt: Number(m.created_at),
    submittedAt: num(m.submitted_at),
    deliveredAt: num(m.delivered_at),
    finalAt: num(m.final_at),
  });

  return {
    /** A message as stored, and as this module reads it. */
    async message(messageId: number): Promise<{ row: Message; record: MessageRecord } | undefined> {
      const row = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
      return row && { row, record: toRecord(row) };
    },

    /** The messages of the person on a line of the campaign's list, oldest first (the campaign's, then later ones). */
    async messagesOfLine(campaignId: number, line: number, opts: { after?: number | undefined; limit: number }): Promise<Message[]> {
      let q = db
        .selectFrom('messages')
        .innerJoin('recipients', 'recipients.id', 'messages.recipient_id')
        .selectAll('messages')
        .where('messages.campaign_id', '=', campaignId)
        .where('recipients.campaign_id', '=', campaignId)
        .where('recipients.line', '=', line);
      if (opts.after !== undefined) q = q.where('messages.id', '>', opts.after);
      return q.orderBy('messages.id').limit(opts.limit).execute();
    },

    /** Everything that happened around one message, each list oldest first. */
    async history(m: MessageRecord): Promise<MessageHistory> {
      const [landing, downloads, answer, checkouts, payment, replies, followUps, requests] = await Promise.all([
        db.selectFrom('landing_events').select(['kind', 'at', 'browser', 'os']).where('message_id', '=', m.id).orderBy('id').limit(500).execute(),
        db.selectFrom('document_downloads').select('at').where('message_id', '=', m.id).orderBy('id').limit(500).execute(),
        db.selectFrom('survey_answers').select(['created_at', 'updated_at']).where('message_id', '=', m.id).executeTakeFirst(),
        db.selectFrom('payment_checkouts').select(['created_at', 'amount', 'provider']).where('message_id', '=', m.id).orderBy('created_at').execute(),
        db.selectFrom('payments').select(['state', 'amount', 'paid_amount', 'paid_at', 'provider']).where('message_id', '=', m.id).executeTakeFirst(),
        db.selectFrom('inbound_messages').select(['id', 'received_at', 'intent', 'opt_out']).where('message_id', '=', m.id).orderBy('id').limit(500).execute(),
        db
          .selectFrom('messages')
          .select(messageColumns)
          .where('campaign_id', '=', m.campaignId)
          .where('recipient_id', '=', m.recipientId)
          .where('id', '!=', m.id)
          .orderBy('seq')
          .limit(100)
          .execute(),
        db
          .selectFrom('debtor_actions')
          .select(['id', 'kind', 'state', 'created_at', 'promised_date', 'amount', 'resolved_at'])
          .where('campaign_id', '=', m.campaignId)
          .where('recipient_id', '=', m.recipientId)
          .orderBy('id')
          .limit(100)
          .execute(),
      ]);
      return {
        landing: landing.map((e) => ({ kind: e.kind, at: Number(e.at), browser: e.browser, os: e.os })),
        downloads: downloads.map((d) => Number(d.at)),
        answer: answer ? { createdAt: Number(answer.created_at), updatedAt: Number(answer.updated_at) } : null,
        checkouts: checkouts.map((c) => ({ at: Number(c.created_at), amount: Number(c.amount), provider: c.provider })),
        payment: payment
          ? { state: payment.state, amount: Number(payment.amount), paidAmount: payment.paid_amount === null ? null : Number(payment.paid_amount), paidAt: payment.paid_at === null ? null : Number(payment.paid_at), provider: payment.provider }
          : null,
        replies: replies.map((r) => ({ id: Number(r.id), at: Number(r.received_at), intent: r.intent, optOut: Number(r.opt_out) === 1 })),
        followUps: followUps.map(toRecord),
        requests: requests.map((r) => ({
          id: Number(r.id),
          kind: r.kind,
          state: r.state,
          at: Number(r.created_at),
          promisedDate: r.promised_date,
          amount: r.amount === null ? null : Number(r.amount),
          resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
        })),
      };
    },

    /**
     * Recipients in line order after `afterId`, each with the campaign's current message to them (none
     * before sending). `state` keeps those whose message is in that state.
     */
    async recipientPage(campaignId: number, opts: { afterId: number; limit: number; state?: MessageState | undefined }): Promise<RecipientRow[]> {
      let q = db
        .selectFrom('recipients as r')
        // Each person's current campaign message (figures.ts): the re-send once there is one.
        .leftJoin('messages as m', (join) => join.onRef('m.recipient_id', '=', 'r.id').on('m.kind', '=', 'campaign').on('m.resent_at', 'is', null))
        .select(['r.id as rid', 'r.line', 'r.fields_enc'])
        .select(messageColumns.map((c) => `m.${c}` as const))
        .where('r.campaign_id', '=', campaignId)
        .where('r.id', '>', opts.afterId);
      if (opts.state) q = q.where('m.state', '=', opts.state);
      const rows = await q.orderBy('r.id').limit(opts.limit).execute();
      return rows.map((r) => ({
        recipientId: Number(r.rid),
        line: Number(r.line),
        fieldsEnc: r.fields_enc,
        message: r.id === null ? null : toRecord(r as MessageRow),
      }));
    },

    /** When each of these messages first reached each step. */
    async progress(messageIds: readonly number[]): Promise<Map<number, ProgressFlags>> {
      const out = new Map<number, ProgressFlags>();
      if (messageIds.length === 0) return out;
      const ids = [...new Set(messageIds)];
      for (const id of ids) out.set(id, { openedAt: null, verifiedAt: null, downloadedAt: null, answeredAt: null, paidAt: null, repliedAt: null, locked: false });
      const [landing, downloads, answers, payments, replies, locks] = await Promise.all([
        db
          .selectFrom('landing_events')
          .select(['message_id', 'kind', (eb) => eb.fn.min('at').as('at')])
          .where('message_id', 'in', ids)
          .where('kind', 'in', ['open', 'verified'])
          .groupBy(['message_id', 'kind'])
          .execute(),
        db.selectFrom('document_downloads').select(['message_id', (eb) => eb.fn.min('at').as('at')]).where('message_id', 'in', ids).groupBy('message_id').execute(),
        db.selectFrom('survey_answers').select(['message_id', 'created_at']).where('message_id', 'in', ids).execute(),
        db.selectFrom('payments').select(['message_id', 'paid_at']).where('message_id', 'in', ids).where('state', '=', 'paid').execute(),
        db.selectFrom('inbound_messages').select(['message_id', (eb) => eb.fn.min('received_at').as('at')]).where('message_id', 'in', ids).groupBy('message_id').execute(),
        db.selectFrom('landing_states').select('message_id').where('message_id', 'in', ids).where('locked_at', 'is not', null).execute(),
      ]);
      const at = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      for (const r of landing) {
        const f = out.get(Number(r.message_id));
        if (f) f[r.kind === 'open' ? 'openedAt' : 'verifiedAt'] = at(r.at);
      }
      for (const r of downloads) out.get(Number(r.message_id))!.downloadedAt = at(r.at);
      for (const r of answers) out.get(Number(r.message_id))!.answeredAt = at(r.created_at);
      for (const r of payments) out.get(Number(r.message_id))!.paidAt = at(r.paid_at) ?? 0;
      for (const r of replies) if (r.message_id !== null) out.get(Number(r.message_id))!.repliedAt = at(r.at);
      for (const r of locks) out.get(Number(r.message_id))!.locked = true;
      return out;
    },
  };
}
