// Test sends: a campaign's message, filled from one row of its list, queued to one of the organisation's
// own test numbers (sealed in test_to_enc, sent there instead of the row's number). Kind 'test' keeps
// it out of the campaign's figures; its `send.confirmed` entry (test: true) is appended in the same
// transaction as the message. Its text links to no page (the preview's placeholder code): a test send
// leaves no trace in the campaign's funnel.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { EvidenceRecorder } from './evidence/recorder.ts';
import { TEST_KIND } from '../core/inbound/message-kinds.ts';
import { SET_ASIDE } from './recipients.ts';

export interface TestRow {
  id: number;
  line: number;
  fields: Record<string, string>;
}

export function testSendStore(db: Kysely<Database>, vault: Vault, now: () => number, evidence: EvidenceRecorder) {
  return {
    /** The list's row at `line`, or its first row when no line is given. */
    async row(campaignId: number, line: number | undefined): Promise<TestRow | undefined> {
      let q = db.selectFrom('recipients').select(['id', 'line', 'fields_enc']).where('campaign_id', '=', campaignId).where('phone_hash', 'not like', `${SET_ASIDE}%`);
      q = line === undefined ? q.orderBy('line').orderBy('id').limit(1) : q.where('line', '=', line).limit(1);
      const r = await q.executeTakeFirst();
      if (!r) return undefined;
      const sealed = JSON.parse(vault.decrypt(r.fields_enc)) as { fields: Record<string, string> };
      return { id: r.id, line: r.line, fields: sealed.fields };
    },

    /** Where test messages went (the organisation's test numbers), by message id; other messages are left out. */
    destinations(messages: readonly { id: number; test_to_enc: string | null }[]): Map<number, string> {
      return new Map(messages.flatMap((m) => (m.test_to_enc ? [[m.id, vault.decrypt(m.test_to_enc)] as const] : [])));
    },

    /** Queues one test message per number, each the next step (seq) of the row's messages; their ids, in order. */
    async queue(campaignId: number, row: TestRow, numbers: readonly string[], text: string, by: { by: number | null; key?: number }): Promise<number[]> {
      return db.transaction().execute(async (trx) => {
        const ids: number[] = [];
        const t = now();
        for (const to of numbers) {
          const top = await trx.selectFrom('messages').select((eb) => eb.fn.max('seq').as('seq')).where('campaign_id', '=', campaignId).where('recipient_id', '=', row.id).executeTakeFirst();
          const inserted = await trx
            .insertInto('messages')
            .values({
              campaign_id: campaignId,
              recipient_id: row.id,
              seq: top?.seq === null || top?.seq === undefined ? 1 : Number(top.seq) + 1,
              kind: TEST_KIND,
              state: 'queued',
              next_attempt_at: t,
              body_enc: vault.encrypt(text),
              to_hash: vault.blindIndex(to),
              test_to_enc: vault.encrypt(to),
              created_at: t,
              updated_at: t,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(inserted.id);
        }
        await evidence.append(
          trx,
          ids.map((id) => ({ kind: 'send.confirmed' as const, campaignId, messageId: id, at: t, data: { ...by, scheduledAt: null, test: true, approval: null } })),
        );
        return ids;
      });
    },
  };
}

export type TestSendStore = ReturnType<typeof testSendStore>;
