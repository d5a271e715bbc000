// Writes a fictional sample for 入金消込 (README「入金消込 / Bank-file reconciliation」): a list of five
// people with 顧客番号 and フリガナ, and the bank's files of their transfers — 振込入金通知 (01, CR/LF),
// 入出金取引明細 (03, no line breaks; the same credits, so importing both adds nothing twice) and a
// portal's CSV — in Shift_JIS as banks send them. Names, numbers and accounts are made up.
//   node --import tsx scripts/sample-bank-file.ts [DIR]      (default: data/samples)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { portalCsv, zenginFile, type SampleCredit } from '../test/support/bank-files.ts';

const dir = resolve(process.argv[2] ?? 'data/samples');
mkdirSync(dir, { recursive: true });
// Today in Japan: the files' dates (和暦 YYMMDD) are of today.
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

const list = [
  '氏名,携帯電話番号,請求金額,顧客番号,フリガナ',
  '山田 太郎,090-1000-1001,35000,1234567,ヤマダ タロウ',
  '鈴木 花子,090-1000-1002,8000,2000001,スズキ ハナコ',
  '高橋 次郎,090-1000-1003,20000,2000004,タカハシ ジロウ',
  '株式会社東都商事,090-1000-1004,12800,3000001,トウトショウジ',
  '佐藤 三郎,090-1000-1005,10000,2000005,サトウ サブロウ',
];

const credits: SampleCredit[] = [
  // The customer number before the name: matched by it, whatever the name.
  { inquiry: '000101', date: today, amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ', remitBank: 'ﾐﾂｲｽﾐﾄﾓ', remitBranch: 'ｼﾌﾞﾔ' },
  // The kana name alone, with the amount owed: matched (the only スズキ ハナコ owing ¥8,000).
  { inquiry: '000102', date: today, amount: 8_000, payerName: 'ｽｽﾞｷ ﾊﾅｺ', remitBank: 'ﾕｳﾁﾖ', remitBranch: '' },
  // Part of what is owed: matched, recorded as a part payment (¥5,000 left).
  { inquiry: '000103', date: today, amount: 15_000, payerName: '2000004ﾀｶﾊｼ ｼﾞﾛｳ' },
  // A company, 株式会社 abbreviated as banks write it: matched by name and amount.
  { inquiry: '000104', date: today, amount: 12_800, payerName: 'ｶ)ﾄｳﾄｼﾖｳｼﾞ', edi: 'INV-2026-0042' },
  // Nobody of that name: left for an operator (入金消込 page, or `todoku payments unmatched`).
  { inquiry: '000105', date: today, amount: 3_000, payerName: 'ｺﾊﾞﾔｼ ﾏｺﾄ' },
];

const files: Record<string, Buffer | string> = {
  'sample-list.csv': `${list.join('\r\n')}\r\n`,
  'furikomi-01.txt': zenginFile('01', credits),
  'meisai-03.dat': zenginFile('03', credits.map((c) => ({ ...c, inquiry: `00${c.inquiry}` })), { lineBreaks: false }),
  'furikomi.csv': portalCsv(credits),
};
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(dir, name), content);
  process.stdout.write(`${join(dir, name)}\n`);
}
