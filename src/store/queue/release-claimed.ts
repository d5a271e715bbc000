// submitting → queued, for messages a worker claimed ahead of its window and will not send after all
// (its campaign was paused or cancelled meanwhile, its route stepped aside, the worker is stopping): they
// were never handed to a carrier, so they go back to the queue, the claim not counted as an attempt —
// unless what they belonged to was called off while they waited: a cancelled campaign's end as cancelled
// (as its queued messages did), a cadence step whose person left or whose cadence stopped is called off
// (as the cadence's own queued steps were). Back in the queue they would wait for ever, or go after all.
// And the check before a message that waited in a worker's buffer goes: is it still this worker's, and
// does its campaign (for a step: its cadence and person) still let it go (the claim's rule, store/queue/campaign-lets-go.ts)?
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { WebhookOutbox } from '../webhooks.ts';
import type { EvidenceRecorder } from '../evidence/recorder.ts';
import { STEP_KIND, UNBOUND_KINDS } from '../../core/inbound/message-kinds.ts';
import { cancelMessages } from './cancel.ts';
import { campaignLetsGo, type MessageAndCampaign } from './campaign-lets-go.ts';

/** A step of a cadence in one of `states`, its person still in it. */
const stepStillWanted = (eb: MessageAndCampaign, states: readonly ('running' | 'completed' | 'paused')[]) =>
  eb.exists(
    eb
      .selectFrom('cadences as k')
      .innerJoin('cadence_members as p', 'p.cadence_id', 'k.id')
      .select('k.id')
      .whereRef('k.campaign_id', '=', 'm.campaign_id')
      .whereRef('p.recipient_id', '=', 'm.recipient_id')
      .where('k.state', 'in', [...states])
      .where('p.state', '!=', 'left'),
  );

export async function releaseClaimed(db: Kysely<Database>, workerId: string, ids: readonly number[], t: number, webhooks: WebhookOutbox, evidence: EvidenceRecorder): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const back = await trx
      .updateTable('messages')
      .set((eb) => ({ state: 'queued', worker_id: null, attempts: eb('attempts', '-', 1), updated_at: t }))
      .where('id', 'in', [...ids])
      .where('worker_id', '=', workerId)
      .where('state', '=', 'submitting')
      .returning('id')
      .execute();
    if (back.length === 0) return;
    const calledOff = await trx
      .selectFrom('messages as m')
      .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
      .select(['m.id', 'm.campaign_id', 'm.kind', 'c.status'])
      .where('m.id', 'in', back.map((r) => r.id))
      .where('m.kind', 'not in', UNBOUND_KINDS)
      .where((eb) => eb.or([eb('c.status', '=', 'cancelled'), eb.and([eb('m.kind', '=', STEP_KIND), eb.not(stepStillWanted(eb, ['running', 'completed', 'paused']))])]))
      .execute();
    const cancelledCampaigns = new Map<number, number[]>();
    const steps: number[] = [];
    for (const r of calledOff) {
      if (r.status === 'cancelled') cancelledCampaigns.set(r.campaign_id, [...(cancelledCampaigns.get(r.campaign_id) ?? []), r.id]);
      else steps.push(r.id);
    }
    for (const [campaignId, messageIds] of cancelledCampaigns) await cancelMessages(trx, campaignId, messageIds, t, webhooks, evidence);
    if (steps.length > 0) {
      await trx.updateTable('messages').set({ state: 'cancelled', final_at: t, updated_at: t, error_reason: 'cadence' }).where('id', 'in', steps).where('state', '=', 'queued').execute();
    }
  });
}

/** Of `ids`, those still claimed by `workerId` whose campaign still lets them go. */
export async function stillMayGo(db: Kysely<Database>, workerId: string, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select('m.id')
    .where('m.id', 'in', [...ids])
    .where('m.worker_id', '=', workerId)
    .where('m.state', '=', 'submitting')
    // A paused cadence holds its step: back to the queue until it resumes.
    .where((eb) => campaignLetsGo(eb, stepStillWanted(eb, ['running', 'completed'])))
    .execute();
  return new Set(rows.map((r) => r.id));
}
