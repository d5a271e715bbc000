// `todoku evidence …`: the evidence ledger from the command line. `export` asks the server for a bundle;
// `verify FILE` checks a bundle or a certificate offline, with no server, configuration or database;
// `verify --database` checks the whole ledger in the server's database, on the server's machine.
import { Option, type Command } from 'commander';
import { withCli } from '../run.ts';
import { createOutput, type GlobalOptions } from '../context.ts';
import { CliError, userError } from '../errors.ts';
// The commands' own modules are loaded when one runs: with PKI.js, pdf-lib and the database drivers they
// take most of a second to load, which every other `todoku` command would pay at start.
import type { EvidenceExportOptions } from '../evidence-export.ts';
import type { VerifyFileOptions } from '../evidence-verify.ts';
import type { CertificateOptions } from '../evidence-certificate.ts';

export function registerEvidence(program: Command): void {
  const evidence = program.command('evidence').description('証跡台帳: 書き出しと検証 / the evidence ledger: export and verification');
  evidence
    .command('export')
    .description('証跡バンドル（ZIP）を書き出して検証する / export an evidence bundle (zip) and check it')
    .argument('[campaign]', 'キャンペーン名またはID / campaign name or id')
    .option('--all', '証跡台帳のすべて（引継ぎ用、管理者のみ）/ the whole ledger, for a hand-over (administrators)')
    .option('-o, --output <file>', '書き出し先（省略時はサーバーが示す名前）/ output file (default: the name the server suggests)')
    .option('--no-verify', '書き出した後の検証をしない / do not check the bundle after writing it')
    .action(withCli(async (cli, campaign: string | undefined, opts: EvidenceExportOptions) => (await import('../evidence-export.ts')).runEvidenceExport(cli, campaign, opts)));
  evidence
    .command('certificate')
    .description('記録証明書（PDF）を発行する: キャンペーンの N 行目の宛先へのメッセージ / issue the certificate of records (PDF) of the message to line N of a campaign')
    .argument('[campaign]', 'キャンペーン名またはID / campaign name or id')
    .option('--line <n>', '宛先リストの行番号 / the line of the list')
    .option('--message <id>', 'メッセージID（--line の代わりに）/ a message id (instead of --line)')
    .option('-o, --output <file>', '書き出し先（.json ならデータ）/ output file (.json: the data)')
    .addOption(new Option('--format <format>', '形式 / format (default: from the file name, else pdf)').choices(['pdf', 'json']))
    .action(withCli(async (cli, campaign: string | undefined, opts: CertificateOptions) => (await import('../evidence-certificate.ts')).runCertificate(cli, campaign, opts)));
  evidence
    .command('verify')
    .description('証跡バンドル（ZIP）または記録証明書（PDF/JSON）をオフラインで検証する / verify an evidence bundle (zip) or a certificate (PDF/JSON) offline')
    .argument('[file]', 'バンドル（.zip）または記録証明書（.pdf / .json）/ a bundle (.zip) or a certificate (.pdf / .json)')
    // Repeatable rather than variadic, so `--tsa-ca ca.pem bundle.zip` does not swallow the bundle.
    .option('--tsa-ca <pem>', '信頼する時刻認証局のルート証明書（PEM、複数可）/ trusted time-stamp authority root certificates (PEM, repeatable)', (pem: string, all: string[] = []) => [...all, pem])
    .option('--key <pem>', '組織が公表している公開鍵（PEM）: この鍵の署名であることも確かめる / the public key the organisation publishes (PEM): also check it signed')
    .option('--database', 'サーバーのデータベースの台帳全体を検証する（サーバーと同じ環境変数で）/ verify the whole ledger in the server\'s database (same environment as the server)')
    .action(
      offline(async (out, file: string | undefined, opts: VerifyFileOptions & { database?: boolean }) => {
        if (opts.database) {
          if (file) throw userError('ARGUMENTS', '--database とファイルは同時に指定できません', 'give either --database or a file, not both');
          await (await import('../evidence-database.ts')).verifyDatabaseCommand(out);
        } else if (file) {
          await (await import('../evidence-verify.ts')).verifyEvidenceFile(file, opts, out);
        } else {
          throw userError('ARGUMENTS', '検証するファイルか --database を指定してください', 'give a file to verify, or --database');
        }
      }),
    );
}

/** Runs a command that needs no server: only the output options count; a failure is exit 1. */
function offline<A extends unknown[]>(fn: (out: ReturnType<typeof createOutput>, ...args: A) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const out = createOutput(command.optsWithGlobals<GlobalOptions>());
    try {
      await fn(out, ...(args.slice(0, -1) as A));
      process.exitCode ??= 0;
    } catch (err) {
      const error = err instanceof CliError ? err : new CliError({ code: 'TODOKU_CLI_UNEXPECTED', ja: `予期しないエラーが発生しました: ${(err as Error).message}`, en: `unexpected error: ${(err as Error).message}` });
      out.error(error);
      process.exitCode = error.exitCode;
    }
  };
}
