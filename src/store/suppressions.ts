// The suppression list (配信停止リスト): numbers that are never sent to again, whatever the campaign.
// Kept by the blind index of the E.164 number (the primary key) with the number sealed beside it, so
// that an import or a dispatch batch checks numbers without anything in clear.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { EvidenceData } from '../core/evidence/entry.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';

export const SUPPRESSION_REASONS = ['opt_out', 'wrong_person', 'complaint', 'other'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];
/** How the number got on the list: the person's own reply, or an operator (API, CLI, console). */
export type SuppressionSource = 'reply' | 'operator';

export interface Suppression {
  /** The blind index of the number: safe to show and to put in URLs. */
  id: string;
  phone: string;
  reason: string;
  source: string;
  createdAt: number;
}

/** Where an addition to the list is entered in the evidence ledger: how it came, and the message it answers, if any. */
export interface SuppressionEvidence {
  source: EvidenceData['opt_out.recorded']['source'];
  campaignId: number | null;
  messageId: number | null;
}

/** `evidence`: a number added is an opt_out.recorded ledger entry (the number committed), in the same transaction. */
export function suppressionStore(db: Kysely<Database>, vault: Vault, now: () => number, evidence: EvidenceRecorder = NO_EVIDENCE) {
  const unseal = (r: { phone_hash: string; phone_enc: string; reason: string; source: string; created_at: number }): Suppression => ({
    id: r.phone_hash,
    phone: vault.decrypt(r.phone_enc),
    reason: r.reason,
    source: r.source,
    createdAt: r.created_at,
  });

  return {
    /** The key a number is kept under (and a conversation is named by). */
    idOf: (phone: string): string => vault.blindIndex(phone),

    /**
     * Adds the number; a number already on the list keeps its first reason. `added` says which happened.
     * An addition is entered in the evidence ledger with it (`proof` says how it came; 'operator' when absent).
     */
    async add(input: { phone: string; reason: SuppressionReason; source: SuppressionSource }, proof?: SuppressionEvidence): Promise<{ added: boolean; suppression: Suppression }> {
      const id = vault.blindIndex(input.phone);
      const t = now();
      const added = await db.transaction().execute(async (trx) => {
        const res = await trx
          .insertInto('suppressions')
          .values({ phone_hash: id, phone_enc: vault.encrypt(input.phone), reason: input.reason, source: input.source, created_at: t })
          .onConflict((oc) => oc.column('phone_hash').doNothing())
          .executeTakeFirst();
        const fresh = Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
        if (fresh && evidence.enabled) {
          await evidence.append(trx, [
            {
              kind: 'opt_out.recorded',
              campaignId: proof?.campaignId ?? null,
              messageId: proof?.messageId ?? null,
              at: t,
              data: { source: proof?.source ?? (input.source === 'reply' ? 'reply' : 'operator'), number: evidence.commitmentOf(input.phone), ...(input.reason === 'opt_out' ? {} : { reason: input.reason }) },
            },
          ]);
        }
        return fresh;
      });
      const row = await db.selectFrom('suppressions').selectAll().where('phone_hash', '=', id).executeTakeFirstOrThrow();
      return { added, suppression: unseal(row) };
    },

    async remove(id: string): Promise<Suppression | undefined> {
      const row = await db.deleteFrom('suppressions').where('phone_hash', '=', id).returningAll().executeTakeFirst();
      return row && unseal(row);
    },

    async byId(id: string): Promise<Suppression | undefined> {
      const row = await db.selectFrom('suppressions').selectAll().where('phone_hash', '=', id).executeTakeFirst();
      return row && unseal(row);
    },

    /** Which of these ids are on the list. */
    async among(ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('suppressions').select('phone_hash').where('phone_hash', 'in', [...new Set(ids)]).execute();
      return new Set(rows.map((r) => r.phone_hash));
    },

    async list(opts: { limit: number; offset: number }): Promise<{ total: number; items: Suppression[] }> {
      const count = await db.selectFrom('suppressions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await db.selectFrom('suppressions').selectAll().orderBy('created_at', 'desc').orderBy('phone_hash').limit(opts.limit).offset(opts.offset).execute();
      return { total: Number(count.n), items: rows.map(unseal) };
    },

    /**
     * The whole list loaded once as a predicate on E.164 numbers, for an import that checks every row.
     * Only the blind indexes are held (32 hex characters each): a million entries take ~100 MB, so lists
     * that large would want a streamed join instead; suppression lists are far smaller.
     */
    async matcher(): Promise<(phone: string) => boolean> {
      const ids = new Set<string>();
      let after = '';
      for (;;) {
        const page = await db.selectFrom('suppressions').select('phone_hash').where('phone_hash', '>', after).orderBy('phone_hash').limit(10_000).execute();
        for (const r of page) ids.add(r.phone_hash);
        if (page.length < 10_000) break;
        after = page[page.length - 1]!.phone_hash;
      }
      return (phone) => ids.size > 0 && ids.has(vault.blindIndex(phone));
    },
  };
}

export type SuppressionStore = ReturnType<typeof suppressionStore>;
