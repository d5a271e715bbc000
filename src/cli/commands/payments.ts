// `todoku payments import FILE` (入金消込: the bank's 振込入金通知 / 入出金取引明細 file, or a portal's CSV,
// matched to the people who owe), `todoku payments unmatched` (what an operator still has to resolve),
// and `todoku payments assign ID MESSAGE` / `not-ours ID` to resolve it from a terminal.
import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { answer } from '../api.ts';
import { userError } from '../errors.ts';
import { table } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import type { Schema } from '../../api-client/client.ts';

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
