// Table shape of migration 0021: money an operator recorded by hand.
import type { Generated } from 'kysely';
import type { PaymentMarkMethod } from '../core/payment-marks.ts';

export interface PaymentMarkTable {
  id: Generated<number>;
  campaign_id: number;
  message_id: number;
  /** Yen received in this entry. */
  amount: number;
  method: PaymentMarkMethod;
  /** When the money was received (the operator's date), ms. */
  paid_at: number;
  /** The operator's note, sealed by the vault. */
  note_enc: string | null;
  /** 1 when the operator confirmed it takes the total past what is owed. */
  overpayment: number;
  actor: string;
  created_at: number;
}

export interface PaymentMarkTables {
  payment_marks: PaymentMarkTable;
}
