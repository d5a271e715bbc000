// One entry for any bank file: a 全銀協 fixed-width file (振込入金通知 or 入出金取引明細) or a portal's CSV,
// told apart by their first bytes. Pure.
import type { BankAccount, BankFile } from './credit.ts';
import { looksFixedWidth, parseZengin } from './zengin.ts';
import { parsePortalCsv } from './portal-csv.ts';

export function readBankFile(bytes: Uint8Array, today: string, csvAccount: Partial<BankAccount> = {}): BankFile {
  return looksFixedWidth(bytes) ? parseZengin(bytes, today) : parsePortalCsv(bytes, today, csvAccount);
}
