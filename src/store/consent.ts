// Recipients' prior consent to notices by SMS (issue 12, requirement 8): the plain columns on a
// recipient (date and method; the office's note sealed), each recording entered in the evidence ledger
// as `consent.recorded` in the same transaction, and which rows of a campaign still lack it (a formal
// notice is sent only when none does). Entries name the recipient by id only; the note is committed.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { Consent } from '../core/consent.ts';
import type { EvidenceInput } from '../core/evidence/entry.ts';
import type { Conn, EvidenceRecorder } from './evidence/recorder.ts';
import { SET_ASIDE } from './recipients.ts';

/** Who recorded it, as entries name people: a user id, or the API key's id for a program. */
export interface ConsentActor {
  by: number | null;
  key?: number | undefined;
}

export interface MissingConsent {
  /** Rows without recorded consent. */
  count: number;
  /** Their lines in the list, the first `limit` in line order. */
  lines: number[];
}

const CHUNK = 400;

export function consentStore(db: Kysely<Database>, vault: Vault, evidence: EvidenceRecorder) {
  function entry(campaignId: number, recipient: number, consent: { date: string; method: string }, actor: ConsentActor, note: string | null): EvidenceInput<'consent.recorded'> {
    return {
      kind: 'consent.recorded',
      campaignId,
      messageId: null,
      data: {
        recipient,
        method: consent.method,
        date: consent.date,
        by: actor.by,
        ...(actor.key !== undefined ? { key: actor.key } : {}),
        ...(note !== null ? { note } : {}),
      },
    };
  }

  return {
    /**
     * Records (or with null, withdraws as of `withdrawnOn`) one row's consent while its campaign is a draft,
     * with its ledger entry in the same transaction. False when the row is not in a draft campaign.
     */
    async record(campaignId: number, recipientId: number, consent: Consent | null, actor: ConsentActor, withdrawnOn: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('recipients')
          .set({
            consent_at: consent?.date ?? null,
            consent_method: consent?.method ?? null,
            consent_note_enc: consent?.note ? vault.encrypt(consent.note) : null,
          })
          .where('id', '=', recipientId)
          .where('campaign_id', '=', campaignId)
          .where('campaign_id', 'in', trx.selectFrom('campaigns').select('id').where('id', '=', campaignId).where('status', '=', 'draft'))
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        const [note] = consent?.note ? await evidence.seal(trx, [consent.note]) : [null];
        await evidence.append(trx, [entry(campaignId, recipientId, consent ?? { date: withdrawnOn, method: 'withdrawn' }, actor, note ?? null)]);
        return true;
      });
    },

    /**
     * After an import: one `consent.recorded` entry for each row it stored with consent (ids after
     * `afterId`), in the caller's transaction (the one entering the list's 受付) or one of its own. Called
     * once the import is in, so a file that fails half-way (its rows removed) leaves no entry naming rows
     * that never were.
     */
    async recordImported(campaignId: number, afterId: number, actor: ConsentActor, conn?: Conn): Promise<number> {
      let recorded = 0;
      const inTransaction = async (trx: Conn) => {
        let after = afterId;
        for (;;) {
          const rows = await trx
            .selectFrom('recipients')
            .select(['id', 'consent_at', 'consent_method', 'consent_note_enc'])
            .where('campaign_id', '=', campaignId)
            .where('id', '>', after)
            .where('consent_at', 'is not', null)
            .where('phone_hash', 'not like', `${SET_ASIDE}%`)
            .orderBy('id')
            .limit(CHUNK)
            .execute();
          if (rows.length === 0) break;
          const notes = rows.map((r) => (r.consent_note_enc === null ? null : vault.decrypt(r.consent_note_enc)));
          const present = notes.filter((n): n is string => n !== null);
          const sealed = present.length > 0 ? await evidence.seal(trx, present) : [];
          let i = 0;
          await evidence.append(
            trx,
            rows.map((r, k) => entry(campaignId, r.id, { date: r.consent_at!, method: r.consent_method ?? 'other' }, actor, notes[k] === null ? null : sealed[i++]!)),
          );
          recorded += rows.length;
          after = rows[rows.length - 1]!.id;
          if (rows.length < CHUNK) break;
        }
      };
      if (conn) await inTransaction(conn);
      else await db.transaction().execute(inTransaction);
      return recorded;
    },

    /** Rows of the campaign's list with no recorded consent: how many, and the first `limit` lines. */
    async missing(campaignId: number, limit: number): Promise<MissingConsent> {
      const base = db
        .selectFrom('recipients')
        .where('campaign_id', '=', campaignId)
        .where('consent_at', 'is', null)
        .where('phone_hash', 'not like', `${SET_ASIDE}%`);
      const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const lines = await base.select('line').orderBy('line').limit(limit).execute();
      return { count: Number(count?.n ?? 0), lines: lines.map((r) => r.line) };
    },
  };
}

export type ConsentStore = ReturnType<typeof consentStore>;
