// What the live-tracking dashboard reads (トラッキング): a campaign's funnel (targeted → sent → delivered →
// opened → verified → paid / answered / replied) from the messages, landing events, payments, survey
// answers, downloads and replies; the same steps counted over time; each message's events; and the
// per-recipient progress rows of the recipient table. Read-only; personal fields stay sealed here.
import { sql, type Kysely } from 'kysely';
import type { Database, Message } from './schema.ts';

/** States that mean the carrier accepted the message (submitted or later). */
export const SENT_STATES = ['submitted', 'delivered', 'undeliverable', 'expired', 'rejected'] as const;
/** States that end a message without delivery. */
export const FAILED_STATES = ['undeliverable', 'expired', 'rejected', 'failed'] as const;

export interface FunnelCounts {
  /** Recipients imported into the campaign. */
  targeted: number;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  verified: number;
  /** Pages locked after five wrong answers (now). */
  locked: number;
  downloaded: number;
  answered: number;
  paid: number;
  /** People who replied by SMS, and of them those who opted out. */
  replied: number;
  optedOut: number;
}

export interface FunnelRead {
  funnel: FunnelCounts;
  /** The campaign's own messages (not replies or confirmations) per state. */
  states: Record<string, number>;
}

export const TIMELINE_SERIES = ['sent', 'delivered', 'failed', 'opened', 'verified', 'downloaded', 'answered', 'paid', 'replied'] as const;
export type TimelineSeries = (typeof TIMELINE_SERIES)[number];
export type TimelineBucket = { at: number } & Record<TimelineSeries, number>;

export interface MessageRecord {
  id: number;
  campaignId: number;
  recipientId: number;
  seq: number;
  kind: string;
  state: string;
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

const count = (v: unknown): number => Number(v ?? 0);

export function trackingStore(db: Kysely<Database>) {
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

  /** Distinct messages with a landing event of this kind. */
  const landingCount = (campaignId: number, kind: 'open' | 'verified') =>
    db
      .selectFrom('landing_events')
      .select((eb) => eb.fn.count<number>('message_id').distinct().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', kind)
      .executeTakeFirst()
      .then((r) => count(r?.n));

  /** `expr / bucket` as an integer on both databases (bigint / integer divides without a fraction). */
  const bucketOf = (column: string, bucketMs: number) => sql<number>`${sql.ref(column)} / ${sql.lit(Math.floor(bucketMs))}`;

  return {
    async funnel(campaignId: number): Promise<FunnelRead> {
      const [targeted, states, sent, opened, verified, locked, downloaded, answered, paid, replied] = await Promise.all([
        db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst(),
        db
          .selectFrom('messages')
          .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
          .where('campaign_id', '=', campaignId)
          .where('kind', '=', 'campaign')
          .groupBy('state')
          .execute(),
        // People, not messages: a later step to the same person does not count them twice.
        db
          .selectFrom('messages')
          .select([
            (eb) => eb.fn.count<number>('recipient_id').distinct().as('sent'),
            sql<number>`count(distinct case when state = 'delivered' then recipient_id end)`.as('delivered'),
          ])
          .where('campaign_id', '=', campaignId)
          .where('kind', '=', 'campaign')
          .where('state', 'in', [...SENT_STATES])
          .executeTakeFirst(),
        landingCount(campaignId, 'open'),
        landingCount(campaignId, 'verified'),
        db
          .selectFrom('landing_states as s')
          .innerJoin('messages as m', 'm.id', 's.message_id')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('m.campaign_id', '=', campaignId)
          .where('s.locked_at', 'is not', null)
          .executeTakeFirst(),
        db.selectFrom('document_downloads').select((eb) => eb.fn.count<number>('message_id').distinct().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst(),
        db.selectFrom('survey_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst(),
        db.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).where('state', '=', 'paid').executeTakeFirst(),
        db
          .selectFrom('inbound_messages')
          .select([
            (eb) => eb.fn.count<string>('from_hash').distinct().as('people'),
            sql<number>`count(distinct case when opt_out = 1 then from_hash end)`.as('opted'),
          ])
          .where('campaign_id', '=', campaignId)
          .executeTakeFirst(),
      ]);
      const byState = Object.fromEntries(states.map((r) => [r.state, count(r.n)]));
      const failed = FAILED_STATES.reduce((n, s) => n + (byState[s] ?? 0), 0);
      return {
        funnel: {
          targeted: count(targeted?.n),
          sent: count(sent?.sent),
          delivered: count(sent?.delivered),
          failed,
          opened,
          verified,
          locked: count(locked?.n),
          downloaded: count(downloaded?.n),
          answered: count(answered?.n),
          paid: count(paid?.n),
          replied: count(replied?.people),
          optedOut: count(replied?.opted),
        },
        states: byState,
      };
    },

    /** Each step counted per bucket of `bucketMs` (only buckets where something happened), oldest first. */
    async timeline(campaignId: number, bucketMs: number): Promise<TimelineBucket[]> {
      const grouped = async (series: TimelineSeries, q: Promise<{ b: number | string; n: number | string }[]>) => (await q).map((r) => ({ series, b: Number(r.b), n: Number(r.n) }));
      const fromMessages = (series: TimelineSeries, column: 'submitted_at' | 'delivered_at' | 'final_at', states: readonly string[]) =>
        grouped(
          series,
          db
            .selectFrom('messages')
            .select([bucketOf(column, bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
            .where('campaign_id', '=', campaignId)
            .where('kind', '=', 'campaign')
            .where('state', 'in', [...states])
            .where(column, 'is not', null)
            .groupBy(sql.ref('b'))
            .execute(),
        );
      /** The first time per message a landing event of this kind happened. */
      const firstLanding = (series: TimelineSeries, kind: 'open' | 'verified') =>
        grouped(
          series,
          db
            .selectFrom((eb) =>
              eb
                .selectFrom('landing_events')
                .select(['message_id', (s) => s.fn.min('at').as('first_at')])
                .where('campaign_id', '=', campaignId)
                .where('kind', '=', kind)
                .groupBy('message_id')
                .as('f'),
            )
            .select([bucketOf('f.first_at', bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy(sql.ref('b'))
            .execute(),
        );
      const parts = await Promise.all([
        fromMessages('sent', 'submitted_at', SENT_STATES),
        fromMessages('delivered', 'delivered_at', ['delivered']),
        fromMessages('failed', 'final_at', FAILED_STATES),
        firstLanding('opened', 'open'),
        firstLanding('verified', 'verified'),
        grouped(
          'downloaded',
          db
            .selectFrom((eb) =>
              eb.selectFrom('document_downloads').select(['message_id', (s) => s.fn.min('at').as('first_at')]).where('campaign_id', '=', campaignId).groupBy('message_id').as('f'),
            )
            .select([bucketOf('f.first_at', bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy(sql.ref('b'))
            .execute(),
        ),
        grouped(
          'answered',
          db
            .selectFrom('survey_answers')
            .select([bucketOf('created_at', bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
            .where('campaign_id', '=', campaignId)
            .groupBy(sql.ref('b'))
            .execute(),
        ),
        grouped(
          'paid',
          db
            .selectFrom('payments')
            .select([bucketOf('paid_at', bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
            .where('campaign_id', '=', campaignId)
            .where('state', '=', 'paid')
            .where('paid_at', 'is not', null)
            .groupBy(sql.ref('b'))
            .execute(),
        ),
        grouped(
          'replied',
          db
            .selectFrom('inbound_messages')
            .select([bucketOf('received_at', bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
            .where('campaign_id', '=', campaignId)
            .groupBy(sql.ref('b'))
            .execute(),
        ),
      ]);
      const buckets = new Map<number, TimelineBucket>();
      for (const { series, b, n } of parts.flat()) {
        let bucket = buckets.get(b);
        if (!bucket) {
          bucket = { at: b * bucketMs, ...(Object.fromEntries(TIMELINE_SERIES.map((s) => [s, 0])) as Record<TimelineSeries, number>) };
          buckets.set(b, bucket);
        }
        bucket[series] += n;
      }
      return [...buckets.values()].sort((a, b) => a.at - b.at);
    },

    /** A message as stored, and as this module reads it. */
    async message(messageId: number): Promise<{ row: Message; record: MessageRecord } | undefined> {
      const row = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
      return row && { row, record: toRecord(row) };
    },

    /** Everything that happened around one message, each list oldest first. */
    async history(m: MessageRecord): Promise<MessageHistory> {
      const [landing, downloads, answer, checkouts, payment, replies, followUps] = await Promise.all([
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
      };
    },

    /**
     * Recipients in line order after `afterId`, each with the campaign's first message to them (none
     * before sending). `state` keeps those whose message is in that state.
     */
    async recipientPage(campaignId: number, opts: { afterId: number; limit: number; state?: string | undefined }): Promise<RecipientRow[]> {
      let q = db
        .selectFrom('recipients as r')
        .leftJoin('messages as m', (join) => join.onRef('m.recipient_id', '=', 'r.id').on('m.kind', '=', 'campaign').on('m.seq', '=', 0))
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

export type TrackingStore = ReturnType<typeof trackingStore>;
