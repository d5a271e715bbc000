// → queued: one message per recipient of a campaign, due now. Running it again adds nothing (the
// unique (campaign, recipient, seq) key), so a send that is retried after a crash queues each person once.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { SET_ASIDE } from '../recipients.ts';

export async function materialise(db: Kysely<Database>, campaignId: number, t: number): Promise<number> {
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
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}
