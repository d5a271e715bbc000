// Storage of the recipient's side: organisation settings, campaign landing settings, the link lookup,
// the identity-check counters (reserve a try, lock, reset, unlock) and page events. A page event that
// counts as evidence (an open, an identity check, an unlock) carries its ledger entry, appended in the
// same transaction only when the event itself is stored.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type {
  CampaignLanding,
  LandingEvent,
  LandingEventKind,
  LandingState,
  OrganisationSettings,
  VerificationMethod,
} from './schema-landing.ts';
import type { AnyEvidenceInput } from '../core/evidence/entry.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';

const ORGANISATION_ROW = 1;

/** Official link bases may be left out: a new row gets none, an existing one keeps its own. */
export type OrganisationInput = Omit<OrganisationSettings, 'id' | 'updated_at' | 'logo_type' | 'logo_data' | 'official_link_bases_json' | 'short_names_json' | 'approval_required' | 'test_numbers_json' | 'legal_name' | 'address' | 'registration_numbers_json' | 'retention_days'> & {
  official_link_bases_json?: string;
  short_names_json?: string;
  /** The sender's legal identity and the retention of personal data (migration 0017): left out, kept as they were. */
  legal_name?: string | null;
  address?: string | null;
  registration_numbers_json?: string;
  retention_days?: number | null;
};
export type CampaignLandingInput = Omit<CampaignLanding, 'campaign_id' | 'updated_at'>;

/** What a short link leads to, with everything a page needs to decide what to show, in one query. */
export interface LinkTarget {
  messageId: number;
  campaignId: number;
  campaignName: string;
  /** The campaign's column mapping, JSON [{header, field}], for labelling the identity-check field. */
  campaignColumnsJson: string | null;
  recipientId: number;
  submittedAt: number | null;
  landing: {
    method: VerificationMethod;
    column: string;
    digits: number | null;
    expiresAt: number | null;
    /** JSON: this campaign's own contact, else null (the organisation's applies). */
    contactJson: string | null;
    updatedAt: number;
  } | null;
  failedAttempts: number;
  lockedAt: number | null;
  sessionGeneration: number;
}

export interface NewLandingEvent {
  messageId: number;
  campaignId: number;
  kind: LandingEventKind;
  at?: number;
  browser?: string | null;
  os?: string | null;
  platform?: string | null;
  ipHash?: string | null;
  /** When set, the event is stored only if this visitor has no mark yet on this message in this window. */
  once?: OpenMark;
  /**
   * The evidence entry this event is (written with it, and only if it is stored). For page.opened, `first`
   * is decided here: whether the message had no stored open before.
   */
  evidence?: AnyEvidenceInput;
}

/** A visitor (keyed hash, never the address) seen on a message's link in one window (its number). */
export interface OpenMark {
  visitorHash: string;
  bucket: number;
}

export interface LandingFunnel {
  opened: number;
  verified: number;
  locked: number;
}

/** `evidence`: the ledger page events are entered in. */
export function landingStore(db: Kysely<Database>, now: () => number, evidence: EvidenceRecorder = NO_EVIDENCE) {
  /** The counters row exists before any conditional update touches it. */
  async function ensureState(messageId: number): Promise<void> {
    await db
      .insertInto('landing_states')
      .values({ message_id: messageId, failed_attempts: 0, locked_at: null, verified_at: null, session_generation: 0, updated_at: now() })
      .onConflict((oc) => oc.column('message_id').doNothing())
      .execute();
  }

  /** The entries of the events about to be stored; an open is `first` when its message had none stored before. */
  async function evidenceOf(trx: Transaction<Database>, events: readonly NewLandingEvent[]): Promise<AnyEvidenceInput[]> {
    const entries = events.flatMap((e) => (e.evidence ? [e.evidence] : []));
    const opened = [...new Set(entries.filter((e) => e.kind === 'page.opened').map((e) => e.messageId!))];
    if (opened.length === 0) return entries;
    const before = await trx.selectFrom('landing_events').select('message_id').distinct().where('kind', '=', 'open').where('message_id', 'in', opened).execute();
    const seen = new Set(before.map((r) => Number(r.message_id)));
    return entries.map((e) => {
      if (e.kind !== 'page.opened') return e;
      const first = !seen.has(e.messageId!);
      seen.add(e.messageId!);
      return { ...e, data: { first } };
    });
  }

  return {
    async organisation(): Promise<OrganisationSettings | undefined> {
      return db.selectFrom('organisation_settings').selectAll().where('id', '=', ORGANISATION_ROW).executeTakeFirst();
    },

    /** Replaces the settings; an uploaded logo stays unless replaced through setLogo. */
    async putOrganisation(input: OrganisationInput): Promise<OrganisationSettings> {
      const t = now();
      return db
        .insertInto('organisation_settings')
        .values({ official_link_bases_json: '[]', short_names_json: '[]', ...input, id: ORGANISATION_ROW, logo_type: null, logo_data: null, updated_at: t })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...input, updated_at: t }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** Stores (or with null, removes) the uploaded logo; the settings row must exist. */
    async setLogo(logo: { type: string; base64: string } | null): Promise<boolean> {
      const r = await db
        .updateTable('organisation_settings')
        .set({ logo_type: logo?.type ?? null, logo_data: logo?.base64 ?? null, updated_at: now() })
        .where('id', '=', ORGANISATION_ROW)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async campaignLanding(campaignId: number): Promise<CampaignLanding | undefined> {
      return db.selectFrom('campaign_landing').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();
    },

    async putCampaignLanding(campaignId: number, input: CampaignLandingInput): Promise<CampaignLanding> {
      const t = now();
      return db
        .insertInto('campaign_landing')
        .values({ ...input, campaign_id: campaignId, updated_at: t })
        .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ ...input, updated_at: t }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /** The notice text only, for rendering (cached by the caller against landing.updatedAt). */
    async notice(campaignId: number): Promise<{ notice: string; noticeEn: string | null; updatedAt: number } | undefined> {
      const r = await db
        .selectFrom('campaign_landing')
        .select(['notice', 'notice_en', 'updated_at'])
        .where('campaign_id', '=', campaignId)
        .executeTakeFirst();
      return r && { notice: r.notice, noticeEn: r.notice_en, updatedAt: r.updated_at };
    },

    async byCode(code: string): Promise<LinkTarget | undefined> {
      const r = await db
        .selectFrom('messages as m')
        .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
        .leftJoin('campaign_landing as l', 'l.campaign_id', 'm.campaign_id')
        .leftJoin('landing_states as s', 's.message_id', 'm.id')
        .select([
          'm.id as messageId',
          'm.campaign_id as campaignId',
          'c.name as campaignName',
          'c.columns_json as campaignColumnsJson',
          'm.recipient_id as recipientId',
          'm.submitted_at as submittedAt',
          'l.method',
          'l.column_name',
          'l.digits',
          'l.expires_at',
          'l.contact_json',
          'l.updated_at as landingUpdatedAt',
          's.failed_attempts',
          's.locked_at',
          's.session_generation',
        ])
        .where('m.link_code', '=', code)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        messageId: r.messageId,
        campaignId: r.campaignId,
        campaignName: r.campaignName,
        campaignColumnsJson: r.campaignColumnsJson,
        recipientId: r.recipientId,
        submittedAt: r.submittedAt,
        landing:
          r.method && r.column_name && r.landingUpdatedAt !== null
            ? { method: r.method, column: r.column_name, digits: r.digits, expiresAt: r.expires_at, contactJson: r.contact_json, updatedAt: r.landingUpdatedAt }
            : null,
        failedAttempts: r.failed_attempts ?? 0,
        lockedAt: r.locked_at,
        sessionGeneration: r.session_generation ?? 0,
      };
    },

    /** When a message with this link code was handed to the carrier (the anti-smishing check). */
    async sentAtByCode(code: string): Promise<{ submittedAt: number | null } | undefined> {
      return db.selectFrom('messages').select('submitted_at as submittedAt').where('link_code', '=', code).executeTakeFirst();
    },

    /**
     * Takes one of the `max` tries before the answer is compared, atomically: however many requests
     * race, no more than `max` comparisons happen before the page locks. Returns the tries used
     * including this one, or null when the page is locked.
     */
    async reserveAttempt(messageId: number, max: number): Promise<number | null> {
      await ensureState(messageId);
      const r = await db
        .updateTable('landing_states')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1), updated_at: now() }))
        .where('message_id', '=', messageId)
        .where('failed_attempts', '<', max)
        .where('locked_at', 'is', null)
        .returning('failed_attempts')
        .executeTakeFirst();
      return r ? r.failed_attempts : null;
    },

    /** The right answer: the reserved try is given back and earlier wrong ones forgotten. */
    async markVerified(messageId: number): Promise<void> {
      const t = now();
      await db
        .updateTable('landing_states')
        .set((eb) => ({ failed_attempts: 0, verified_at: eb.fn.coalesce('verified_at', eb.val(t)), updated_at: t }))
        .where('message_id', '=', messageId)
        .where('locked_at', 'is', null)
        .execute();
    },

    /** Locks the page and ends every session on it. */
    async lock(messageId: number): Promise<void> {
      const t = now();
      await db
        .updateTable('landing_states')
        .set((eb) => ({ locked_at: t, session_generation: eb('session_generation', '+', 1), updated_at: t }))
        .where('message_id', '=', messageId)
        .where('locked_at', 'is', null)
        .execute();
    },

    /** An operator's unlock: tries start again from zero. Returns whether the page was locked. */
    async unlock(messageId: number): Promise<boolean> {
      const before = await db.selectFrom('landing_states').select('locked_at').where('message_id', '=', messageId).executeTakeFirst();
      await db
        .updateTable('landing_states')
        .set((eb) => ({ failed_attempts: 0, locked_at: null, session_generation: eb('session_generation', '+', 1), updated_at: now() }))
        .where('message_id', '=', messageId)
        .execute();
      return before?.locked_at != null;
    },

    async state(messageId: number): Promise<LandingState | undefined> {
      return db.selectFrom('landing_states').selectAll().where('message_id', '=', messageId).executeTakeFirst();
    },

    /**
     * Stores events in one statement; events carrying a mark (`once`) are stored only when their mark is
     * new. The marks are inserted first with ON CONFLICT DO NOTHING in the same transaction, so parallel
     * writers, in this process or another, agree on which one records the open: no read-then-write race.
     */
    async recordEvents(events: readonly NewLandingEvent[]): Promise<void> {
      if (events.length === 0) return;
      const t = now();
      const rows = (list: readonly NewLandingEvent[]) =>
        list.map((e) => ({
          message_id: e.messageId,
          campaign_id: e.campaignId,
          kind: e.kind,
          at: e.at ?? t,
          browser: e.browser ?? null,
          os: e.os ?? null,
          platform: e.platform ?? null,
          ip_hash: e.ipHash ?? null,
        }));
      const withEvidence = evidence.enabled && events.some((e) => e.evidence);
      if (!events.some((e) => e.once)) {
        if (!withEvidence) {
          await db.insertInto('landing_events').values(rows(events)).execute();
          return;
        }
        await db.transaction().execute(async (trx) => {
          const entries = await evidenceOf(trx, events);
          await trx.insertInto('landing_events').values(rows(events)).execute();
          await evidence.append(trx, entries);
        });
        return;
      }
      const key = (messageId: number, m: OpenMark) => `${messageId}|${m.visitorHash}|${m.bucket}`;
      const marks = new Map<string, { message_id: number; visitor_hash: string; bucket: number }>();
      for (const e of events) {
        if (e.once) marks.set(key(e.messageId, e.once), { message_id: e.messageId, visitor_hash: e.once.visitorHash, bucket: e.once.bucket });
      }
      await db.transaction().execute(async (trx) => {
        const fresh = await trx
          .insertInto('landing_open_marks')
          .values([...marks.values()])
          .onConflict((oc) => oc.columns(['message_id', 'visitor_hash', 'bucket']).doNothing())
          .returning(['message_id', 'visitor_hash', 'bucket'])
          .execute();
        // Each new mark admits the first of its events in this batch; the rest are repeats.
        const admits = new Set(fresh.map((r) => key(Number(r.message_id), { visitorHash: r.visitor_hash, bucket: Number(r.bucket) })));
        const kept = events.filter((e) => !e.once || admits.delete(key(e.messageId, e.once)));
        const entries = withEvidence ? await evidenceOf(trx, kept) : [];
        if (kept.length > 0) await trx.insertInto('landing_events').values(rows(kept)).execute();
        await evidence.append(trx, entries);
      });
    },

    /** Deletes the marks of windows before `bucket`: they can no longer hold back an open. */
    async pruneOpenMarks(bucket: number): Promise<number> {
      const r = await db.deleteFrom('landing_open_marks').where('bucket', '<', bucket).executeTakeFirst();
      return Number(r.numDeletedRows);
    },

    /** A message's page history, newest first. */
    async events(messageId: number, limit = 100): Promise<LandingEvent[]> {
      return db.selectFrom('landing_events').selectAll().where('message_id', '=', messageId).orderBy('id', 'desc').limit(limit).execute();
    },

    /** Distinct messages opened and verified, and pages locked now, for a campaign's funnel. */
    async funnel(campaignId: number): Promise<LandingFunnel> {
      const rows = await db
        .selectFrom('landing_events')
        .select(['kind', (eb) => eb.fn.count<number>('message_id').distinct().as('n')])
        .where('campaign_id', '=', campaignId)
        .where('kind', 'in', ['open', 'verified'])
        .groupBy('kind')
        .execute();
      const locked = await db
        .selectFrom('landing_states as s')
        .innerJoin('messages as m', 'm.id', 's.message_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('m.campaign_id', '=', campaignId)
        .where('s.locked_at', 'is not', null)
        .executeTakeFirstOrThrow();
      const by = Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
      return { opened: by.open ?? 0, verified: by.verified ?? 0, locked: Number(locked.n) };
    },

    async messageCampaign(messageId: number): Promise<{ id: number; campaignId: number; linkCode: string | null } | undefined> {
      return db.selectFrom('messages').select(['id', 'campaign_id as campaignId', 'link_code as linkCode']).where('id', '=', messageId).executeTakeFirst();
    },
  };
}

export type LandingStore = ReturnType<typeof landingStore>;
