// `todoku payments import FILE` (入金消込: the bank's 振込入金通知 / 入出金取引明細 file, or a portal's CSV,
// matched to the people who owe), `todoku payments unmatched` (what an operator still has to resolve),
// and `todoku payments assign ID MESSAGE` / `not-ours ID` to resolve it from a terminal; `todoku payments
// mark CAMPAIGN --line N` records money that came in outside Todoku (窓口・現金・振込 …) for one person.
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { answer } from '../api.ts';
import { userError } from '../errors.ts';
import { table } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import type { Schema } from '../../api-client/client.ts';
import { campaignRef, getCampaign } from '../campaigns.ts';
import { PAYMENT_MARK_METHODS, type PaymentMarkMethod } from '../../core/payment-marks.ts';

type Transfer = Schema<'BankTransfer'>;

interface ImportOptions {
  bank?: string;
  branch?: string;
  account?: string;
}

export function registerPayments(program: Command): void {
  const payments = program.command('payments').description('入金消込（銀行の入金ファイル）/ bank-file reconciliation');
  payments
    .command('import')
    .description('銀行の入金ファイル（全銀協 振込入金通知・入出金取引明細、またはCSV）を取り込み消込する / import a bank file and match its credits')
    .argument('<file>', '銀行のファイル / the bank file')
    .option('--bank <code>', 'CSVに口座の列がないとき: 銀行コード（4桁）/ for a CSV without account columns: bank code')
    .option('--branch <code>', '支店コード（3桁）/ branch code')
    .option('--account <number>', '口座番号 / account number')
    .action(withCli(runImport));
  payments
    .command('unmatched')
    .description('消込できていない入金の一覧 / credits waiting for an operator')
    .option('--limit <n>', '表示件数 / how many', '100')
    .action(withCli(listUnmatched));
  payments
    .command('assign')
    .description('入金を宛先のメッセージに手で消込する / apply a credit to a message')
    .argument('<id>', '入金のID / transfer id')
    .argument('<message>', 'メッセージID / message id')
    .action(withCli(assign));
  payments
    .command('not-ours')
    .description('入金を対象外にする / set a credit aside as not ours')
    .argument('<id>', '入金のID / transfer id')
    .action(withCli(notOurs));
  payments
    .command('mark')
    .description('名簿の1人を支払済みにする（窓口・現金・振込など）/ record money received outside Todoku for one person')
    .argument('<campaign>', 'キャンペーン名またはID / campaign name or id')
    .requiredOption('--line <n>', '名簿の行番号 / line of the imported list')
    .option('--amount <yen>', '金額（省略: 未払い残高）/ amount in yen (default: what is still owed)')
    .option('--date <date>', '入金日 YYYY-MM-DD か日時（省略: 今）/ when it came in (default: now)')
    .option('--method <method>', `入金方法 ${PAYMENT_MARK_METHODS.join('|')} / how`, 'counter')
    .option('--note <text>', 'メモ / a note')
    .option('--overpayment', '未払い残高を超える入金として記録 / record more than is still owed')
    .action(withCli(mark));
}

interface MarkOptions {
  line: string;
  amount?: string;
  date?: string;
  method: string;
  note?: string;
  overpayment?: boolean;
}

const yen = (n: number | null) => (n === null ? '' : `¥${n.toLocaleString('ja-JP')}`);

function readFile(file: string): Buffer {
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    return readFileSync(file);
  } catch {
    throw userError('NO_FILE', `ファイルが見つかりません: ${file}`, `file not found: ${file}`);
  }
}

function reasonOf(cli: Cli, t: Transfer): string {
  if (t.state === 'unmatched' || t.state === 'duplicate') return t.reasonText ? cli.out.t(t.reasonText.ja, t.reasonText.en) : cli.out.t(t.stateText.ja, t.stateText.en);
  return cli.out.t(t.stateText.ja, t.stateText.en);
}

async function runImport(cli: Cli, file: string, opts: ImportOptions): Promise<void> {
  const bytes = readFile(file);
  const query = { ...(opts.bank ? { bank: opts.bank } : {}), ...(opts.branch ? { branch: opts.branch } : {}), ...(opts.account ? { account: opts.account } : {}) };
  const result = answer(
    await cli.api.http.POST('/api/v1/payments/bank-files', {
      params: { query },
      // The body is the file as the bank gave it (Shift_JIS stays Shift_JIS): not a JSON body.
      body: bytes as never,
      bodySerializer: (b: unknown) => b as Buffer,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  );
  const { out } = cli;
  const c = result.counts;
  const formats: Record<string, [string, string]> = { zengin01: ['振込入金通知', 'transfer notice (01)'], zengin03: ['入出金取引明細', 'statement (03)'], csv: ['CSV', 'CSV'] };
  const format = formats[result.format] ?? [result.format, result.format];
  out.say(`${format[0]}を取り込みました`, `Imported a ${format[1]}`);
  out.say(
    `消込 ${c.matched}件（一部入金 ${c.partial}件・過入金 ${c.over}件）・未消込 ${c.unmatched}件・取込済み ${c.duplicate}件・読めない行 ${c.refused}件・対象外の明細 ${c.skipped}件`,
    `matched ${c.matched} (part ${c.partial}, over ${c.over}), unmatched ${c.unmatched}, duplicate ${c.duplicate}, refused ${c.refused}, skipped ${c.skipped}`,
  );
  const notable = result.rows.filter((r) => r.outcome === 'unmatched' || r.outcome === 'refused' || (r.outcome === 'matched' && r.transfer && r.transfer.balance !== 'exact'));
  if (notable.length > 0) {
    out.lines(
      table(
        [out.t('行', 'record'), out.t('勘定日', 'date'), out.t('金額', 'amount'), out.t('振込依頼人', 'payer'), out.t('結果', 'result')],
        notable.map((r) => {
          const t = r.transfer;
          const what =
            r.outcome === 'refused'
              ? out.t(r.message ?? '', r.message_en ?? '')
              : t && r.outcome === 'matched'
                ? out.t(t.balance === 'partial' ? `一部入金（残り ${yen(t.remaining)}）` : t.balance === 'over' ? `過入金（${yen(-(t.remaining ?? 0))} 多い）` : '消込', t.balance === 'partial' ? `part payment (${yen(t.remaining)} left)` : t.balance === 'over' ? `overpaid by ${yen(-(t.remaining ?? 0))}` : 'matched')
                : t
                  ? reasonOf(cli, t)
                  : '';
          return [String(r.record), t?.valueDate ?? '', t ? yen(t.amount) : '', t?.payerName ?? '', what];
        }),
      ),
    );
  }
  if (c.unmatched > 0) out.note('未消込の入金は `todoku payments unmatched` かコンソールの「入金消込」で確認できます', 'See the unmatched credits with `todoku payments unmatched` or on the console’s 入金消込 page');
  out.data(result);
}

async function listUnmatched(cli: Cli, opts: { limit: string }): Promise<void> {
  const result = answer(await cli.api.http.GET('/api/v1/payments/unmatched', { params: { query: { limit: Number(opts.limit) } } }));
  const { out } = cli;
  out.lines(
    table(
      ['ID', out.t('勘定日', 'date'), out.t('金額', 'amount'), out.t('振込依頼人', 'payer'), out.t('口座', 'account'), out.t('理由', 'reason')],
      result.transfers.map((t) => [String(t.id), t.valueDate, yen(t.amount), t.payerName, `${t.bankName ?? t.bankCode} ${t.branchName ?? t.branchCode} ${t.accountNumber}`, reasonOf(cli, t)]),
    ),
  );
  const n = result.counts;
  out.say(`未消込 ${n.unmatched}件・重複の疑い ${n.duplicate}件（消込済み ${n.matched}件・対象外 ${n.not_ours}件）`, `${n.unmatched} unmatched, ${n.duplicate} possible duplicates (${n.matched} matched, ${n.not_ours} not ours)`);
  out.data(result);
}

async function assign(cli: Cli, id: string, message: string): Promise<void> {
  const t = answer(await cli.api.http.POST('/api/v1/payments/bank-transfers/{id}/assign', { params: { path: { id: Number(id) } }, body: { messageId: Number(message) } }));
  cli.out.say(`入金 #${t.id}（${yen(t.amount)}）をメッセージ #${t.messageId} に消込しました`, `Applied transfer #${t.id} (${yen(t.amount)}) to message #${t.messageId}`);
  cli.out.data(t);
}

async function notOurs(cli: Cli, id: string): Promise<void> {
  const t = answer(await cli.api.http.POST('/api/v1/payments/bank-transfers/{id}/not-ours', { params: { path: { id: Number(id) } } }));
  cli.out.say(`入金 #${t.id}（${yen(t.amount)}）を対象外にしました`, `Set transfer #${t.id} (${yen(t.amount)}) aside as not ours`);
  cli.out.data(t);
}

async function mark(cli: Cli, campaign: string, opts: MarkOptions): Promise<void> {
  const line = Number(opts.line);
  if (!Number.isInteger(line) || line < 1) throw userError('BAD_LINE', `行番号は1以上の整数です: ${opts.line}`, `--line must be a whole number from 1: ${opts.line}`);
  if (!(PAYMENT_MARK_METHODS as readonly string[]).includes(opts.method)) {
    throw userError('BAD_METHOD', `入金方法は ${PAYMENT_MARK_METHODS.join(', ')} のどれかです: ${opts.method}`, `--method is one of ${PAYMENT_MARK_METHODS.join(', ')}: ${opts.method}`);
  }
  const amount = opts.amount === undefined ? undefined : Number(opts.amount.replace(/[,¥円]/g, ''));
  if (amount !== undefined && (!Number.isInteger(amount) || amount < 1)) throw userError('BAD_AMOUNT', `金額は1円以上の整数です: ${opts.amount}`, `--amount must be whole yen from 1: ${opts.amount}`);
  const c = await getCampaign(cli, campaign);
  const listed = answer(await cli.api.http.GET('/api/v1/campaigns/{campaign}/messages', { params: { ...campaignRef(c.id), query: { line, limit: 100 } } }));
  const own = listed.messages.find((m) => m.kind === 'campaign');
  if (!own) throw userError('NO_MESSAGE', `${c.name} の ${line} 行目の人へのメッセージが見つかりません`, `no message of ${c.name} to the person on line ${line}`);
  const r = answer(
    await cli.api.http.POST('/api/v1/messages/{id}/payment', {
      params: { path: { id: own.id } },
      body: {
        method: opts.method as PaymentMarkMethod,
        ...(amount !== undefined ? { amount } : {}),
        ...(opts.date ? { paidAt: opts.date } : {}),
        ...(opts.note ? { note: opts.note } : {}),
        ...(opts.overpayment ? { overpayment: true } : {}),
      },
    }),
  );
  const how = r.mark.methodText;
  const balance =
    r.balance === 'partial'
      ? cli.out.t(`一部入金（残り ${yen(r.remaining)}）`, `part payment (${yen(r.remaining)} left)`)
      : r.balance === 'over'
        ? cli.out.t(`過入金（${yen(-(r.remaining ?? 0))} 多い）`, `overpaid by ${yen(-(r.remaining ?? 0))}`)
        : cli.out.t('支払済み', 'paid');
  cli.out.say(`${line} 行目（メッセージ #${own.id}）に ${yen(r.mark.amount)} を${how.ja}として記録しました: ${balance}`, `Recorded ${yen(r.mark.amount)} (${how.en}) for line ${line} (message #${own.id}): ${balance}`);
  cli.out.data(r);
}
