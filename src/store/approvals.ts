// Approval before a send: the organisation's two settings (approval required, test numbers), the
// requests with their snapshot hash and decision, and the digest of a campaign's list that the snapshot
// holds. Each change of a request appends its evidence entry in the same transaction (requested,
// approved, rejected); withdrawing and going stale are kept here and in the audit log only.
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { ApprovalRequest } from './schema-approvals.ts';
import type { EvidenceRecorder } from './evidence/recorder.ts';
import type { ApprovalKind, ApprovalStatus, Requester } from '../core/approval.ts';
import { SET_ASIDE } from './recipients.ts';

const ORGANISATION_ROW = 1;
const DIGEST_BATCH = 5000;

export interface SendingSettings {
  approvalRequired: boolean;
  /** E.164 numbers, as validated when saved. */
  testNumbers: string[];
}

export interface NewApprovalRequest {
  campaignId: number;
  kind: ApprovalKind;
  scheduledAt: number | null;
  note: string | null;
  requester: Requester;
  /** The audit log's actor. */
  actor: string;
  /** The snapshot's canonical JSON (sealed for the ledger) and its SHA-256. */
  snapshot: string;
  snapshotSha256: string;
  recipients: number;
  totalParts: number;
}

export interface Decision {
  status: 'approved' | 'rejected';
  decider: Requester;
  actor: string;
  comment: string | null;
}

const who = (r: Requester) => ({ by: r.kind === 'user' ? r.id : null, ...(r.kind === 'apikey' ? { key: r.id } : {}) });

export function approvalStore(db: Kysely<Database>, now: () => number, evidence: EvidenceRecorder) {
  const byId = (conn: Kysely<Database> | Transaction<Database>, id: number) => conn.selectFrom('approval_requests').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    async settings(): Promise<SendingSettings> {
      const row = await db.selectFrom('organisation_settings').select(['approval_required', 'test_numbers_json']).where('id', '=', ORGANISATION_ROW).executeTakeFirst();
      return { approvalRequired: row?.approval_required === 1, testNumbers: row ? (JSON.parse(row.test_numbers_json) as string[]) : [] };
    },

    /** Changes the two settings; false when the organisation has not been set up yet (no row to hold them). */
    async putSettings(s: SendingSettings): Promise<boolean> {
      const r = await db
        .updateTable('organisation_settings')
        .set({ approval_required: s.approvalRequired ? 1 : 0, test_numbers_json: JSON.stringify(s.testNumbers), updated_at: now() })
        .where('id', '=', ORGANISATION_ROW)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /**
     * SHA-256 over the campaign's list as stored (id, line, keyed phone hash, sealed row) in id order: any
     * row added, removed or corrected changes it. Nothing is decrypted; rows set aside by a replacement count.
     */
    async listDigest(campaignId: number): Promise<{ sha256: string; rows: number }> {
      const hash = createHash('sha256');
      let after = -1;
      let rows = 0;
      for (;;) {
        const page = await db
          .selectFrom('recipients')
          .select(['id', 'line', 'phone_hash', 'fields_enc'])
          .where('campaign_id', '=', campaignId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(DIGEST_BATCH)
          .execute();
        for (const r of page) {
          hash.update(`${r.id}\t${r.line}\t${r.phone_hash}\t${r.fields_enc}\n`);
          if (!r.phone_hash.startsWith(SET_ASIDE)) rows++;
        }
        if (page.length < DIGEST_BATCH) break;
        after = page[page.length - 1]!.id;
      }
      return { sha256: hash.digest('hex'), rows };
    },

    /** A new request; any request of the campaign still pending is withdrawn by it (returned). */
    async create(input: NewApprovalRequest): Promise<{ request: ApprovalRequest; withdrawn: number[] }> {
      return db.transaction().execute(async (trx) => {
        const t = now();
        const withdrawn = await trx
          .updateTable('approval_requests')
          .set({ status: 'withdrawn', decided_at: t, decided_by: input.actor, decided_by_user: input.requester.kind === 'user' ? input.requester.id : null, decided_by_key: input.requester.kind === 'apikey' ? input.requester.id : null })
          .where('campaign_id', '=', input.campaignId)
          .where('status', '=', 'pending')
          .returning('id')
          .execute();
        const request = await trx
          .insertInto('approval_requests')
          .values({
            campaign_id: input.campaignId,
            kind: input.kind,
            scheduled_at: input.scheduledAt,
            note: input.note,
            requested_by_user: input.requester.kind === 'user' ? input.requester.id : null,
            requested_by_key: input.requester.kind === 'apikey' ? input.requester.id : null,
            requested_by: input.actor,
            requested_at: t,
            snapshot_sha256: input.snapshotSha256,
            recipients: input.recipients,
            total_parts: input.totalParts,
            status: 'pending',
            decided_by_user: null,
            decided_by_key: null,
            decided_by: null,
            decided_at: null,
            comment: null,
            sent_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const [content] = await evidence.seal(trx, [input.snapshot]);
        await evidence.append(trx, [
          {
            kind: 'approval.requested',
            campaignId: input.campaignId,
            messageId: null,
            at: t,
            data: { request: request.id, ...who(input.requester), content: content!, recipients: input.recipients, scheduledAt: input.scheduledAt },
          },
        ]);
        return { request, withdrawn: withdrawn.map((w) => w.id) };
      });
    },

    byId: (id: number) => byId(db, id),

    /** Newest first; `status` keeps one state. */
    async list(q: { status?: ApprovalStatus | undefined; campaignId?: number | undefined; limit: number }): Promise<ApprovalRequest[]> {
      let query = db.selectFrom('approval_requests').selectAll().orderBy('id', 'desc').limit(q.limit);
      if (q.status !== undefined) query = query.where('status', '=', q.status);
      if (q.campaignId !== undefined) query = query.where('campaign_id', '=', q.campaignId);
      return query.execute();
    },

    async pendingCount(): Promise<number> {
      const r = await db.selectFrom('approval_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** The campaign's latest request, whatever its state. */
    async latestFor(campaignId: number): Promise<ApprovalRequest | undefined> {
      return db.selectFrom('approval_requests').selectAll().where('campaign_id', '=', campaignId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    },

    /** Approves or rejects a pending request, with its ledger entry; undefined when it was no longer pending. */
    async decide(id: number, d: Decision): Promise<ApprovalRequest | undefined> {
      return db.transaction().execute(async (trx) => {
        const t = now();
        const decided = await trx
          .updateTable('approval_requests')
          .set({
            status: d.status,
            decided_by_user: d.decider.kind === 'user' ? d.decider.id : null,
            decided_by_key: d.decider.kind === 'apikey' ? d.decider.id : null,
            decided_by: d.actor,
            decided_at: t,
            comment: d.comment,
          })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .returningAll()
          .executeTakeFirst();
        if (!decided) return undefined;
        const [comment] = d.comment === null ? [null] : await evidence.seal(trx, [d.comment]);
        await evidence.append(trx, [
          { kind: d.status === 'approved' ? 'approval.approved' : 'approval.rejected', campaignId: decided.campaign_id, messageId: null, at: t, data: { request: id, ...who(d.decider), comment: comment ?? null } },
        ]);
        return decided;
      });
    },

    /** pending (or approved, not yet used) → stale: the campaign changed since it was asked for. */
    async markStale(id: number): Promise<boolean> {
      const r = await db.updateTable('approval_requests').set({ status: 'stale' }).where('id', '=', id).where('status', 'in', ['pending', 'approved']).where('sent_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** pending → withdrawn, by the requester (or another operator). */
    async withdraw(id: number, by: Requester, actor: string): Promise<ApprovalRequest | undefined> {
      return db
        .updateTable('approval_requests')
        .set({ status: 'withdrawn', decided_at: now(), decided_by: actor, decided_by_user: by.kind === 'user' ? by.id : null, decided_by_key: by.kind === 'apikey' ? by.id : null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .returningAll()
        .executeTakeFirst();
    },

    /** The approved request that started the send (once). */
    async markSent(id: number): Promise<void> {
      await db.updateTable('approval_requests').set({ sent_at: now() }).where('id', '=', id).where('sent_at', 'is', null).execute();
    },

    /** The campaign's approved request not yet used to send, if any (the newest). */
    async usable(campaignId: number): Promise<ApprovalRequest | undefined> {
      return db
        .selectFrom('approval_requests')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .where('status', '=', 'approved')
        .where('sent_at', 'is', null)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },
  };
}

export type ApprovalStore = ReturnType<typeof approvalStore>;
