// Table shapes of migration 0020: what recipients ask for on their page (a promise to pay, instalments,
// a dispute, "not me"), the numbers reported as reaching the wrong person, and each campaign's choice of
// which of those its page offers.
import type { Generated, Selectable } from 'kysely';
import type { DebtorActionKind, DebtorActionState } from '../core/debtor-actions.ts';

export type { DebtorActionKind, DebtorActionState };

export interface DebtorActionTable {
  id: Generated<number>;
  campaign_id: number;
  recipient_id: number;
  /** The message whose page the person used. */
  message_id: number;
  kind: DebtorActionKind;
  /** YYYY-MM-DD: the date the person promised to pay by (promise only). */
  promised_date: string | null;
  /** Yen: the amount promised (optional), or null. */
  amount: number | null;
  /** Yen: the preferred monthly amount (instalment only). */
  monthly_amount: number | null;
  /** The person's free text, sealed by the vault. */
  note_enc: string | null;
  state: DebtorActionState;
  created_at: number;
  /** When it left 'open' (kept, broken, resolved, dismissed, superseded). */
  resolved_at: number | null;
  /** The audit actor who resolved it ('system' for kept / broken / superseded). */
  resolved_by: string | null;
  /** The operator's note on the review, sealed. */
  resolution_note_enc: string | null;
}

/** A number someone reported as not theirs: imports reject it (`misdelivered`) until an operator removes it. */
export interface MisdeliveredNumberTable {
  id: Generated<number>;
  /** Blind index of the E.164 number, as recipients.phone_hash and suppressions. */
  phone_hash: string;
  reported_at: number;
  campaign_id: number;
  message_id: number;
  /** When an operator removed it from the list (null: still listed). */
  removed_at: number | null;
  removed_by: string | null;
}

/** Per campaign: which self-service actions the page offers (no row: the defaults in core/debtor-actions.ts). */
export interface SelfServiceSettingsTable {
  campaign_id: number;
  promise: number;
  promise_max_days: number;
  promise_grace_days: number;
  instalment: number;
  dispute: number;
  not_me: number;
  updated_at: number;
}

export interface DebtorActionTables {
  debtor_actions: DebtorActionTable;
  misdelivered_numbers: MisdeliveredNumberTable;
  self_service_settings: SelfServiceSettingsTable;
}

export type DebtorAction = Selectable<DebtorActionTable>;
export type MisdeliveredNumber = Selectable<MisdeliveredNumberTable>;
