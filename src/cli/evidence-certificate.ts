// `todoku evidence certificate CAMPAIGN --line N [-o cert.pdf | cert.json]`: the 記録証明書 of the message
// to the person on a line of the campaign's list (or `--message ID`), from the server, written to a file;
// then checked here, offline, with the verifier anyone receiving it would use, and summarised.
import { writeFileSync } from 'node:fs';
import { readCertificateFile } from '../core/evidence/certificate-file.ts';
import { verifyCertificate } from '../core/evidence/verify-certificate.ts';
import { jstTime } from '../core/evidence/certificate.ts';
import { answer } from './api.ts';
import { campaignRef, getCampaign } from './campaigns.ts';
import { CliError, userError } from './errors.ts';
import { formatBytes } from './output.ts';
import type { Cli } from './context.ts';

export interface CertificateOptions {
  line?: string;
  message?: string;
  output?: string;
  format?: 'pdf' | 'json';
}

const positive = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw userError('BAD_ARGUMENT', `${name} は1以上の整数で指定してください: ${v}`, `${name} must be a whole number from 1: ${v}`);
  return Number(v);
};

/** The message on a line of the campaign's list (its first: the campaign's own message, before later steps). */
async function messageOnLine(cli: Cli, campaign: string, line: number): Promise<number> {
  const c = await getCampaign(cli, campaign);
  const page = answer(await cli.api.http.GET('/api/v1/campaigns/{campaign}/messages', { params: { ...campaignRef(c.id), query: { line, limit: 10 } } }));
  const first = page.messages[0];
  if (!first) throw userError('NO_MESSAGE', `キャンペーン「${c.name}」の${line}行目にはメッセージがありません`, `campaign "${c.name}" has no message on line ${line}`);
  if (page.messages.length > 1) {
    cli.out.note(
      `${line}行目には ${page.messages.length} 件のメッセージがあります。最初のもの（${first.id}）の証明書を発行します（別のものは --message ID）`,
      `line ${line} has ${page.messages.length} messages: issuing the first one's (${first.id}); name another with --message ID`,
    );
  }
  return first.id;
}

export async function runCertificate(cli: Cli, campaign: string | undefined, opts: CertificateOptions): Promise<void> {
  const line = positive(opts.line, '--line');
  const given = positive(opts.message, '--message');
  if ((line === undefined) === (given === undefined)) {
    throw userError('CERTIFICATE_TARGET', 'キャンペーンと --line N、または --message ID のどちらかを指定してください', 'give a campaign with --line N, or --message ID');
  }
  if (line !== undefined && !campaign) throw userError('CERTIFICATE_TARGET', '--line にはキャンペーン名が必要です', '--line needs a campaign');
  const id = given ?? (await messageOnLine(cli, campaign!, line!));
  const format = opts.format ?? (opts.output?.toLowerCase().endsWith('.json') ? 'json' : 'pdf');
  const file = opts.output ?? `certificate-${id}.${format}`;

  const params = { params: { path: { id } } };
  const bytes =
    format === 'pdf'
      ? new Uint8Array(answer(await cli.api.http.GET('/api/v1/messages/{id}/certificate.pdf', { ...params, parseAs: 'arrayBuffer' })))
      : Buffer.from(`${JSON.stringify(answer(await cli.api.http.GET('/api/v1/messages/{id}/certificate.json', params)), null, 2)}\n`, 'utf8');
  try {
    writeFileSync(file, bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
    throw userError('WRITE_FAILED', `ファイルに書き込めません: ${file}（${code}）`, `cannot write ${file} (${code})`);
  }

  // Checked as its receiver would check it: from the file alone.
  const check = await verifyCertificate(await readCertificateFile(bytes));
  if (!check.ok) {
    const first = check.failures[0]!;
    throw new CliError({
      code: 'TODOKU_CLI_EVIDENCE_INVALID',
      ja: `書き出した記録証明書が検証できません: ${first.ja}`,
      en: `the certificate written does not verify: ${first.en}`,
      details: { file, failures: check.failures },
    });
  }
  cli.out.say(`記録証明書を書き出しました: ${file}（${formatBytes(bytes.length)}）`, `Certificate written to ${file} (${formatBytes(bytes.length)})`);
  cli.out.say(
    `  メッセージ ${id}、記録 ${check.entries} 件、ツリーヘッド ${check.head.size} 件（${jstTime(check.head.at)} JST、鍵ID ${check.head.keyId}）`,
    `  message ${id}, ${check.entries} entries, tree head of ${check.head.size} (${new Date(check.head.at).toISOString()}, key id ${check.head.keyId})`,
  );
  cli.out.say(
    check.tsa ? `  時刻: 時刻認証局「${check.tsa.name}」${jstTime(check.tsa.time)} JST` : '  時刻: 本システム自身の時計（第三者の時刻認証ではありません）',
    check.tsa ? `  time: TSA "${check.tsa.name}" at ${new Date(check.tsa.time).toISOString()}` : "  time: this installation's own clock, not a third party's",
  );
  cli.out.data({ message: id, file, format, bytes: bytes.length, entries: check.entries, head: check.head, timeSource: check.timeSource, tsa: check.tsa });
}
