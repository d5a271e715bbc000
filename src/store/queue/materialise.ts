// → queued: one message per recipient of a campaign, due now. Running it again adds nothing (the
// unique (campaign, recipient, seq) key), so a send that is retried after a crash queues each person once.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { Dialect } from '../dialect.ts';
import { SET_ASIDE } from '../recipients.ts';

/**
 * PostgreSQL plans the claim from its statistics: taken before a large campaign was queued, they say
 * hardly any message is queued, and each claim then reads and sorts every queued message of the campaign
 * (20 ms a claim at 20,000) instead of the first few in index order (0.1 ms). Autovacuum would notice
 * only a minute or more later; from this many new messages on, the table is analysed at once (a sample of
 * fixed size, whatever the table holds).
 */
const ANALYSE_FROM = 1000;

export async function materialise(db: Kysely<Database>, dialect: Dialect, campaignId: number, t: number): Promise<number> {
  const res = await db
    .insertInto('messages')
    .columns(['campaign_id', 'recipient_id', 'to_hash', 'state', 'next_attempt_at', 'created_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('recipients')
        .select((s) => ['campaign_id', 'id', 'phone_hash', s.val('queued').as('state'), s.val(t).as('next_attempt_at'), s.val(t).as('created_at'), s.val(t).as('updated_at')])
        .where('campaign_id', '=', campaignId)
        // A list set aside by a replacement (store/recipients.ts) is never sent, whatever else goes wrong.
        .where('phone_hash', 'not like', `${SET_ASIDE}%`)
        .orderBy('id'),
    )
    .onConflict((oc) => oc.columns(['campaign_id', 'recipient_id', 'seq']).doNothing())
    .executeTakeFirst();
  const inserted = Number(res.numInsertedOrUpdatedRows ?? 0);
  if (dialect === 'postgres' && inserted >= ANALYSE_FROM) await sql`ANALYZE messages`.execute(db);
  return inserted;
}
