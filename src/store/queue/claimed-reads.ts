// What a worker reads about the messages it just claimed, in one statement: each one's recipient (number
// and fields, sealed in one blob) and whether the number went on the suppression list after the message
// was queued (an opt-out confirmation still goes). Two statements per claim before: one round trip fewer
// for every window a worker refills.
import { sql, type Kysely } from 'kysely';
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

export function claimedReadStore(db: Kysely<Database>, vault: Vault) {
  return {
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
        if (!out.recipients.has(row.recipientId)) {
          const { phone, fields } = JSON.parse(vault.decrypt(row.fields_enc)) as Sealed;
          out.recipients.set(row.recipientId, { phone, fields });
        }
      }
      return out;
    },
  };
}
