// The 全銀協 fixed-width files of credits to an account: 振込入金通知 (種別コード 01) and 入出金取引明細
// (種別コード 03). Records of 200 bytes, JIS8 (ASCII and half-width katakana, one byte each), one after
// the other or each followed by CR/LF: a header (データ区分 1), data records (2), a trailer (8) per account,
// and one end record (9). Numbers are right-aligned with zeros, text left-aligned with spaces, dates 和暦
// YYMMDD. A trailer's count and total must add up, or the file is refused naming the record: a file cut
// short or edited by hand is never half applied.
//
// Field positions (byte offsets from 0) as the banks publish the 全銀協 layouts, e.g. 阿波銀行
// 「振込入金通知（全銀協制定フォーマット）」 http://www.awabank.co.jp/houjin/service/fb/zengin/tsuchi/ and
// きらぼし銀行 「入出金明細（全銀）明細ファイル・フォーマット（全銀協規定形式）」 (2018-05-01):
//   01 header   区分1 種別2 コード区分1 作成日6 勘定日(自)6 (至)6 銀行4 銀行名15 支店3 支店名15 預金種目1
//               口座番号7 口座名40 ダミー93
//   01 data     区分1 照会番号6 勘定日6 起算日6 金額10 うち他店券10 振込依頼人コード10 振込依頼人名48
//               仕向銀行名15 仕向店名15 取消区分1 EDI情報20 ダミー52
//   01 trailer  区分1 振込件数6 振込金額12 取消件数6 取消金額12 ダミー163
//   03 header   区分1 種別2 コード区分1 作成日6 勘定日(自)6 (至)6 銀行4 銀行名15 支店3 支店名15 ダミー3
//               預金種目1 口座番号10 口座名40 貸越区分1 通帳・証書区分1 取引前残高14 ダミー71
//   03 data     区分1 照会番号8 勘定日6 預入払出日6 入払区分1 取引区分2 取引金額12 うち他店券12 交換呈示日6
//               不渡返還日6 手形小切手区分1 手形小切手番号7 僚店番号3 振込依頼人コード10 振込依頼人名48
//               仕向銀行名15 仕向店名15 摘要内容20 EDI情報20 ダミー1
//   03 trailer  区分1 入金件数6 入金額合計13 出金件数6 出金額合計13 貸越区分1 取引後残高14 データ件数7 ダミー139
//   end         区分9 (03: レコード総件数10 口座数5) ダミー
import iconv from 'iconv-lite';
import { TodokuError, type Bilingual } from '../errors.ts';
import { warekiYymmdd } from './era-date.ts';
import type { BankAccount, BankCredit, BankFile, SkippedRecord } from './credit.ts';

export const RECORD_BYTES = 200;

type Kind = '01' | '03';

/** A field: byte offset and length. */
type Field = readonly [offset: number, length: number];

const H01 = { created: [4, 6], bank: [22, 4], bankName: [26, 15], branch: [41, 3], branchName: [44, 15], type: [59, 1], account: [60, 7] } as const satisfies Record<string, Field>;
const H03 = { created: [4, 6], bank: [22, 4], bankName: [26, 15], branch: [41, 3], branchName: [44, 15], type: [62, 1], account: [63, 10] } as const satisfies Record<string, Field>;
const D01 = {
  inquiry: [1, 6], valueDate: [7, 6], amount: [19, 10], payerCode: [39, 10], payerName: [49, 48], remitBank: [97, 15], remitBranch: [112, 15], cancelled: [127, 1], edi: [128, 20],
} as const satisfies Record<string, Field>;
const D03 = {
  inquiry: [1, 8], valueDate: [9, 6], direction: [21, 1], txKind: [22, 2], amount: [24, 12], payerCode: [71, 10], payerName: [81, 48], remitBank: [129, 15], remitBranch: [144, 15], description: [159, 20], edi: [179, 20],
} as const satisfies Record<string, Field>;
const T01 = { count: [1, 6], total: [7, 12], cancelCount: [19, 6], cancelTotal: [25, 12] } as const satisfies Record<string, Field>;
const T03 = { creditCount: [1, 6], creditTotal: [7, 13], debitCount: [20, 6], debitTotal: [26, 13], records: [54, 7] } as const satisfies Record<string, Field>;

/** 取引区分 of 入出金取引明細. */
const TX_TRANSFER = '11';
const TX_CORRECTION = '19';

function refused(record: number | null, ja: string, en: string): TodokuError {
  const where = record === null ? { ja: '', en: '' } : { ja: `${record}件目のレコード: `, en: `record ${record}: ` };
  return new TodokuError('TODOKU_E_BANK_FILE', { ja: `${where.ja}${ja}`, en: `${where.en}${en}` }, record === null ? undefined : { record });
}

/** The file's bytes as 200-byte records, whether or not each is followed by CR/LF; numbered from 1. */
export function splitRecords(bytes: Uint8Array): Uint8Array[] {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x1a || bytes[end - 1] === 0x00)) end--; // DOS end-of-file marks, padding
  const body = bytes.subarray(0, end);
  const hasBreaks = body.includes(0x0a) || body.includes(0x0d);
  const records: Uint8Array[] = [];
  if (!hasBreaks) {
    if (body.length % RECORD_BYTES !== 0) {
      const n = Math.floor(body.length / RECORD_BYTES) + 1;
      throw refused(n, `1レコード200バイトになっていません（ファイルが${body.length}バイトで、最後のレコードが${body.length % RECORD_BYTES}バイトです）`, `records are not 200 bytes each (the file has ${body.length} bytes; the last record has ${body.length % RECORD_BYTES})`);
    }
    for (let i = 0; i < body.length; i += RECORD_BYTES) records.push(body.subarray(i, i + RECORD_BYTES));
    return records;
  }
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== 0x0a && body[i] !== 0x0d) continue;
    const line = body.subarray(start, i);
    if (i < body.length && body[i] === 0x0d && body[i + 1] === 0x0a) i++;
    start = i + 1;
    if (line.length === 0) continue;
    if (line.length !== RECORD_BYTES) {
      throw refused(records.length + 1, `1行が200バイトではありません（${line.length}バイト）`, `a line is not 200 bytes (${line.length} bytes)`);
    }
    records.push(line);
  }
  return records;
}

const text = (r: Uint8Array, [o, n]: Field): string => iconv.decode(Buffer.from(r.subarray(o, o + n)), 'cp932').replace(/[\s\u3000]+$/u, '').replace(/^[\s\u3000]+/u, '');
const raw = (r: Uint8Array, [o, n]: Field): string => Buffer.from(r.subarray(o, o + n)).toString('latin1');

function digits(r: Uint8Array, f: Field, record: number, what: Bilingual): number {
  const s = raw(r, f);
  // Some banks leave unused numeric fields blank: spaces read as zero.
  if (/^ +$/.test(s)) return 0;
  if (!/^\d+$/.test(s)) throw refused(record, `${what.ja}が数字ではありません（「${s.trim()}」）`, `${what.en} is not a number ("${s.trim()}")`);
  return Number(s);
}

function date(r: Uint8Array, f: Field, record: number, today: string, what: Bilingual): string {
  const s = raw(r, f);
  const iso = warekiYymmdd(s, today);
  if (!iso) throw refused(record, `${what.ja}が和暦の年月日（YYMMDD）ではありません（「${s}」）`, `${what.en} is not a Japanese-era date YYMMDD ("${s}")`);
  return iso;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  '11': '給与振込', '12': '賞与振込', '21': '総合振込', '91': '口座振替', '71': '給与振込（公務員）', '72': '賞与振込（公務員）',
};

function headerOf(r: Uint8Array, record: number): { kind: Kind; account: BankAccount } {
  const kind = raw(r, [1, 2]);
  if (kind !== '01' && kind !== '03') {
    const name = KIND_NAMES[kind];
    throw refused(
      record,
      `種別コード「${kind}」${name ? `（${name}）` : ''}のファイルです。振込入金通知（01）か入出金取引明細（03）のファイルを選んでください`,
      `this file has 種別コード "${kind}"; choose a 振込入金通知 (01) or 入出金取引明細 (03) file`,
    );
  }
  if (raw(r, [3, 1]) === '1') throw refused(record, 'EBCDICのファイルには対応していません。JISコードで受け取ってください', 'EBCDIC files are not supported: download the file in JIS code');
  const h = kind === '01' ? H01 : H03;
  return {
    kind,
    account: {
      bankCode: raw(r, h.bank),
      branchCode: raw(r, h.branch),
      accountType: raw(r, h.type).trim(),
      accountNumber: raw(r, h.account).trim().replace(/^0+(?=\d{7})/, ''),
      bankName: text(r, h.bankName),
      branchName: text(r, h.branchName),
    },
  };
}

const nonZero = (s: string): string => (/^0*$/.test(s) ? '' : s);

interface Group {
  kind: Kind;
  account: BankAccount;
  header: number;
  credits: { count: number; total: number };
  debits: { count: number; total: number };
  records: number;
}

function checkTrailer(r: Uint8Array, record: number, g: Group): void {
  const mismatch = (ja: string, en: string, stated: number, counted: number) =>
    refused(record, `トレーラの${ja}（${stated}）がデータレコードの合計（${counted}）と合いません`, `the trailer's ${en} (${stated}) does not match the data records (${counted})`);
  const check = (f: Field, counted: number, ja: string, en: string) => {
    const stated = digits(r, f, record, { ja: `トレーラの${ja}`, en: `the trailer's ${en}` });
    if (stated !== counted) throw mismatch(ja, en, stated, counted);
  };
  if (g.kind === '01') {
    check(T01.count, g.credits.count, '振込件数', 'count of credits');
    check(T01.total, g.credits.total, '振込金額', 'total of credits');
    check(T01.cancelCount, g.debits.count, '取消件数', 'count of cancellations');
    check(T01.cancelTotal, g.debits.total, '取消金額', 'total of cancellations');
  } else {
    check(T03.creditCount, g.credits.count, '入金件数', 'count of credits');
    check(T03.creditTotal, g.credits.total, '入金額合計', 'total of credits');
    check(T03.debitCount, g.debits.count, '出金件数', 'count of debits');
    check(T03.debitTotal, g.debits.total, '出金額合計', 'total of debits');
    const stated = raw(r, T03.records);
    if (/^\d+$/.test(stated) && Number(stated) !== 0 && Number(stated) !== g.records) throw mismatch('データレコード件数', 'count of data records', Number(stated), g.records);
  }
}

/** Whether the bytes look like a 全銀 fixed-width file at all (before trying it as a CSV). */
export function looksFixedWidth(bytes: Uint8Array): boolean {
  const first = bytes.subarray(0, RECORD_BYTES);
  return first.length === RECORD_BYTES && first[0] === 0x31 && !first.includes(0x0a) && !first.includes(0x0d) && !first.includes(0x2c) && /^\d{3}/.test(raw(first, [1, 3]));
}

/**
 * Reads a 振込入金通知 or 入出金取引明細 file into its credits. `today` (YYYY-MM-DD) decides the era of
 * the dates. Throws TODOKU_E_BANK_FILE naming the record when the file is not one, is cut short, or a
 * trailer does not add up.
 */
export function parseZengin(bytes: Uint8Array, today: string): BankFile {
  const records = splitRecords(bytes);
  if (records.length === 0) throw refused(null, 'ファイルが空です', 'the file is empty');
  const credits: BankCredit[] = [];
  const skipped: SkippedRecord[] = [];
  let group: Group | null = null;
  let format: Kind | null = null;
  let ended = false;
  for (const [i, r] of records.entries()) {
    const n = i + 1;
    const type = String.fromCharCode(r[0]!);
    if (ended) {
      if (r.every((b) => b === 0x20)) continue;
      throw refused(n, 'エンドレコードの後にレコードがあります', 'records follow the end record');
    }
    if (type === '1') {
      if (group) throw refused(n, '前の口座のトレーラレコードがないまま次のヘッダーレコードがあります', 'a header record comes before the previous account’s trailer');
      const h = headerOf(r, n);
      if (format && h.kind !== format) throw refused(n, '振込入金通知と入出金取引明細が1つのファイルに混ざっています', 'the file mixes 振込入金通知 and 入出金取引明細');
      format = h.kind;
      group = { kind: h.kind, account: h.account, header: n, credits: { count: 0, total: 0 }, debits: { count: 0, total: 0 }, records: 0 };
    } else if (type === '2') {
      if (!group) throw refused(n, 'ヘッダーレコードの前にデータレコードがあります', 'a data record comes before any header record');
      group.records++;
      const read = group.kind === '01' ? dataOf01(r, n, group, today) : dataOf03(r, n, group, today);
      if ('credit' in read) credits.push(read.credit);
      else skipped.push(read.skipped);
    } else if (type === '8') {
      if (!group) throw refused(n, 'ヘッダーレコードのないトレーラレコードがあります', 'a trailer record without a header record');
      checkTrailer(r, n, group);
      group = null;
    } else if (type === '9') {
      if (group) throw refused(n, 'トレーラレコードがないままエンドレコードがあります', 'the end record comes before the trailer record');
      if (!format) throw refused(n, 'ヘッダーレコードがありません', 'there is no header record');
      ended = true;
    } else {
      throw refused(n, `データ区分「${type}」は全銀協フォーマットのレコードではありません`, `data kind "${type}" is not a 全銀協 record`);
    }
  }
  if (!ended) {
    throw refused(records.length, 'エンドレコード（データ区分9）がありません。ファイルが途中で切れていないか確かめてください', 'there is no end record (data kind 9): the file may be cut short');
  }
  return { format: format === '01' ? 'zengin01' : 'zengin03', credits, skipped, refused: [] };
}

const ZERO: Bilingual = { ja: '金額が0円の明細です', en: 'a credit of 0 yen' };

type Read = { credit: BankCredit } | { skipped: SkippedRecord };

function dataOf01(r: Uint8Array, n: number, g: Group, today: string): Read {
  const amount = digits(r, D01.amount, n, { ja: '金額', en: 'the amount' });
  const valueDate = date(r, D01.valueDate, n, today, { ja: '勘定日', en: 'the value date' });
  if (raw(r, D01.cancelled) === '1') {
    g.debits.count++;
    g.debits.total += amount;
    return { skipped: { record: n, reason: { ja: '取消（組戻し）の通知です。消込は手で確かめてください', en: 'a cancellation (組戻し) notice: check it by hand' } } };
  }
  g.credits.count++;
  g.credits.total += amount;
  if (amount === 0) return { skipped: { record: n, reason: ZERO } };
  return {
    credit: {
      record: n,
      account: g.account,
      inquiry: raw(r, D01.inquiry),
      valueDate,
      amount,
      payerCode: nonZero(raw(r, D01.payerCode).trim()),
      payerName: text(r, D01.payerName),
      remitBank: text(r, D01.remitBank),
      remitBranch: text(r, D01.remitBranch),
      edi: text(r, D01.edi),
      description: '',
    },
  };
}

function dataOf03(r: Uint8Array, n: number, g: Group, today: string): Read {
  const amount = digits(r, D03.amount, n, { ja: '取引金額', en: 'the amount' });
  const direction = raw(r, D03.direction);
  const txKind = raw(r, D03.txKind);
  const valueDate = date(r, D03.valueDate, n, today, { ja: '勘定日', en: 'the value date' });
  if (direction === '2') {
    g.debits.count++;
    g.debits.total += amount;
    return { skipped: { record: n, reason: { ja: '出金の明細です', en: 'a debit' } } };
  }
  if (direction !== '1') throw refused(n, `入払区分「${direction}」は入金（1）でも出金（2）でもありません`, `入払区分 "${direction}" is neither a credit (1) nor a debit (2)`);
  g.credits.count++;
  g.credits.total += amount;
  const payerName = text(r, D03.payerName);
  if (amount === 0) return { skipped: { record: n, reason: ZERO } };
  if (txKind === TX_CORRECTION) return { skipped: { record: n, reason: { ja: '訂正の明細です', en: 'a correction' } } };
  if (txKind !== TX_TRANSFER && payerName === '') {
    return { skipped: { record: n, reason: { ja: `振込ではない入金です（取引区分${txKind}、振込依頼人名なし）`, en: `a credit that is not a transfer (取引区分 ${txKind}, no payer name)` } } };
  }
  return {
    credit: {
      record: n,
      account: g.account,
      inquiry: raw(r, D03.inquiry),
      valueDate,
      amount,
      payerCode: nonZero(raw(r, D03.payerCode).trim()),
      payerName,
      remitBank: text(r, D03.remitBank),
      remitBranch: text(r, D03.remitBranch),
      edi: text(r, D03.edi),
      description: text(r, D03.description),
    },
  };
}
