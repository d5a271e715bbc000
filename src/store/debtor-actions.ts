// What recipients ask for on their page (self-service): a promise to pay, instalments, a dispute, "not
// me"; the operator's review of them; the misdelivery list ("not me" numbers, which imports reject until
// an operator removes them); and each campaign's choice of what its page offers.
//
// Recording one is one transaction: the request (one open of each kind per person; a changed promise or
// instalment request supersedes the open one, the same one again is the first returned), the person's
// queued messages of the campaign cancelled for a dispute or "not me", the number listed as misdelivered,
// its evidence entry (amounts and texts committed, never in clear) and the promise.created webhook.
// settlePromises() marks open promises kept or broken (core/debtor-actions.ts promiseStatus); the
// cadence calls it too.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Dialect } from './dialect.ts';
import type { Vault } from '../core/vault.ts';
import type { DebtorAction, MisdeliveredNumber } from './schema-debtor-actions.ts';
import { DEFAULT_SELF_SERVICE, promiseStatus, dateInZone, stopsMessages, type DebtorActionKind, type DebtorActionResolution, type DebtorActionState, type SelfServiceSettings } from '../core/debtor-actions.ts';
import { MESSAGE_STATUS_COLUMNS, isoTime, messageStatusData } from '../core/webhook-events.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from './webhooks.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';
import type { AnyEvidenceInput } from '../core/evidence/entry.ts';

export type { DebtorAction, MisdeliveredNumber };
type Conn = Kysely<Database> | Transaction<Database>;

/** The actor that closes requests by rule (kept, broken) or by the person's newer one (superseded). */
export const SYSTEM_ACTOR = 'system';
const DEFAULT_ZONE = 'Asia/Tokyo';

export interface NewDebtorAction {
  campaignId: number;
  recipientId: number;
  messageId: number;
  kind: DebtorActionKind;
  /** promise: YYYY-MM-DD. */
  promisedDate?: string | null;
  /** promise: yen, optional. */
  amount?: number | null;
  /** instalment: yen per month. */
  monthlyAmount?: number | null;
  /** Free text (instalment, dispute), sealed. */
  note?: string | null;
  /** not_me: the recipient's number as listed (E.164), committed in the evidence entry. */
  phone?: string;
  /** Whether the person had passed the identity check ("not me" is offered before it). */
  verified: boolean;
}

export interface RecordedAction {
  action: DebtorAction;
  /** false: the same request was already open (a double submit), and nothing changed. */
  created: boolean;
  /** The open request of the same kind this one superseded. */
  replaced: number | null;
  /** Queued messages of the person in that campaign cancelled now. */
  cancelled: number;
}

export interface DebtorActionFilter {
  kind?: DebtorActionKind | undefined;
  state?: DebtorActionState | undefined;
  campaignId?: number | undefined;
  recipientId?: number | undefined;
  limit: number;
  offset: number;
}

export interface DebtorActionListRow extends DebtorAction {
  campaign_name: string;
}

interface SettingsRow {
  promise: number;
  promise_max_days: number;
  promise_grace_days: number;
  instalment: number;
  dispute: number;
  not_me: number;
}

function toSettings(r: SettingsRow | undefined): SelfServiceSettings {
  if (!r) return { ...DEFAULT_SELF_SERVICE };
  return {
    promise: r.promise === 1,
    promiseMaxDays: r.promise_max_days,
    promiseGraceDays: r.promise_grace_days,
    instalment: r.instalment === 1,
    dispute: r.dispute === 1,
    notMe: r.not_me === 1,
  };
}

/** Whether two requests of the same kind say the same (a second press of the same button). */
function sameRequest(open: DebtorAction, input: NewDebtorAction, vault: Vault): boolean {
  switch (input.kind) {
    case 'promise':
      return open.promised_date === (input.promisedDate ?? null) && num(open.amount) === (input.amount ?? null);
    case 'instalment':
      return num(open.monthly_amount) === (input.monthlyAmount ?? null) && (open.note_enc === null ? null : vault.decrypt(open.note_enc)) === (input.note ?? null);
    case 'dispute':
    case 'not_me':
      // One open dispute or report is enough: the operator reviews it once.
      return true;
  }
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function normalise(r: DebtorAction): DebtorAction {
  return { ...r, id: Number(r.id), campaign_id: Number(r.campaign_id), recipient_id: Number(r.recipient_id), message_id: Number(r.message_id), amount: num(r.amount), monthly_amount: num(r.monthly_amount), created_at: Number(r.created_at), resolved_at: r.resolved_at === null ? null : Number(r.resolved_at) };
}

/**
 * Open promises whose date + grace has passed become broken, and those a payment covered in time kept
 * (a person's payment: any paid payment of their messages in that campaign). `at` is now; each campaign's
 * day is read in its time zone, its grace from its settings. Returns what changed.
 */
export async function settlePromises(conn: Conn, at: number, scope: { campaignId?: number; recipientIds?: readonly number[] } = {}): Promise<{ id: number; campaignId: number; recipientId: number; state: 'kept' | 'broken' }[]> {
  let q = conn
    .selectFrom('debtor_actions as a')
    .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .leftJoin('self_service_settings as s', 's.campaign_id', 'a.campaign_id')
    .select(['a.id', 'a.campaign_id', 'a.recipient_id', 'a.promised_date', 'c.time_zone', 's.promise_grace_days'])
    .select((eb) =>
      eb
        .selectFrom('payments as p')
        .innerJoin('messages as m', 'm.id', 'p.message_id')
        .select((f) => f.fn.min('p.paid_at').as('paid_at'))
        .whereRef('m.campaign_id', '=', 'a.campaign_id')
        .whereRef('m.recipient_id', '=', 'a.recipient_id')
        .where('p.state', '=', 'paid')
        .as('paid_at'),
    )
    .where('a.kind', '=', 'promise')
    .where('a.state', '=', 'open');
  if (scope.campaignId !== undefined) q = q.where('a.campaign_id', '=', scope.campaignId);
  if (scope.recipientIds !== undefined) {
    if (scope.recipientIds.length === 0) return [];
    q = q.where('a.recipient_id', 'in', [...scope.recipientIds]);
  }
  const rows = await q.execute();
  const changed: { id: number; campaignId: number; recipientId: number; state: 'kept' | 'broken' }[] = [];
  for (const r of rows) {
    if (r.promised_date === null) continue;
    const zone = r.time_zone ?? DEFAULT_ZONE;
    const grace = r.promise_grace_days ?? DEFAULT_SELF_SERVICE.promiseGraceDays;
    const paidAt = r.paid_at === null || r.paid_at === undefined ? null : Number(r.paid_at);
    const status = promiseStatus({ promised_date: r.promised_date }, paidAt, dateInZone(at, zone), grace, zone);
    if (status === 'open') continue;
    const res = await conn
      .updateTable('debtor_actions')
      .set({ state: status, resolved_at: at, resolved_by: SYSTEM_ACTOR })
      .where('id', '=', r.id)
      .where('state', '=', 'open')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) changed.push({ id: Number(r.id), campaignId: Number(r.campaign_id), recipientId: Number(r.recipient_id), state: status });
  }
  return changed;
}

export function debtorActionStore(db: Kysely<Database>, dialect: Dialect, vault: Vault, now: () => number, deps: { webhooks?: WebhookOutbox; evidence?: EvidenceRecorder } = {}) {
  const webhooks = deps.webhooks ?? NO_WEBHOOKS;
  const evidence = deps.evidence ?? NO_EVIDENCE;

  async function byId(conn: Conn, id: number): Promise<DebtorAction | undefined> {
    const r = await conn.selectFrom('debtor_actions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && normalise(r);
  }

  /** The person's queued messages of the campaign → cancelled, told and entered as evidence like an operator's cancel. */
  async function cancelPerson(trx: Transaction<Database>, input: NewDebtorAction, t: number): Promise<number> {
    const cancelled = await trx
      .updateTable('messages')
      .set({ state: 'cancelled', final_at: t, updated_at: t })
      .where('campaign_id', '=', input.campaignId)
      .where('recipient_id', '=', input.recipientId)
      .where('state', '=', 'queued')
      .returning(MESSAGE_STATUS_COLUMNS)
      .execute();
    if (cancelled.length === 0) return 0;
    if (await webhooks.wants(trx, 'message.status')) await webhooks.emitMany(trx, 'message.status', cancelled.map(messageStatusData));
    await evidence.append(
      trx,
      cancelled.map((m) => ({ kind: 'message.final' as const, campaignId: input.campaignId, messageId: m.id, at: t, data: { state: 'cancelled', reason: input.kind } })),
    );
    return cancelled.length;
  }

  async function evidenceOf(trx: Transaction<Database>, action: DebtorAction, input: NewDebtorAction, replaced: number | null, cancelled: number, recipientPhone: string | null): Promise<AnyEvidenceInput | null> {
    if (!evidence.enabled) return null;
    const base = { campaignId: action.campaign_id, messageId: action.message_id, at: action.created_at };
    const sealOne = async (v: string | number | null | undefined): Promise<string | null> => (v === null || v === undefined ? null : (await evidence.seal(trx, [String(v)]))[0]!);
    switch (action.kind) {
      case 'promise':
        return { ...base, kind: 'promise.created', data: { action: action.id, recipient: action.recipient_id, promisedDate: action.promised_date!, amount: await sealOne(action.amount), replaces: replaced } };
      case 'instalment':
        return { ...base, kind: 'instalment.requested', data: { action: action.id, recipient: action.recipient_id, monthly: await sealOne(action.monthly_amount), note: await sealOne(input.note) } };
      case 'dispute':
        return { ...base, kind: 'dispute.raised', data: { action: action.id, recipient: action.recipient_id, note: await sealOne(input.note), cancelled } };
      case 'not_me':
        return { ...base, kind: 'not_me.reported', data: { action: action.id, recipient: action.recipient_id, number: (await sealOne(recipientPhone ?? ''))!, cancelled, verified: input.verified } };
    }
  }

  return {
    /** The campaign's choice of actions (the defaults when never set). */
    async settings(campaignId: number): Promise<SelfServiceSettings> {
      return toSettings(await db.selectFrom('self_service_settings').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst());
    },

    async putSettings(campaignId: number, s: SelfServiceSettings): Promise<SelfServiceSettings> {
      const row = {
        promise: s.promise ? 1 : 0,
        promise_max_days: s.promiseMaxDays,
        promise_grace_days: s.promiseGraceDays,
        instalment: s.instalment ? 1 : 0,
        dispute: s.dispute ? 1 : 0,
        not_me: s.notMe ? 1 : 0,
        updated_at: now(),
      };
      await db
        .insertInto('self_service_settings')
        .values({ campaign_id: campaignId, ...row })
        .onConflict((oc) => oc.column('campaign_id').doUpdateSet(row))
        .execute();
      return toSettings(row);
    },

    /** Records what the person asked for (see the header); idempotent on a double submit. */
    async record(input: NewDebtorAction): Promise<RecordedAction> {
      return db.transaction().execute(async (trx) => {
        // One person's requests are taken one at a time (two taps racing on PostgreSQL).
        let lock = trx.selectFrom('recipients').select(['id', 'phone_hash']).where('id', '=', input.recipientId);
        if (dialect === 'postgres') lock = lock.forUpdate();
        const recipient = await lock.executeTakeFirst();
        if (!recipient) throw new Error(`recipient ${input.recipientId} not found`);
        const openRow = await trx
          .selectFrom('debtor_actions')
          .selectAll()
          .where('campaign_id', '=', input.campaignId)
          .where('recipient_id', '=', input.recipientId)
          .where('kind', '=', input.kind)
          .where('state', '=', 'open')
          .executeTakeFirst();
        const open = openRow && normalise(openRow);
        if (open && sameRequest(open, input, vault)) return { action: open, created: false, replaced: null, cancelled: 0 };
        const t = now();
        let replaced: number | null = null;
        if (open) {
          await trx.updateTable('debtor_actions').set({ state: 'superseded', resolved_at: t, resolved_by: SYSTEM_ACTOR }).where('id', '=', open.id).execute();
          replaced = open.id;
        }
        const inserted = await trx
          .insertInto('debtor_actions')
          .values({
            campaign_id: input.campaignId,
            recipient_id: input.recipientId,
            message_id: input.messageId,
            kind: input.kind,
            promised_date: input.kind === 'promise' ? (input.promisedDate ?? null) : null,
            amount: input.kind === 'promise' ? (input.amount ?? null) : null,
            monthly_amount: input.kind === 'instalment' ? (input.monthlyAmount ?? null) : null,
            note_enc: input.note ? vault.encrypt(input.note) : null,
            state: 'open',
            created_at: t,
            resolved_at: null,
            resolved_by: null,
            resolution_note_enc: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const action = normalise(inserted);
        const cancelled = stopsMessages(input.kind) ? await cancelPerson(trx, input, t) : 0;
        if (input.kind === 'not_me') {
          const listed = await trx.selectFrom('misdelivered_numbers').select('id').where('phone_hash', '=', recipient.phone_hash).where('removed_at', 'is', null).executeTakeFirst();
          if (!listed) {
            await trx.insertInto('misdelivered_numbers').values({ phone_hash: recipient.phone_hash, reported_at: t, campaign_id: input.campaignId, message_id: input.messageId, removed_at: null, removed_by: null }).execute();
          }
        }
        const entry = await evidenceOf(trx, action, input, replaced, cancelled, input.phone ?? null);
        if (entry) await evidence.append(trx, [entry]);
        if (action.kind === 'promise') {
          await webhooks.emit(trx, 'promise.created', {
            promiseId: action.id,
            campaignId: action.campaign_id,
            messageId: action.message_id,
            recipientId: action.recipient_id,
            promisedDate: action.promised_date!,
            amount: action.amount,
            replaces: replaced,
            createdAt: isoTime(t)!,
          });
        }
        return { action, created: true, replaced, cancelled };
      });
    },

    byId: (id: number) => byId(db, id),

    /** The note the person left, opened (null when none). */
    noteOf: (a: Pick<DebtorAction, 'note_enc'>): string | null => (a.note_enc === null ? null : vault.decrypt(a.note_enc)),
    resolutionNoteOf: (a: Pick<DebtorAction, 'resolution_note_enc'>): string | null => (a.resolution_note_enc === null ? null : vault.decrypt(a.resolution_note_enc)),

    /** Newest first, with the campaign's name; `total` counts all that match. */
    async list(f: DebtorActionFilter): Promise<{ total: number; items: DebtorActionListRow[] }> {
      let q = db.selectFrom('debtor_actions as a').innerJoin('campaigns as c', 'c.id', 'a.campaign_id');
      if (f.kind) q = q.where('a.kind', '=', f.kind);
      if (f.state) q = q.where('a.state', '=', f.state);
      if (f.campaignId !== undefined) q = q.where('a.campaign_id', '=', f.campaignId);
      if (f.recipientId !== undefined) q = q.where('a.recipient_id', '=', f.recipientId);
      const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q.selectAll('a').select('c.name as campaign_name').orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute();
      return { total: Number(count.n), items: rows.map((r) => ({ ...normalise(r), campaign_name: r.campaign_name })) };
    },

    /** Open requests per kind (the inbox's tab counts). */
    async openCounts(): Promise<Record<DebtorActionKind, number>> {
      const rows = await db.selectFrom('debtor_actions').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).where('state', '=', 'open').groupBy('kind').execute();
      const out: Record<DebtorActionKind, number> = { promise: 0, instalment: 0, dispute: 0, not_me: 0 };
      for (const r of rows) out[r.kind] = Number(r.n);
      return out;
    },

    /** A person's requests in a campaign, oldest first (their page, their timeline). */
    async ofRecipient(campaignId: number, recipientId: number): Promise<DebtorAction[]> {
      const rows = await db.selectFrom('debtor_actions').selectAll().where('campaign_id', '=', campaignId).where('recipient_id', '=', recipientId).orderBy('id').execute();
      return rows.map(normalise);
    },

    /**
     * An operator's review of an open request: resolved (dispute upheld, not-me confirmed, instalments
     * agreed, promise acknowledged) or dismissed, with a note. Undefined when no such request; the row as it
     * stands (not open) when someone decided first.
     */
    async resolve(id: number, decision: { state: DebtorActionResolution; by: string; note: string | null }): Promise<{ action: DebtorAction; changed: boolean } | undefined> {
      return db.transaction().execute(async (trx) => {
        const t = now();
        const res = await trx
          .updateTable('debtor_actions')
          .set({ state: decision.state, resolved_at: t, resolved_by: decision.by, resolution_note_enc: decision.note ? vault.encrypt(decision.note) : null })
          .where('id', '=', id)
          .where('state', '=', 'open')
          .executeTakeFirst();
        const action = await byId(trx, id);
        if (!action) return undefined;
        const changed = Number(res.numUpdatedRows) > 0;
        // A "not me" found wrong (it is the person after all): the number comes off the misdelivery list.
        if (changed && action.kind === 'not_me' && decision.state === 'dismissed') {
          await trx
            .updateTable('misdelivered_numbers')
            .set({ removed_at: t, removed_by: decision.by })
            .where('message_id', '=', action.message_id)
            .where('removed_at', 'is', null)
            .execute();
        }
        return { action, changed };
      });
    },

    settlePromises: (at: number, scope?: { campaignId?: number; recipientIds?: readonly number[] }) => settlePromises(db, at, scope),

    misdelivered: {
      /** Listed numbers (not removed), newest first, with the campaign's name. */
      async list(opts: { limit: number; offset: number }): Promise<{ total: number; items: (MisdeliveredNumber & { campaign_name: string; recipient_id: number })[] }> {
        const base = db
          .selectFrom('misdelivered_numbers as n')
          .innerJoin('campaigns as c', 'c.id', 'n.campaign_id')
          .innerJoin('messages as m', 'm.id', 'n.message_id')
          .where('n.removed_at', 'is', null);
        const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const rows = await base.selectAll('n').select(['c.name as campaign_name', 'm.recipient_id']).orderBy('n.id', 'desc').limit(opts.limit).offset(opts.offset).execute();
        return {
          total: Number(count.n),
          items: rows.map((r) => ({ ...r, id: Number(r.id), campaign_id: Number(r.campaign_id), message_id: Number(r.message_id), recipient_id: Number(r.recipient_id), reported_at: Number(r.reported_at) })),
        };
      },

      async byId(id: number): Promise<MisdeliveredNumber | undefined> {
        return db.selectFrom('misdelivered_numbers').selectAll().where('id', '=', id).executeTakeFirst();
      },

      /** Takes a number off the list: imports accept it again. False when it was not listed. */
      async remove(id: number, by: string): Promise<boolean> {
        const res = await db.updateTable('misdelivered_numbers').set({ removed_at: now(), removed_by: by }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
        return Number(res.numUpdatedRows) > 0;
      },

      /** The list loaded once as a predicate on E.164 numbers, for an import that checks every row. */
      async matcher(): Promise<(phone: string) => boolean> {
        const rows = await db.selectFrom('misdelivered_numbers').select('phone_hash').where('removed_at', 'is', null).execute();
        const ids = new Set(rows.map((r) => r.phone_hash));
        return (phone) => ids.size > 0 && ids.has(vault.blindIndex(phone));
      },
    },
  };
}

export type DebtorActionStore = ReturnType<typeof debtorActionStore>;
