// What a bank file says, in our terms: the credits to one of the organisation's accounts (入金), each with
// the bank's own reference (照会番号) and value date (勘定日), the payer as the bank wrote them, and where in
// the file it stood, so that an operator can find it. Pure types, shared by the fixed-width and CSV readers.
import type { Bilingual } from '../errors.ts';

export const BANK_FILE_FORMATS = ['zengin01', 'zengin03', 'csv'] as const;
/** 振込入金通知 (種別コード 01), 入出金取引明細 (種別コード 03), or a portal's CSV of either. */
export type BankFileFormat = (typeof BANK_FILE_FORMATS)[number];

/**
 * What became of a stored credit. matched: applied to a message's payment; unmatched: waiting for an
 * operator; not_ours: an operator set it aside; duplicate: the same credit came in a file of the other kind.
 */
export const BANK_TRANSFER_STATES = ['matched', 'unmatched', 'not_ours', 'duplicate'] as const;
export type BankTransferState = (typeof BANK_TRANSFER_STATES)[number];

/** The organisation's account the money came into. */
export interface BankAccount {
  bankCode: string;
  branchCode: string;
  /** 預金種目: 1 普通, 2 当座, 4 貯蓄 … ('' when the file does not say). */
  accountType: string;
  accountNumber: string;
  /** As the file writes them (half-width kana); '' when it does not. */
  bankName: string;
  branchName: string;
}

export interface BankCredit {
  /** Record number in a fixed-width file (1 = the first header), or line number in a CSV (1 = its header line). */
  record: number;
  account: BankAccount;
  /** 照会番号: the bank's reference of the credit ('' in a CSV that has none). */
  inquiry: string;
  /** 勘定日, YYYY-MM-DD. */
  valueDate: string;
  /** Whole yen, > 0. */
  amount: number;
  /** 振込依頼人コード ('' when none or all zeros). */
  payerCode: string;
  /** 振込依頼人名 as written (trimmed). */
  payerName: string;
  /** 仕向銀行名 / 仕向店名 (the payer's bank), as written. */
  remitBank: string;
  remitBranch: string;
  /** EDI情報 (金融EDI), trimmed. */
  edi: string;
  /** 摘要 (入出金取引明細 only), trimmed. */
  description: string;
}

/** A record read but not a credit to reconcile (a debit, a correction, a cancelled notice …). */
export interface SkippedRecord {
  record: number;
  reason: Bilingual;
}

export interface BankFile {
  format: BankFileFormat;
  credits: BankCredit[];
  /** Read and set aside on purpose (debits, corrections, totals lines …). */
  skipped: SkippedRecord[];
  /** Rows that could not be read (a CSV row without a date or an amount); a fixed-width file has none: it is refused whole. */
  refused: SkippedRecord[];
}
