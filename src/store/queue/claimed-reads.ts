// What a worker reads about the messages it just claimed, in one statement: each one's recipient (number
// and fields, sealed in one blob) and whether the number went on the suppression list after the message
// was queued (an opt-out confirmation still goes). Two statements per claim before: one round trip fewer
// for every window a worker refills. On PostgreSQL `take` claims and reads in one statement (claim.ts).
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Dialect } from '../dialect.ts';
import type { ClaimedMessage } from '../../core/queue.ts';
import { claimWithRecipientsPg } from './claim.ts';
import type { Database } from '../schema.ts';
import type { Vault } from '../../core/vault.ts';
import type { Sealed } from '../recipient-seal.ts';
import { CONFIRMATION_KIND } from '../../core/inbound/message-kinds.ts';

export interface ClaimedReads {
  /** Messages whose number is on the suppression list. */
  blocked: Set<number>;
  /** Recipients by id, unsealed. */
  recipients: Map<number, { phone: string; fields: Record<string, string> }>;
}

export function claimedReadStore(db: Kysely<Database>, vault: Vault, dialect: Dialect = 'sqlite', now: () => number = Date.now, pool?: pg.Pool) {
  const unseal = (fieldsEnc: string) => {
    const { phone, fields } = JSON.parse(vault.decrypt(fieldsEnc)) as Sealed;
    return { phone, fields };
  };
  return {
    /**
     * PostgreSQL: claims as messages.claim does and reads the claimed messages as `read` does, in one
     * statement. Undefined on SQLite (its claim and read are prepared statements in the same process).
     */
    take:
      dialect === 'postgres'
        ? async (workerId: string, limit: number, profile: string, route: string | null): Promise<{ messages: ClaimedMessage[] } & ClaimedReads> => {
            const rows = await claimWithRecipientsPg(db, pool, workerId, limit, profile, route, now());
            const out = { messages: rows.map((r) => r.message), blocked: new Set<number>(), recipients: new Map<number, { phone: string; fields: Record<string, string> }>() };
            for (const r of rows) {
              if (r.blocked) out.blocked.add(r.message.id);
              if (r.fieldsEnc !== null && !out.recipients.has(r.message.recipientId)) out.recipients.set(r.message.recipientId, unseal(r.fieldsEnc));
            }
            return out;
          }
        : undefined,


    async read(messageIds: readonly number[]): Promise<ClaimedReads> {
      const out: ClaimedReads = { blocked: new Set(), recipients: new Map() };
      if (messageIds.length === 0) return out;
      const rows = await db
        .selectFrom('messages as m')
        .innerJoin('recipients as r', 'r.id', 'm.recipient_id')
        .select(['m.id', 'r.id as recipientId', 'r.fields_enc'])
        .select(
          sql<number>`case when ${sql.ref('m.kind')} != ${CONFIRMATION_KIND} and exists (select 1 from suppressions s where s.phone_hash = ${sql.ref('r.phone_hash')}) then 1 else 0 end`.as(
            'blocked',
          ),
        )
        .where('m.id', 'in', [...messageIds])
        .execute();
      for (const row of rows) {
        if (Number(row.blocked) === 1) out.blocked.add(row.id);
        if (!out.recipients.has(row.recipientId)) out.recipients.set(row.recipientId, unseal(row.fields_enc));
      }
      return out;
    },
  };
}
