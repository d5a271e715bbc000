// Money an operator records by hand (窓口・現金・振込・口座振替 …): each entry kept (how, the day, the note
// sealed) and applied to the message's payment in the same transaction through creditReceived, the one
// "mark paid" of every way money comes in (the payment.succeeded webhook with provider "operator" and the
// ledger entry come with it). An entry that would take the total past what is owed is refused unless the
// operator says it is an overpayment, decided on the row as read in that transaction.
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './schema.ts';
import type { Vault } from '../core/vault.ts';
import type { PaymentMarkTable } from './schema-payment-marks.ts';
import type { PaymentState } from './schema-recipient-actions.ts';
import { creditReceived, paymentWritten, type PaymentOutputs } from './payments.ts';
import { canonicalJson } from '../core/evidence/entry.ts';
import { exceedsOwed, OPERATOR_PROVIDER, type PaymentMarkMethod } from '../core/payment-marks.ts';

export interface PaymentMarkRow {
  id: number;
  campaignId: number;
  messageId: number;
  amount: number;
  method: PaymentMarkMethod;
  paidAt: number;
  note: string | null;
  overpayment: boolean;
  actor: string;
  createdAt: number;
}

export interface PaymentMarkInput {
  campaignId: number;
  messageId: number;
  /** What the list says is owed (for a message without a payments row yet); null: no amount on the list. */
  listAmount: number | null;
  /** Yen received; null: what is still owed. */
  amount: number | null;
  method: PaymentMarkMethod;
  paidAt: number;
  note: string | null;
  overpayment: boolean;
  actor: string;
}

export type PaymentMarkOutcome =
  | { outcome: 'recorded'; mark: PaymentMarkRow; owedBefore: number | null; received: number; owed: number | null; state: PaymentState; becamePaid: boolean }
  | { outcome: 'exceeds'; owed: number | null; received: number; paid: boolean }
  | { outcome: 'no_amount' };

export function paymentMarkStore(db: Kysely<Database>, vault: Vault, now: () => number, out: PaymentOutputs) {
  const toRow = (r: Selectable<PaymentMarkTable>): PaymentMarkRow => ({
    id: Number(r.id),
    campaignId: Number(r.campaign_id),
    messageId: Number(r.message_id),
    amount: Number(r.amount),
    method: r.method,
    paidAt: Number(r.paid_at),
    note: r.note_enc === null ? null : vault.decrypt(r.note_enc),
    overpayment: Number(r.overpayment) === 1,
    actor: r.actor,
    createdAt: Number(r.created_at),
  });

  return {
    /** Records an entry and applies it to the message's payment, or says why not (nothing written then). */
    async record(input: PaymentMarkInput): Promise<PaymentMarkOutcome> {
      const outcome = await db.transaction().execute(async (trx): Promise<PaymentMarkOutcome> => {
        const t = now();
        const p = await trx.selectFrom('payments').select(['state', 'amount', 'paid_amount']).where('message_id', '=', input.messageId).executeTakeFirst();
        const owed = p ? Number(p.amount) : input.listAmount;
        const received = p?.paid_amount == null ? 0 : Number(p.paid_amount);
        const paid = p?.state === 'paid';
        const still = owed === null ? null : Math.max(owed - received, 0);
        const amount = input.amount ?? (paid ? null : still);
        if (amount === null || amount <= 0) return { outcome: 'no_amount' };
        if (!input.overpayment && exceedsOwed({ owed, received, paid }, amount)) return { outcome: 'exceeds', owed, received, paid };
        const inserted = await trx
          .insertInto('payment_marks')
          .values({
            campaign_id: input.campaignId,
            message_id: input.messageId,
            amount,
            method: input.method,
            paid_at: input.paidAt,
            note_enc: input.note === null ? null : vault.encrypt(input.note),
            overpayment: input.overpayment ? 1 : 0,
            actor: input.actor,
            created_at: t,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = Number(inserted.id);
        const result = await creditReceived(trx, out, {
          campaignId: input.campaignId,
          messageId: input.messageId,
          listAmount: input.listAmount,
          amount,
          currency: 'jpy',
          provider: OPERATOR_PROVIDER,
          providerEventId: `operator-mark-${id}`,
          reference: canonicalJson({ provider: OPERATOR_PROVIDER, mark: id, method: input.method }),
          at: input.paidAt,
          recordedAt: t,
        });
        const row = await trx.selectFrom('payment_marks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return { outcome: 'recorded', mark: toRow(row), owedBefore: owed === null ? null : owed - received, ...result };
      });
      if (outcome.outcome === 'recorded') paymentWritten(db, input.messageId);
      return outcome;
    },

    /** A message's entries, oldest first. */
    async byMessage(messageId: number): Promise<PaymentMarkRow[]> {
      return (await db.selectFrom('payment_marks').selectAll().where('message_id', '=', messageId).orderBy('id').execute()).map(toRow);
    },

    /** The latest entry's method per message (an export page). */
    async methods(messageIds: readonly number[]): Promise<Map<number, PaymentMarkMethod>> {
      if (messageIds.length === 0) return new Map();
      const rows = await db.selectFrom('payment_marks').select(['message_id', 'method', 'id']).where('message_id', 'in', [...messageIds]).orderBy('id').execute();
      return new Map(rows.map((r) => [Number(r.message_id), r.method]));
    },
  };
}

export type PaymentMarkStore = ReturnType<typeof paymentMarkStore>;
