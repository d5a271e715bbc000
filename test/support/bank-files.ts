// Bank files made by code, for tests and the README's sample (scripts/sample-bank-file.ts): 全銀協
// 振込入金通知 (01) and 入出金取引明細 (03) written field by field in the order and widths the banks publish
// (independently of the parser's offsets, so a wrong offset there fails here), in JIS8/CP932 bytes, with
// or without CR/LF; and a portal's CSV of the same credits. All names and numbers are fictional.
import iconv from 'iconv-lite';

export interface SampleAccount {
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType: string;
  accountNumber: string;
  accountName: string;
}

export interface SampleCredit {
  inquiry: string;
  /** YYYY-MM-DD */
  date: string;
  amount: number;
  payerName: string;
  payerCode?: string;
  remitBank?: string;
  remitBranch?: string;
  edi?: string;
  /** 01 only: a cancellation (取消区分 1). */
  cancelled?: boolean;
  /** 03 only: a debit (入払区分 2) or another 取引区分 than 11 振込. */
  debit?: boolean;
  txKind?: string;
  description?: string;
}

export const SAMPLE_ACCOUNT: SampleAccount = {
  bankCode: '0001',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳｴｲｷﾞﾖｳﾌﾞ',
  accountType: '1',
  accountNumber: '1234567',
  accountName: 'ﾄｳﾄﾀﾞｲｶﾞｸ',
};

/** 和暦 YYMMDD: 令和 from 2019-05-01, 平成 before. */
export function wareki(iso: string): string {
  const [y, m, d] = iso.split('-');
  const year = iso >= '2019-05-01' ? Number(y) - 2018 : Number(y) - 1988;
  return `${String(year).padStart(2, '0')}${m}${d}`;
}

type Cell = readonly [kind: 'N' | 'C', width: number, value: string | number];

/** One record: numbers right-aligned with zeros, text left-aligned with spaces, in CP932 bytes; checks 200 bytes. */
function record(cells: readonly Cell[]): Buffer {
  const parts = cells.map(([kind, width, value]) => {
    if (kind === 'N') {
      const s = String(value);
      if (s.length > width) throw new Error(`${s} is wider than ${width}`);
      return Buffer.from(s.padStart(width, '0'), 'latin1');
    }
    const bytes = iconv.encode(String(value), 'cp932');
    if (bytes.length > width) throw new Error(`${String(value)} is wider than ${width} bytes`);
    return Buffer.concat([bytes, Buffer.alloc(width - bytes.length, 0x20)]);
  });
  const out = Buffer.concat(parts);
  if (out.length !== 200) throw new Error(`a record of ${out.length} bytes`);
  return out;
}

const blank = (width: number): Cell => ['C', width, ''];

function header(kind: '01' | '03', a: SampleAccount, from: string, to: string): Buffer {
  const common: Cell[] = [['N', 1, 1], ['N', 2, kind], ['N', 1, 0], ['N', 6, wareki(to)], ['N', 6, wareki(from)], ['N', 6, wareki(to)], ['N', 4, a.bankCode], ['C', 15, a.bankName], ['N', 3, a.branchCode], ['C', 15, a.branchName]];
  if (kind === '01') return record([...common, ['N', 1, a.accountType], ['N', 7, a.accountNumber], ['C', 40, a.accountName], blank(93)]);
  return record([...common, ['N', 3, 0], ['N', 1, a.accountType], ['N', 10, a.accountNumber], ['C', 40, a.accountName], ['N', 1, 0], ['N', 1, 1], ['N', 14, 1_000_000], blank(71)]);
}

function data01(c: SampleCredit): Buffer {
  return record([
    ['N', 1, 2], ['N', 6, c.inquiry], ['N', 6, wareki(c.date)], ['N', 6, wareki(c.date)], ['N', 10, c.amount], ['N', 10, 0], ['N', 10, c.payerCode ?? 0],
    ['C', 48, c.payerName], ['C', 15, c.remitBank ?? 'ﾐﾂｲｽﾐﾄﾓ'], ['C', 15, c.remitBranch ?? 'ﾎﾝﾃﾝ'], ['C', 1, c.cancelled ? '1' : ''], ['C', 20, c.edi ?? ''], blank(52),
  ]);
}

function data03(c: SampleCredit): Buffer {
  return record([
    ['N', 1, 2], ['N', 8, c.inquiry], ['N', 6, wareki(c.date)], ['N', 6, wareki(c.date)], ['N', 1, c.debit ? 2 : 1], ['N', 2, c.txKind ?? 11], ['N', 12, c.amount], ['N', 12, 0],
    ['N', 6, 0], ['N', 6, 0], ['N', 1, 0], ['N', 7, 0], ['N', 3, 0], ['N', 10, c.payerCode ?? 0], ['C', 48, c.payerName], ['C', 15, c.remitBank ?? ''], ['C', 15, c.remitBranch ?? ''],
    ['C', 20, c.description ?? (c.debit ? 'ﾃｽｳﾘﾖｳ' : 'ﾌﾘｺﾐ')], ['C', 20, c.edi ?? ''], blank(1),
  ]);
}

export interface ZenginOptions {
  account?: SampleAccount;
  /** CR/LF after each record (default true). */
  lineBreaks?: boolean;
  /** Changes the trailer's stated count or total (a file that does not add up). */
  trailerDelta?: { count?: number; total?: number };
  /** Leave out the end record (a file cut short). */
  withoutEnd?: boolean;
}

/** A 振込入金通知 (01) or 入出金取引明細 (03) file of the credits given (of one account), as bytes. */
export function zenginFile(kind: '01' | '03', credits: readonly SampleCredit[], options: ZenginOptions = {}): Buffer {
  const a = options.account ?? SAMPLE_ACCOUNT;
  const dates = credits.map((c) => c.date).sort();
  const from = dates[0] ?? '2026-12-01';
  const to = dates.at(-1) ?? from;
  const records = [header(kind, a, from, to)];
  const delta = options.trailerDelta ?? {};
  if (kind === '01') {
    records.push(...credits.map(data01));
    const live = credits.filter((c) => !c.cancelled);
    const gone = credits.filter((c) => c.cancelled);
    const sum = (cs: readonly SampleCredit[]) => cs.reduce((s, c) => s + c.amount, 0);
    records.push(record([['N', 1, 8], ['N', 6, live.length + (delta.count ?? 0)], ['N', 12, sum(live) + (delta.total ?? 0)], ['N', 6, gone.length], ['N', 12, sum(gone)], blank(163)]));
    if (!options.withoutEnd) records.push(record([['N', 1, 9], blank(199)]));
  } else {
    records.push(...credits.map(data03));
    const ins = credits.filter((c) => !c.debit);
    const outs = credits.filter((c) => c.debit);
    const sum = (cs: readonly SampleCredit[]) => cs.reduce((s, c) => s + c.amount, 0);
    records.push(
      record([['N', 1, 8], ['N', 6, ins.length + (delta.count ?? 0)], ['N', 13, sum(ins) + (delta.total ?? 0)], ['N', 6, outs.length], ['N', 13, sum(outs)], ['N', 1, 0], ['N', 14, 1_000_000 + sum(ins) - sum(outs)], ['N', 7, credits.length], blank(139)]),
    );
    if (!options.withoutEnd) records.push(record([['N', 1, 9], ['N', 10, credits.length + 3], ['N', 5, 1], blank(184)]));
  }
  const breaks = options.lineBreaks ?? true;
  return Buffer.concat(records.flatMap((r) => (breaks ? [r, Buffer.from('\r\n')] : [r])));
}

/** A portal's CSV (振込入金明細) of the same credits; CP932 unless `utf8`. */
export function portalCsv(credits: readonly SampleCredit[], options: { utf8?: boolean } = {}): Buffer {
  const lines = [
    '"照会口座","ﾄｳｷﾖｳｴｲｷﾞﾖｳﾌﾞ 普通 1234567"',
    '',
    '"照会番号","勘定日","入金額","振込依頼人名","仕向銀行名","EDI情報"',
    ...credits.map((c) => [c.inquiry, c.date.replace(/-/g, '/'), c.amount.toLocaleString('en-US'), c.payerName, c.remitBank ?? '', c.edi ?? ''].map((v) => `"${v}"`).join(',')),
  ];
  const text = `${lines.join('\r\n')}\r\n`;
  return options.utf8 ? Buffer.from(`\uFEFF${text}`, 'utf8') : iconv.encode(text, 'cp932');
}
