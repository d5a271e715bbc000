// Money an operator records by hand (窓口・現金・振込・口座振替 …): how it came in, and what such an entry
// may do to a debt. Pure: the store applies it, this decides whether it may.
export const PAYMENT_MARK_METHODS = ['counter', 'cash', 'transfer', 'other'] as const;
export type PaymentMarkMethod = (typeof PAYMENT_MARK_METHODS)[number];

/** The provider name of money an operator recorded (payment.succeeded webhooks, the payments row, the ledger). */
export const OPERATOR_PROVIDER = 'operator';

/**
 * Whether a manual entry of `amount` may be recorded against what is owed and received so far: one that
 * takes the total past what is owed (or adds to a debt already paid) needs the operator to say it is an
 * overpayment. `owed` null: the list has no amount, anything goes.
 */
export function exceedsOwed(p: { owed: number | null; received: number; paid: boolean }, amount: number): boolean {
  if (p.paid) return true;
  return p.owed !== null && p.received + amount > p.owed;
}
