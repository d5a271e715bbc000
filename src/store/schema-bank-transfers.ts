// Table shapes of migration 0018: bank transfers read from the bank's files (入金消込).
import type { Generated } from 'kysely';
import type { BankFileFormat, BankTransferState } from '../core/bank/credit.ts';
import type { Balance, MatchRule, UnmatchedReason } from '../core/bank/match.ts';

export type { BankTransferState };

export interface BankTransferTable {
  id: Generated<number>;
  bank_code: string;
  branch_code: string;
  account_type: string;
  account_number: string;
  /** 照会番号; for a CSV row without one, a keyed hash of the row (same row, same key). */
  inquiry: string;
  /** 勘定日 YYYY-MM-DD. */
  value_date: string;
  amount: number;
  format: BankFileFormat;
  /** Where it stood in its file: record number (fixed width) or line (CSV). */
  record: number;
  file_sha256: string;
  /** 振込依頼人名, sealed. */
  payer_enc: string;
  /** EDI情報, sealed (null when empty). */
  edi_enc: string | null;
  /** JSON {payerCode, remitBank, remitBranch, description}, sealed. */
  details_enc: string;
  /** Blind index of the payer's normalised kana name (duplicates across files), null when no name. */
  payer_key: string | null;
  state: BankTransferState;
  /** Why it is unmatched (core/bank/match.ts), or 'duplicate'. */
  reason: UnmatchedReason | 'duplicate' | null;
  rule: MatchRule | null;
  /** Message ids the rules found but could not choose between (JSON array). */
  candidates_json: string | null;
  duplicate_of: number | null;
  campaign_id: number | null;
  message_id: number | null;
  recipient_id: number | null;
  /** What the person still owed when this credit was applied (null: the list had no amount). */
  owed: number | null;
  balance: Balance | null;
  /** Owed after this credit: > 0 still owed (partial), < 0 paid over. */
  remaining: number | null;
  imported_at: number;
  /** The audit actor who imported the file. */
  imported_by: string;
  resolved_at: number | null;
  resolved_by: string | null;
}

export interface BankTransferTables {
  bank_transfers: BankTransferTable;
}
