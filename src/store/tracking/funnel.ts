// A campaign's funnel (targeted → sent → delivered → opened → verified → paid / answered / replied) and
// the same steps counted over time, read from the messages, landing events, downloads, survey answers,
// payments and replies. Read-only.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { MessageState } from '../../core/message.ts';
import { currentMessages, FAILED_STATES, peopleByState, reachOf, SENT_STATES } from './figures.ts';

export { SENT_STATES, FAILED_STATES } from './figures.ts';

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
  /** People per state of their current campaign message (figures.ts): the same counts as the campaign's. */
  states: Record<string, number>;
}

export const TIMELINE_SERIES = ['sent', 'delivered', 'failed', 'opened', 'verified', 'downloaded', 'answered', 'paid', 'replied'] as const;
export type TimelineSeries = (typeof TIMELINE_SERIES)[number];
export type TimelineBucket = { at: number } & Record<TimelineSeries, number>;

const count = (v: unknown): number => Number(v ?? 0);

export function funnelQueries(db: Kysely<Database>) {
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
    /** People per state of their current campaign message (figures.ts): every place that shows a campaign's counts. */
    peopleByState: (campaignId: number) => peopleByState(db, campaignId),

    async funnel(campaignId: number): Promise<FunnelRead> {
      const [targeted, byState, opened, verified, locked, downloaded, answered, paid, replied] = await Promise.all([
        db.selectFrom('recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst(),
        peopleByState(db, campaignId),
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
      const reach = reachOf(byState);
      return {
        funnel: {
          targeted: count(targeted?.n),
          ...reach,
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
      const fromMessages = (series: TimelineSeries, column: 'submitted_at' | 'delivered_at' | 'final_at', states: readonly MessageState[]) =>
        grouped(
          series,
          currentMessages(db, campaignId)
            .select([bucketOf(column, bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
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
          // Each person once, at their first reply: the funnel counts people too.
          db
            .selectFrom((eb) =>
              eb.selectFrom('inbound_messages').select(['from_hash', (s) => s.fn.min('received_at').as('first_at')]).where('campaign_id', '=', campaignId).groupBy('from_hash').as('f'),
            )
            .select([bucketOf('f.first_at', bucketMs).as('b'), (eb) => eb.fn.countAll<number>().as('n')])
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
  };
}
