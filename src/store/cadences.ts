// Cadences (督促シナリオ) and the people in them: the definition and its life, enrolling the list when it
// starts, the people whose turn has come, what is known of them (payments, opt-outs, disputes, promises,
// opens, receipts), applying one planner decision to one person (a step message queued once under the
// unique (campaign, recipient, seq) key, a departure with its evidence entry), and the counts per step.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { CadenceMemberRow, CadenceRow } from './schema-cadences.ts';
import type { EvidenceRecorder } from './evidence/recorder.ts';
import type { CadenceState, LeaveReason, MemberState, SkipReason } from '../core/cadence/states.ts';
import type { PersonFacts } from '../core/cadence/plan.ts';
import { NO_FACTS } from '../core/cadence/plan.ts';
import { WRONG_NUMBER_CODES } from '../core/cadence/wrong-number.ts';
import { SET_ASIDE } from './recipients.ts';
import { STEP_KIND } from '../core/inbound/message-kinds.ts';

export type { CadenceMemberRow, CadenceRow };
type Conn = Kysely<Database> | Transaction<Database>;

export { STEP_KIND };
const FAILED_STATES = ['undeliverable', 'expired', 'rejected', 'failed', 'cancelled', 'unknown'] as const;
const SENT_STATES = ['submitted', 'delivered', 'undeliverable', 'expired', 'unknown', 'unconfirmed'] as const;
const CHUNK = 500;

/** The operator's action recorded in the ledger (operator.action) with a change of state. */
export interface CadenceAction {
  action: 'cadence.started' | 'cadence.paused' | 'cadence.resumed' | 'cadence.stopped' | 'cadence.saved';
  by: number | null;
  key?: number;
}

/** One decision for one person, as the scheduler applies it. */
export type MemberChange =
  | { kind: 'leave'; reason: LeaveReason; at: number }
  | { kind: 'pause'; until: number }
  | { kind: 'wait'; until: number }
  | { kind: 'step'; step: number; send: boolean; skip?: SkipReason; nextAt: number }
  | { kind: 'done' };

export interface StepMessageCounts {
  /** Every message of the step, whatever became of it. */
  total: number;
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  verified: number;
}

const chunks = <T>(items: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
};

export function cadenceStore(db: Kysely<Database>, now: () => number, evidence: EvidenceRecorder) {
  const byCampaign = (conn: Conn, campaignId: number) => conn.selectFrom('cadences').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();

  async function actionEntry(conn: Conn, c: CadenceRow, a: CadenceAction, count: number): Promise<void> {
    await evidence.append(conn, [{ kind: 'operator.action', campaignId: c.campaign_id, messageId: null, data: { action: a.action, by: a.by, count, ...(a.key !== undefined ? { key: a.key } : {}) } }]);
  }

  /** Queued step messages of these people are called off (they left, or the cadence stopped). */
  async function cancelQueued(conn: Conn, campaignId: number, recipientIds: readonly number[] | 'all', t: number): Promise<number> {
    let q = conn
      .updateTable('messages')
      .set({ state: 'cancelled', final_at: t, updated_at: t, error_reason: 'cadence' })
      .where('campaign_id', '=', campaignId)
      .where('kind', '=', STEP_KIND)
      .where('state', '=', 'queued');
    if (recipientIds !== 'all') {
      if (recipientIds.length === 0) return 0;
      q = q.where('recipient_id', 'in', recipientIds);
    }
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0);
  }

  /**
   * A step's message: the person's next seq (replies and re-sends number theirs the same way), and its row in
   * cadence_messages, whose unique (cadence, recipient, step) key refuses a second one: the whole transaction
   * then fails and nothing is queued twice.
   */
  async function queueStep(trx: Transaction<Database>, member: CadenceMemberRow, step: number, t: number): Promise<void> {
    const phone = await trx.selectFrom('recipients').select('phone_hash').where('id', '=', member.recipient_id).executeTakeFirstOrThrow();
    const top = await trx.selectFrom('messages').select((eb) => eb.fn.max('seq').as('seq')).where('campaign_id', '=', member.campaign_id).where('recipient_id', '=', member.recipient_id).executeTakeFirst();
    const message = await trx
      .insertInto('messages')
      .values({ campaign_id: member.campaign_id, recipient_id: member.recipient_id, seq: Number(top?.seq ?? 0) + 1, kind: STEP_KIND, state: 'queued', to_hash: phone.phone_hash, next_attempt_at: t, created_at: t, updated_at: t })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('cadence_messages')
      .values({ message_id: message.id, cadence_id: member.cadence_id, campaign_id: member.campaign_id, recipient_id: member.recipient_id, step, created_at: t })
      .execute();
  }

  return {
    byCampaign: (campaignId: number) => byCampaign(db, campaignId),

    /** Writes the definition while there is none, or it is a draft or paused; undefined when its state forbids it. */
    async save(campaignId: number, name: string, definitionJson: string, actor: string, action: CadenceAction): Promise<CadenceRow | undefined> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const existing = await byCampaign(trx, campaignId);
        let row: CadenceRow | undefined;
        if (!existing) {
          row = await trx
            .insertInto('cadences')
            .values({ campaign_id: campaignId, name, definition_json: definitionJson, state: 'draft', created_at: t, created_by: actor, updated_at: t })
            .onConflict((oc) => oc.column('campaign_id').doNothing())
            .returningAll()
            .executeTakeFirst();
        } else {
          row = await trx
            .updateTable('cadences')
            .set({ name, definition_json: definitionJson, created_by: actor, updated_at: t })
            .where('id', '=', existing.id)
            .where('state', 'in', ['draft', 'paused'])
            .returningAll()
            .executeTakeFirst();
        }
        if (row) await actionEntry(trx, row, action, 1);
        return row;
      });
    },

    /**
     * Moves a cadence from one of `from` to `to` with its times; on 'running' from 'draft' everyone on the
     * list joins (step 0, looked at now), on 'stopped' everyone still in it leaves (operator) and queued steps
     * are called off. Undefined when the cadence was not in `from` (someone else moved it first).
     */
    async transition(c: CadenceRow, from: readonly CadenceState[], to: CadenceState, action: CadenceAction): Promise<CadenceRow | undefined> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const times =
          to === 'running' && c.state === 'draft'
            ? { started_at: t, paused_at: null }
            : to === 'running'
              ? { paused_at: null }
              : to === 'paused'
                ? { paused_at: t }
                : to === 'stopped'
                  ? { stopped_at: t }
                  : {};
        const row = await trx.updateTable('cadences').set({ state: to, updated_at: t, ...times }).where('id', '=', c.id).where('state', 'in', [...from]).returningAll().executeTakeFirst();
        if (!row) return undefined;
        let count = 0;
        if (to === 'running' && c.state === 'draft') {
          const r = await trx
            .insertInto('cadence_members')
            .columns(['cadence_id', 'campaign_id', 'recipient_id', 'state', 'next_at', 'updated_at'])
            .expression((eb) =>
              eb
                .selectFrom('recipients')
                .select((s) => [s.val(c.id).as('cadence_id'), 'campaign_id', 'id', s.val('active').as('state'), s.val(t).as('next_at'), s.val(t).as('updated_at')])
                .where('campaign_id', '=', c.campaign_id)
                .where('phone_hash', 'not like', `${SET_ASIDE}%`),
            )
            .onConflict((oc) => oc.columns(['cadence_id', 'recipient_id']).doNothing())
            .executeTakeFirst();
          count = Number(r.numInsertedOrUpdatedRows ?? 0);
        } else if (to === 'running') {
          // Whoever's time came during the pause is looked at now.
          await trx.updateTable('cadence_members').set({ next_at: t }).where('cadence_id', '=', c.id).where('state', 'in', ['active', 'paused']).where('next_at', '<', t).execute();
        }
        if (to === 'stopped') {
          const r = await trx
            .updateTable('cadence_members')
            .set((eb) => ({ state: 'left', left_reason: 'operator', left_at: t, left_step: eb.ref('step'), next_at: null, updated_at: t }))
            .where('cadence_id', '=', c.id)
            .where('state', 'in', ['active', 'paused'])
            .executeTakeFirst();
          count = Number(r.numUpdatedRows ?? 0);
          await cancelQueued(trx, c.campaign_id, 'all', t);
        }
        await actionEntry(trx, row, action, count);
        return row;
      });
    },

    /** Running cadences in which nobody is active or paused any more become completed; their ids. */
    async completeFinished(): Promise<number[]> {
      const t = now();
      const rows = await db
        .updateTable('cadences')
        .set({ state: 'completed', completed_at: t, updated_at: t })
        .where('state', '=', 'running')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('cadence_members as cm').select('cm.id').whereRef('cm.cadence_id', '=', 'cadences.id').where('cm.state', 'in', ['active', 'paused']))),
        )
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * People of running cadences whose facts changed since they were last looked at (a payment, an opt-out,
     * a promise, a dispute, "not me", a wrong-number receipt) are looked at now rather than at their next step.
     */
    async wakeChanged(t: number): Promise<number> {
      const r = await db
        .updateTable('cadence_members as cm')
        .set({ next_at: t })
        .where('cm.state', 'in', ['active', 'paused'])
        .where((eb) => eb.or([eb('cm.next_at', 'is', null), eb('cm.next_at', '>', t)]))
        .where('cm.cadence_id', 'in', (eb) => eb.selectFrom('cadences').select('id').where('state', '=', 'running'))
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('payments as p')
                .innerJoin('messages as m', 'm.id', 'p.message_id')
                .select('p.message_id')
                // (campaign, recipient) leads the messages' unique key: the lookup is an index probe.
                .whereRef('m.campaign_id', '=', 'cm.campaign_id')
                .whereRef('m.recipient_id', '=', 'cm.recipient_id')
                .where('p.state', '=', 'paid')
                .whereRef('p.updated_at', '>', 'cm.updated_at'),
            ),
            eb.exists(
              eb
                .selectFrom('debtor_actions as a')
                .select('a.id')
                .whereRef('a.recipient_id', '=', 'cm.recipient_id')
                .whereRef('a.campaign_id', '=', 'cm.campaign_id')
                .where((w) => w.or([w('a.created_at', '>', w.ref('cm.updated_at')), w('a.resolved_at', '>', w.ref('cm.updated_at'))])),
            ),
            eb.exists(
              eb
                .selectFrom('suppressions as s')
                .innerJoin('recipients as r', 'r.phone_hash', 's.phone_hash')
                .select('s.phone_hash')
                .whereRef('r.id', '=', 'cm.recipient_id')
                .whereRef('s.created_at', '>', 'cm.updated_at'),
            ),
            eb.exists(
              eb
                .selectFrom('messages as w')
                .select('w.id')
                .whereRef('w.campaign_id', '=', 'cm.campaign_id')
                .whereRef('w.recipient_id', '=', 'cm.recipient_id')
                .where('w.state', '=', 'undeliverable')
                .where('w.error_code', 'in', [...WRONG_NUMBER_CODES])
                .whereRef('w.updated_at', '>', 'cm.updated_at'),
            ),
          ]),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows ?? 0);
    },

    /** People of running cadences whose time has come, oldest first, with their cadence. */
    async due(t: number, limit: number): Promise<{ member: CadenceMemberRow; cadence: CadenceRow }[]> {
      const members = await db
        .selectFrom('cadence_members as cm')
        .innerJoin('cadences as c', 'c.id', 'cm.cadence_id')
        .innerJoin('campaigns as k', 'k.id', 'c.campaign_id')
        .selectAll('cm')
        .where('c.state', '=', 'running')
        // Nothing is queued for a campaign whose own send is not confirmed or was cancelled.
        .where('k.status', 'not in', ['draft', 'cancelled'])
        .where('cm.state', 'in', ['active', 'paused'])
        .where('cm.next_at', '<=', t)
        .orderBy('cm.next_at')
        .orderBy('cm.id')
        .limit(limit)
        .execute();
      const ids = [...new Set(members.map((m) => m.cadence_id))];
      const cadences = ids.length === 0 ? [] : await db.selectFrom('cadences').selectAll().where('id', 'in', ids).execute();
      const byId = new Map(cadences.map((c) => [c.id, c]));
      return members.map((member) => ({ member, cadence: byId.get(member.cadence_id)! }));
    },

    /** What is known of these people of a campaign (times in epoch ms); the due date is read from their row by the caller. */
    async facts(campaignId: number, recipientIds: readonly number[]): Promise<Map<number, Omit<PersonFacts, 'dueDate'>>> {
      const out = new Map<number, Omit<PersonFacts, 'dueDate'>>();
      const { dueDate: _none, ...blank } = NO_FACTS;
      for (const id of recipientIds) out.set(id, { ...blank });
      const set = (id: number, patch: Partial<PersonFacts>) => out.set(id, { ...out.get(id)!, ...patch });
      const earliest = (prev: number | null, t: number | null) => (t === null ? prev : prev === null ? t : Math.min(prev, t));
      for (const ids of chunks(recipientIds)) {
        const messages = await db
          .selectFrom('messages')
          .select(['id', 'recipient_id', 'seq', 'kind', 'state', 'error_code', 'submitted_at', 'final_at', 'updated_at', 'next_attempt_at'])
          .where('campaign_id', '=', campaignId)
          .where('recipient_id', 'in', ids)
          .execute();
        const owner = new Map(messages.map((m) => [m.id, m.recipient_id]));
        for (const m of messages) {
          const f = out.get(m.recipient_id)!;
          if (m.seq === 0 && m.kind === 'campaign' && m.submitted_at !== null) set(m.recipient_id, { campaignSentAt: m.submitted_at });
          if (m.kind === STEP_KIND && (m.state === 'queued' || m.state === 'submitting')) set(m.recipient_id, { stepWaiting: earliest(f.stepWaiting, m.next_attempt_at) });
          if (m.state === 'undeliverable' && m.error_code !== null && WRONG_NUMBER_CODES.includes(m.error_code)) {
            set(m.recipient_id, { wrongNumberAt: earliest(f.wrongNumberAt, m.final_at ?? m.updated_at) });
          }
        }
        const messageIds = messages.map((m) => m.id);
        if (messageIds.length > 0) {
          for (const mids of chunks(messageIds)) {
            const paid = await db.selectFrom('payments').select(['message_id', 'paid_at', 'updated_at']).where('message_id', 'in', mids).where('state', '=', 'paid').execute();
            for (const p of paid) {
              const rid = owner.get(p.message_id)!;
              set(rid, { paidAt: earliest(out.get(rid)!.paidAt, p.paid_at ?? p.updated_at) });
            }
            const opens = await db
              .selectFrom('landing_events')
              .select(['message_id', (eb) => eb.fn.min('at').as('at')])
              .where('message_id', 'in', mids)
              .where('kind', '=', 'open')
              .groupBy('message_id')
              .execute();
            for (const o of opens) {
              const rid = owner.get(o.message_id)!;
              set(rid, { openedAt: earliest(out.get(rid)!.openedAt, Number(o.at)) });
            }
            const verified = await db.selectFrom('landing_states').select(['message_id', 'verified_at']).where('message_id', 'in', mids).where('verified_at', 'is not', null).execute();
            for (const v of verified) {
              const rid = owner.get(v.message_id)!;
              set(rid, { verifiedAt: earliest(out.get(rid)!.verifiedAt, v.verified_at) });
            }
          }
        }
        const suppressed = await db
          .selectFrom('recipients as r')
          .innerJoin('suppressions as s', 's.phone_hash', 'r.phone_hash')
          .select(['r.id', 's.created_at'])
          .where('r.id', 'in', ids)
          .execute();
        for (const s of suppressed) set(s.id, { optedOutAt: s.created_at });
        const actions = await db
          .selectFrom('debtor_actions')
          .select(['id', 'recipient_id', 'kind', 'state', 'promised_date', 'created_at'])
          .where('campaign_id', '=', campaignId)
          .where('recipient_id', 'in', ids)
          .orderBy('id')
          .execute();
        for (const a of actions) {
          const f = out.get(a.recipient_id)!;
          if (a.kind === 'dispute' && a.state !== 'dismissed') set(a.recipient_id, { disputedAt: earliest(f.disputedAt, a.created_at) });
          if (a.kind === 'not_me' && a.state !== 'dismissed') set(a.recipient_id, { notMeAt: earliest(f.notMeAt, a.created_at) });
          // The latest promise that was not replaced by a newer one.
          if (a.kind === 'promise' && a.state !== 'superseded' && a.state !== 'dismissed' && a.promised_date !== null) set(a.recipient_id, { promise: { promisedDate: a.promised_date, createdAt: a.created_at } });
        }
      }
      return out;
    },

    /**
     * One decision for one person, applied only if nobody else changed them since they were read (two
     * workers may look at once): false when someone did. A step to send is queued as a message with
     * seq = step, once (the unique key); a departure calls off their queued steps and is an evidence entry.
     */
    async apply(member: CadenceMemberRow, change: MemberChange): Promise<CadenceMemberRow | undefined> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const base = trx
          .updateTable('cadence_members')
          .where('id', '=', member.id)
          .where('step', '=', member.step)
          .where('state', '=', member.state)
          .where('updated_at', '=', member.updated_at);
        let row: CadenceMemberRow | undefined;
        switch (change.kind) {
          case 'leave':
            row = await base.set({ state: 'left', left_reason: change.reason, left_at: change.at, left_step: member.step, next_at: null, paused_until: null, updated_at: t }).returningAll().executeTakeFirst();
            break;
          case 'pause':
            row = await base.set({ state: 'paused', paused_until: change.until, next_at: change.until, updated_at: t }).returningAll().executeTakeFirst();
            break;
          case 'wait':
            row = await base.set({ state: 'active', paused_until: null, next_at: change.until, updated_at: t }).returningAll().executeTakeFirst();
            break;
          case 'done':
            row = await base.set({ state: 'done', paused_until: null, next_at: null, updated_at: t }).returningAll().executeTakeFirst();
            break;
          case 'step': {
            const skipped = change.send ? member.skipped_json : JSON.stringify({ ...(member.skipped_json ? (JSON.parse(member.skipped_json) as Record<string, string>) : {}), [change.step]: change.skip });
            row = await base.set({ state: 'active', step: change.step, step_at: t, paused_until: null, next_at: change.nextAt, skipped_json: skipped, updated_at: t }).returningAll().executeTakeFirst();
            break;
          }
        }
        if (!row) return undefined;
        if (change.kind === 'step' && change.send) await queueStep(trx, member, change.step, t);
        if (change.kind === 'leave') {
          await cancelQueued(trx, member.campaign_id, [member.recipient_id], t);
          await evidence.append(trx, [{ kind: 'cadence.left', campaignId: member.campaign_id, messageId: null, at: change.at, data: { recipient: member.recipient_id, reason: change.reason, step: member.step } }]);
        }
        return row;
      });
    },

    /** An operator takes one person out; undefined when they are not in the cadence (any more). */
    async stopMember(c: CadenceRow, recipientId: number, action: Omit<CadenceAction, 'action'>): Promise<CadenceMemberRow | undefined> {
      const t = now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('cadence_members')
          .set((eb) => ({ state: 'left', left_reason: 'operator', left_at: t, left_step: eb.ref('step'), next_at: null, paused_until: null, updated_at: t }))
          .where('cadence_id', '=', c.id)
          .where('recipient_id', '=', recipientId)
          .where('state', 'in', ['active', 'paused'])
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await cancelQueued(trx, c.campaign_id, [recipientId], t);
        await evidence.append(trx, [
          { kind: 'cadence.left', campaignId: c.campaign_id, messageId: null, at: t, data: { recipient: recipientId, reason: 'operator', step: row.step, by: action.by, ...(action.key !== undefined ? { key: action.key } : {}) } },
        ]);
        return row;
      });
    },

    /** The campaign's self-service grace days after a promised date (migration 0020), when it set them. */
    async graceDays(campaignId: number): Promise<number | undefined> {
      const row = await db.selectFrom('self_service_settings').select('promise_grace_days').where('campaign_id', '=', campaignId).executeTakeFirst();
      return row?.promise_grace_days;
    },

    membersOf: (cadenceId: number, recipientIds: readonly number[]) =>
      recipientIds.length === 0 ? Promise.resolve([]) : db.selectFrom('cadence_members').selectAll().where('cadence_id', '=', cadenceId).where('recipient_id', 'in', recipientIds).execute(),

    member: (cadenceId: number, recipientId: number) => db.selectFrom('cadence_members').selectAll().where('cadence_id', '=', cadenceId).where('recipient_id', '=', recipientId).executeTakeFirst(),

    /** A page of people, by recipient id. */
    async members(cadenceId: number, q: { step?: number; state?: MemberState; reason?: LeaveReason; after?: number; limit: number }): Promise<CadenceMemberRow[]> {
      let query = db.selectFrom('cadence_members').selectAll().where('cadence_id', '=', cadenceId).orderBy('recipient_id').limit(q.limit);
      if (q.step !== undefined) query = query.where('step', '=', q.step);
      if (q.state !== undefined) query = query.where('state', '=', q.state);
      if (q.reason !== undefined) query = query.where('left_reason', '=', q.reason);
      if (q.after !== undefined) query = query.where('recipient_id', '>', q.after);
      return query.execute();
    },

    /** People per (state, step, reason): the totals, the people at each step and who left where. */
    async memberCounts(cadenceId: number): Promise<{ state: MemberState; step: number; reason: LeaveReason | null; n: number }[]> {
      const rows = await db
        .selectFrom('cadence_members')
        .select(['state', 'step', 'left_reason', (eb) => eb.fn.countAll<number>().as('n')])
        .where('cadence_id', '=', cadenceId)
        .groupBy(['state', 'step', 'left_reason'])
        .execute();
      return rows.map((r) => ({ state: r.state, step: r.step, reason: r.left_reason, n: Number(r.n) }));
    },

    /** The step messages' figures by step (seq). */
    async stepCounts(campaignId: number): Promise<Map<number, StepMessageCounts>> {
      const out = new Map<number, StepMessageCounts>();
      const get = (seq: number) => {
        let c = out.get(seq);
        if (!c) out.set(seq, (c = { total: 0, queued: 0, sent: 0, delivered: 0, failed: 0, opened: 0, verified: 0 }));
        return c;
      };
      const states = await db
        .selectFrom('cadence_messages as x')
        .innerJoin('messages as m', 'm.id', 'x.message_id')
        .select(['x.step', 'm.state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('x.campaign_id', '=', campaignId)
        .groupBy(['x.step', 'm.state'])
        .execute();
      for (const r of states) {
        const c = get(r.step);
        const n = Number(r.n);
        c.total += n;
        if (r.state === 'queued' || r.state === 'submitting') c.queued += n;
        if ((SENT_STATES as readonly string[]).includes(r.state)) c.sent += n;
        if (r.state === 'delivered') c.delivered += n;
        if ((FAILED_STATES as readonly string[]).includes(r.state)) c.failed += n;
      }
      const opened = await db
        .selectFrom('cadence_messages as x')
        .select(['x.step', (eb) => eb.fn.countAll<number>().as('n')])
        .where('x.campaign_id', '=', campaignId)
        .where(({ exists, selectFrom }) => exists(selectFrom('landing_events as e').select('e.id').whereRef('e.message_id', '=', 'x.message_id').where('e.kind', '=', 'open')))
        .groupBy('x.step')
        .execute();
      for (const r of opened) get(r.step).opened = Number(r.n);
      const verified = await db
        .selectFrom('cadence_messages as x')
        .innerJoin('landing_states as s', 's.message_id', 'x.message_id')
        .select(['x.step', (eb) => eb.fn.countAll<number>().as('n')])
        .where('x.campaign_id', '=', campaignId)
        .where('s.verified_at', 'is not', null)
        .groupBy('x.step')
        .execute();
      for (const r of verified) get(r.step).verified = Number(r.n);
      return out;
    },

    /** The step messages of these people: seq → state and times, for the dry run and the member list. */
    async stepMessages(campaignId: number, recipientIds: readonly number[]): Promise<Map<number, Map<number, { state: string; queuedAt: number; submittedAt: number | null }>>> {
      const out = new Map<number, Map<number, { state: string; queuedAt: number; submittedAt: number | null }>>();
      for (const ids of chunks(recipientIds)) {
        const rows = await db
          .selectFrom('cadence_messages as x')
          .innerJoin('messages as m', 'm.id', 'x.message_id')
          .select(['x.recipient_id', 'x.step', 'm.state', 'm.created_at', 'm.submitted_at'])
          .where('x.campaign_id', '=', campaignId)
          .where('x.recipient_id', 'in', ids)
          .execute();
        for (const r of rows) {
          let m = out.get(r.recipient_id);
          if (!m) out.set(r.recipient_id, (m = new Map()));
          m.set(r.step, { state: r.state, queuedAt: r.created_at, submittedAt: r.submitted_at });
        }
      }
      return out;
    },

    /**
     * The template a step message is rendered with when sent (the dispatcher asks): its step's, or null for
     * the campaign's own text; undefined when the message is no cadence step.
     */
    async stepTemplate(messageId: number): Promise<{ step: number; template: string | null } | undefined> {
      const row = await db
        .selectFrom('cadence_messages as x')
        .innerJoin('cadences as c', 'c.id', 'x.cadence_id')
        .select(['x.step', 'c.definition_json'])
        .where('x.message_id', '=', messageId)
        .executeTakeFirst();
      if (!row) return undefined;
      const def = JSON.parse(row.definition_json) as { steps: { template?: string; notice?: string }[] };
      return { step: row.step, template: def.steps[row.step - 1]?.template ?? null };
    },

    /** The notice a step's landing page shows instead of the campaign's, if its step has one. */
    async stepNotice(messageId: number): Promise<string | null> {
      const row = await db
        .selectFrom('cadence_messages as x')
        .innerJoin('cadences as c', 'c.id', 'x.cadence_id')
        .select(['x.step', 'c.definition_json'])
        .where('x.message_id', '=', messageId)
        .executeTakeFirst();
      if (!row) return null;
      const def = JSON.parse(row.definition_json) as { steps: { notice?: string }[] };
      return def.steps[row.step - 1]?.notice ?? null;
    },

    /** Recipient ids of a campaign's list, in order (for a dry-run sample). */
    async listIds(campaignId: number, limit: number): Promise<{ ids: number[]; total: number }> {
      const base = db.selectFrom('recipients').where('campaign_id', '=', campaignId).where('phone_hash', 'not like', `${SET_ASIDE}%`);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base.select('id').orderBy('id').limit(limit).execute();
      return { ids: rows.map((r) => r.id), total: Number(total.n) };
    },
  };
}

export type CadenceStore = ReturnType<typeof cadenceStore>;
