// The cadence scheduler, run by the worker's upkeep (every ~10 s): people whose facts changed are looked at
// at once, then everyone whose time has come, a batch at a time. For each person the planner decides and
// the store applies one decision at a time (a step queued once, a departure with the time of its fact),
// until they wait for a time, pause for a promise, leave or are done. Sending is the dispatcher's: the
// contact policy decides there, at send time, whether a queued step may go now.
import type { Store } from '../store/index.ts';
import type { CadenceMemberRow, CadenceRow, MemberChange } from '../store/cadences.ts';
import type { Campaign } from '../store/schema.ts';
import { decide, type PersonFacts, type PlanClock } from '../core/cadence/plan.ts';
import type { CadenceDefinition } from '../core/cadence/definition.ts';
import { DEFAULT_SELF_SERVICE } from '../core/debtor-actions.ts';
import { definitionOf, personOf, timeZoneOf } from './service.ts';

export interface SchedulerDeps {
  store: Pick<Store, 'cadences' | 'campaigns' | 'recipients' | 'debtorActions'>;
  now: () => number;
  /** TODOKU_CADENCE_RECHECK_MS: how long after a waiting last step may go its person is looked at again (default 30 s). */
  lastStepRecheckMs?: number;
  /** Told of a person whose decision could not be applied (logged by the caller). */
  onError?: (err: unknown) => void;
}

export interface TickResult {
  /** People looked at. */
  looked: number;
  /** Step messages queued. */
  queued: number;
  /** People who left. */
  left: number;
  /** Cadences that ended (everyone left or done). */
  completed: number[];
  /** People whose decision could not be applied this time (looked at again on the next tick). */
  failed: number;
}

const BATCH = 500;
const MAX_ROUNDS = 20;

interface CadenceContext {
  cadence: CadenceRow;
  campaign: Campaign;
  def: CadenceDefinition;
  clock: Omit<PlanClock, 'now'>;
}

export function cadenceScheduler(deps: SchedulerDeps) {
  const { store } = deps;

  async function contextOf(cadence: CadenceRow, cache: Map<number, CadenceContext | null>): Promise<CadenceContext | null> {
    if (cache.has(cadence.id)) return cache.get(cadence.id)!;
    const campaign = await store.campaigns.byId(cadence.campaign_id);
    const def = definitionOf(cadence);
    const ctx = campaign
      ? {
          cadence,
          campaign,
          def,
          clock: {
            startedAt: cadence.started_at ?? deps.now(),
            timeZone: timeZoneOf(campaign),
            graceDays: def.graceDays ?? (await store.cadences.graceDays(campaign.id)) ?? DEFAULT_SELF_SERVICE.promiseGraceDays,
            ...(deps.lastStepRecheckMs !== undefined ? { lastStepRecheckMs: deps.lastStepRecheckMs } : {}),
          },
        }
      : null;
    cache.set(cadence.id, ctx);
    return ctx;
  }

  /** Applies decisions to one person until they wait, pause, leave or are done; what became of them. */
  async function walk(ctx: CadenceContext, member: CadenceMemberRow, facts: PersonFacts, t: number): Promise<{ queued: number; left: boolean }> {
    let row: CadenceMemberRow | undefined = member;
    let queued = 0;
    for (let guard = 0; row && guard <= ctx.def.steps.length + 2; guard++) {
      const d = decide(ctx.def, { step: row.step, stepAt: row.step_at }, facts, { ...ctx.clock, now: t });
      const change: MemberChange = d.kind === 'step' ? (d.send ? { kind: 'step', step: d.step, send: true, nextAt: t } : { kind: 'step', step: d.step, send: false, skip: d.skip, nextAt: t }) : d;
      const next = await store.cadences.apply(row, change);
      if (!next) return { queued, left: false }; // another worker got to them first
      if (change.kind === 'step' && change.send) {
        queued++;
        // Read before it was queued: now a step of theirs waits to go.
        facts = { ...facts, stepWaiting: t };
      }
      if (change.kind !== 'step') return { queued, left: change.kind === 'leave' };
      row = next;
    }
    return { queued, left: false };
  }

  return {
    async tick(): Promise<TickResult> {
      const t = deps.now();
      const result: TickResult = { looked: 0, queued: 0, left: 0, completed: [], failed: 0 };
      // Promises whose day (plus grace) has passed are closed kept or broken here too, not only when someone
      // looks: the inbox, the export and the webhook consumers see the same state the cadence acts on.
      try {
        await store.debtorActions.settlePromises(t);
      } catch (err) {
        deps.onError?.(err);
      }
      await store.cadences.wakeChanged(t);
      const contexts = new Map<number, CadenceContext | null>();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const due = await store.cadences.due(t, BATCH);
        if (due.length === 0) break;
        const byCampaign = new Map<number, { ctx: CadenceContext; members: CadenceMemberRow[] }>();
        for (const { member, cadence } of due) {
          const ctx = await contextOf(cadence, contexts);
          if (!ctx) continue;
          const group = byCampaign.get(ctx.campaign.id) ?? { ctx, members: [] };
          group.members.push(member);
          byCampaign.set(ctx.campaign.id, group);
        }
        let progressed = 0;
        for (const { ctx, members } of byCampaign.values()) {
          const ids = members.map((m) => m.recipient_id);
          const facts = await store.cadences.facts(ctx.campaign.id, ids);
          const rows = await store.recipients.byIds(ids);
          for (const m of members) {
            const f: PersonFacts = { ...facts.get(m.recipient_id)!, dueDate: personOf(rows.get(m.recipient_id)?.fields ?? {}).dueDate };
            result.looked++;
            progressed++;
            try {
              const r = await walk(ctx, m, f, t);
              result.queued += r.queued;
              if (r.left) result.left++;
            } catch (err) {
              // One person's failed write (e.g. a reply taking the same seq at that instant) rolls back alone;
              // their row is unchanged, so the next tick looks at them again.
              result.failed++;
              deps.onError?.(err);
            }
          }
        }
        if (progressed === 0 || due.length < BATCH) break;
      }
      result.completed = await store.cadences.completeFinished();
      return result;
    },
  };
}

export type CadenceScheduler = ReturnType<typeof cadenceScheduler>;
