// The CSV that banks' web portals export for the same credits (振込入金明細 / 入出金明細 照会結果): UTF-8 or
// Shift_JIS (CP932), sometimes a few lines about the account before the header, one row per transaction.
// Portals name their columns differently, so columns are found by header aliases (日付/入金日/勘定日,
// 金額/入金額, 振込依頼人名, 照会番号, EDI情報 …); a single signed column (入出金) or a 入払区分 column tells
// credits from debits. Rows that cannot be read are listed with their line, not guessed at. Pure.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { TodokuError } from '../errors.ts';
import { headerKey } from '../csv/aliases.ts';
import { bankDate } from './era-date.ts';
import type { BankAccount, BankCredit, BankFile, SkippedRecord } from './credit.ts';

type Column = 'date' | 'credit' | 'debit' | 'signed' | 'direction' | 'payer' | 'description' | 'inquiry' | 'edi' | 'payerCode' | 'remitBank' | 'remitBranch' | 'bank' | 'branch' | 'accountType' | 'account';

/** Header aliases per column, as portals write them (compared through headerKey: width, case, spaces, _ and - do not matter). */
const ALIASES: Record<Column, readonly string[]> = {
  date: ['日付', '入金日', '勘定日', '取引日', '振込日', '年月日', '取扱日', '入金日付', '取引日付', 'お取引日', 'date', 'value_date'],
  credit: ['金額', '入金額', '入金金額', '入金金額(円)', '入金額(円)', '振込金額', 'お預入れ額', 'お預り金額', '預入金額', '入金', 'お預入金額', 'amount', 'credit'],
  debit: ['出金額', '出金金額', '出金金額(円)', '出金額(円)', 'お引出し額', 'お支払金額', '支払金額', '出金', 'debit'],
  signed: ['入出金', '入出金額', '入出金(円)', '入出金額(円)'],
  direction: ['入払区分', '入出金区分', '入出区分'],
  payer: ['振込依頼人名', '振込依頼人', '依頼人名', '依頼人', 'ご依頼人', 'ご依頼人名', '振込人', '振込人名', '振込依頼人名又は契約者番号', 'payer', 'payer_name'],
  description: ['摘要', '摘要内容', '取引内容', '内容', 'お取引内容', '入出金内容', '入出金先内容', 'description', 'memo'],
  inquiry: ['照会番号', '取引番号', '明細番号', '照会No', '照会NO.', '受付番号', 'reference', 'ref'],
  edi: ['EDI情報', 'EDI', 'edi_info'],
  payerCode: ['振込依頼人コード', '依頼人コード'],
  remitBank: ['仕向銀行名', '仕向金融機関名', '仕向銀行'],
  remitBranch: ['仕向店名', '仕向支店名', '仕向店'],
  bank: ['銀行コード', '金融機関コード'],
  branch: ['支店コード', '店番', '店番号'],
  accountType: ['預金種目', '科目', '預金科目'],
  account: ['口座番号'],
};

const BY_KEY = new Map<string, Column>(
  (Object.entries(ALIASES) as [Column, readonly string[]][]).flatMap(([column, aliases]) => aliases.map((a) => [headerKey(a), column] as const)),
);

/** The file as text: UTF-8 (with or without BOM) when it is valid UTF-8, CP932 otherwise. */
export function decodeBankText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'cp932');
  }
}

/** Whole yen from a portal's cell: 12,345 / ¥12,345 / 12345円 / full width; △ ▲ - or (…) negative; null when not a number. */
export function yenCell(cell: string): number | null {
  let s = cell.normalize('NFKC').trim().replace(/[¥\\,\s円]/g, '');
  if (s === '') return null;
  let sign = 1;
  if (/^[△▲-]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  } else if (/^\(.*\)$/.test(s)) {
    sign = -1;
    s = s.slice(1, -1);
  } else if (s.startsWith('+')) s = s.slice(1);
  if (!/^\d+$/.test(s)) return null;
  return sign * Number(s);
}

function refused(ja: string, en: string): TodokuError {
  return new TodokuError('TODOKU_E_BANK_FILE', { ja, en });
}

/** The header row: the first of the first 20 rows with a date column and an amount column. */
function findHeader(rows: string[][]): { index: number; columns: Map<Column, number> } {
  for (const [index, row] of rows.slice(0, 20).entries()) {
    const columns = new Map<Column, number>();
    row.forEach((cell, i) => {
      const column = BY_KEY.get(headerKey(cell));
      if (column && !columns.has(column)) columns.set(column, i);
    });
    if (columns.has('date') && (columns.has('credit') || columns.has('signed'))) return { index, columns };
  }
  throw refused(
    '見出しの行（日付と金額の列）が見つかりません。銀行のサイトから「振込入金明細」か「入出金明細」をCSVで保存したファイルを選んでください',
    'no header row with a date and an amount column: choose the CSV of credits or transactions saved from the bank’s website',
  );
}

/** Strips the word a 摘要 puts before the payer of a transfer (振込 ﾔﾏﾀﾞ ﾀﾛｳ → ﾔﾏﾀﾞ ﾀﾛｳ). */
function payerFromDescription(description: string): string {
  return description.replace(/^\s*(?:振込|ﾌﾘｺﾐ|フリコミ|振込入金|ﾌﾘｺﾐﾆﾕｳｷﾝ)[\s\u3000:：]*/u, '').trim();
}

/**
 * Reads a portal's CSV into credits. `account` fills in the organisation's account when the CSV has no
 * columns for it; `today` (YYYY-MM-DD) decides the era of 和暦 dates. Throws TODOKU_E_BANK_FILE when no
 * header is found; rows it cannot read are `refused` with their line.
 */
export function parsePortalCsv(bytes: Uint8Array, today: string, account: Partial<BankAccount> = {}): BankFile {
  let rows: string[][];
  try {
    rows = parse(decodeBankText(bytes), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true });
  } catch (err) {
    throw refused('CSVとして読めません', `not readable as CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { index: headerIndex, columns } = findHeader(rows);
  const cell = (row: string[], c: Column): string => {
    const i = columns.get(c);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const credits: BankCredit[] = [];
  const skipped: SkippedRecord[] = [];
  const rejected: SkippedRecord[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const line = i + 1;
    if (row.every((c) => c.trim() === '')) continue;
    const dateCell = cell(row, 'date');
    if (dateCell === '' || /合計|小計|total/i.test(row.join(''))) {
      skipped.push({ record: line, reason: { ja: '日付のない行（合計など）です', en: 'a row without a date (a total or a note)' } });
      continue;
    }
    const valueDate = bankDate(dateCell, today);
    if (!valueDate) {
      rejected.push({ record: line, reason: { ja: `日付「${dateCell}」を読めません`, en: `the date "${dateCell}" cannot be read` } });
      continue;
    }
    let amount: number | null;
    if (columns.has('signed')) {
      amount = yenCell(cell(row, 'signed'));
    } else {
      const credit = yenCell(cell(row, 'credit'));
      const debit = yenCell(cell(row, 'debit'));
      amount = credit !== null && credit !== 0 ? credit : debit !== null && debit !== 0 ? -debit : credit;
    }
    const direction = cell(row, 'direction').normalize('NFKC');
    if (direction === '2' || direction === '出金' || direction === '払') amount = amount === null ? null : -Math.abs(amount);
    if (amount === null) {
      rejected.push({ record: line, reason: { ja: '金額を読めません', en: 'the amount cannot be read' } });
      continue;
    }
    if (amount <= 0) {
      skipped.push({ record: line, reason: amount === 0 ? { ja: '金額が0円の行です', en: 'a row of 0 yen' } : { ja: '出金の行です', en: 'a debit' } });
      continue;
    }
    const description = cell(row, 'description');
    credits.push({
      record: line,
      account: {
        bankCode: cell(row, 'bank') || account.bankCode || '',
        branchCode: cell(row, 'branch') || account.branchCode || '',
        accountType: cell(row, 'accountType') || account.accountType || '',
        accountNumber: (cell(row, 'account') || account.accountNumber || '').replace(/^0+(?=\d{7})/, ''),
        bankName: account.bankName ?? '',
        branchName: account.branchName ?? '',
      },
      inquiry: cell(row, 'inquiry'),
      valueDate,
      amount,
      payerCode: cell(row, 'payerCode').replace(/^0+$/, ''),
      payerName: columns.has('payer') ? cell(row, 'payer') : payerFromDescription(description),
      remitBank: cell(row, 'remitBank'),
      remitBranch: cell(row, 'remitBranch'),
      edi: cell(row, 'edi'),
      description,
    });
  }
  return { format: 'csv', credits, skipped, refused: rejected };
}
