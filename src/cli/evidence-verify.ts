// `todoku evidence verify FILE`: checks an evidence bundle (.zip) or a 記録証明書 (.pdf / .json) with
// nothing but the file — no server, no configuration, no database. The bundle is unzipped here and
// checked by the pure verifier (core/evidence/verify-bundle.ts); a certificate by verifyCertificate.
// Success prints a one-screen summary; a failure names the first entry, head, token or file that fails,
// in both languages, and exits 1.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { failureLine, jst, verifyBundle, type BundleFailure, type BundleSummary } from '../core/evidence/verify-bundle.ts';
import { readCertificateFile } from '../core/evidence/certificate-file.ts';
import { verifyCertificate } from '../core/evidence/verify-certificate.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION } from '../core/evidence/bundle-format.ts';
import { CliError, userError } from './errors.ts';
import type { Output } from './output.ts';

export interface VerifyFileOptions {
  /** PEM files of trusted TSA roots (--tsa-ca). */
  tsaCa?: string[];
  /** The organisation's published public key, PEM (--key). */
  key?: string;
}

function readFile(path: string, what: { ja: string; en: string }): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw userError('READ_FAILED', `${what.ja}を読めません: ${path}（${code}）`, `cannot read the ${what.en} ${path} (${code})`);
  }
}

/** PEM certificates in a file (one or several). */
function pemCertificates(path: string): string[] {
  const text = readFile(path, { ja: 'TSA のルート証明書', en: 'TSA root certificate' }).toString('utf8');
  const certs = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (certs.length === 0) throw userError('BAD_PEM', `PEM の証明書がありません: ${path}`, `no PEM certificate in ${path}`);
  return certs.map((c) => `${c}\n`);
}

/** A zip's files by name; a name that appears twice is refused (the verifier would see only one). */
export function unzipBundle(bytes: Uint8Array, out: Output | null = null): Map<string, Uint8Array> {
  const seen = new Set<string>();
  let twice: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (seen.has(f.name)) twice ??= f.name;
        seen.add(f.name);
        return !f.name.endsWith('/');
      },
    });
  } catch (err) {
    throw invalid(out, { ja: `ZIP として読めません（${(err as Error).message}）`, en: `not readable as a zip (${(err as Error).message})` });
  }
  if (twice !== null) throw invalid(out, { ja: `ファイル ${twice} が二度入っています（追加されています）`, en: `file ${twice} appears twice (one was added)` });
  return new Map(Object.entries(files));
}

/** The failure in the chosen language, then in the other (so it reads in both), then what caused it when known. */
function invalid(out: Output | null, line: { ja: string; en: string }, other?: { ja: string; en: string }, details?: unknown): CliError {
  const ja = `検証できません: ${line.ja}`;
  const en = `does not verify: ${line.en}`;
  return new CliError({
    code: 'TODOKU_CLI_EVIDENCE_INVALID',
    ja,
    en,
    // Output.error leaves out lines equal to the title, so the other language carries its tag.
    lines: [out?.lang === 'en' ? `(日本語) ${ja}` : `(English) ${en}`, ...(other ? [`→ ${out?.t(other.ja, other.en) ?? other.ja}`] : [])],
    ...(details === undefined ? {} : { details }),
  });
}

const failureDetails = (f: BundleFailure) => ({ check: f.check, ja: failureLine(f, 'ja'), en: failureLine(f, 'en'), ...(f.leafIndex === undefined ? {} : { leafIndex: f.leafIndex }), ...(f.head === undefined ? {} : { head: f.head }), ...(f.file === undefined ? {} : { file: f.file }) });

/** The summary of a bundle that checks, as people read it (one screen). */
export function bundleSummaryLines(s: BundleSummary, out: Output): string[] {
  const t = (ja: string, en: string) => out.t(ja, en);
  const scope = s.scope.kind === 'campaign' ? t(`キャンペーン「${s.scope.campaign.name}」（ID ${s.scope.campaign.id}）`, `campaign "${s.scope.campaign.name}" (id ${s.scope.campaign.id})`) : t('証跡台帳のすべて（引継ぎ）', 'the whole evidence ledger (hand-over)');
  const lines = [
    t(`証跡バンドルを検証しました（${BUNDLE_FORMAT}/${BUNDLE_VERSION}）: 改ざんは見つかりません`, `Evidence bundle verified (${BUNDLE_FORMAT}/${BUNDLE_VERSION}): no change found`),
    `  ${t('範囲', 'Scope')}: ${scope}`,
    `  ${t('作成', 'Created')}: ${jst(Date.parse(s.createdAt))}`,
    `  ${t('記録', 'Entries')}: ${t(`${s.entries}件（すべて署名済みツリーヘッドに含まれています）`, `${s.entries} (each included under a signed tree head)`)}`,
  ];
  if (s.lastHead) {
    lines.push(`  ${t('ツリーヘッド', 'Tree heads')}: ${t(`${s.heads}件、一貫しています（最初 ${jst(s.firstHeadAt!)}、最後 ${jst(s.lastHead.at)}、サイズ ${s.lastHead.size}）`, `${s.heads}, consistent (first ${jst(s.firstHeadAt!)}, last ${jst(s.lastHead.at)}, size ${s.lastHead.size})`)}`);
  }
  if (s.stampedHeads > 0) {
    const roots = { given: t('指定のルート証明書まで確認', 'chained to the roots given'), bundle: t('バンドル記載のルート証明書まで確認', "chained to the bundle's own roots"), none: t('ルート証明書は未確認（--tsa-ca で指定できます）', 'roots not checked (give them with --tsa-ca)') }[s.tsaRoots];
    lines.push(`  ${t('時刻認証', 'Time stamps')}: ${t(`${s.heads}件中${s.stampedHeads}件に RFC 3161 タイムスタンプ（${s.tsaNames.join('、')}、${jst(s.firstTsaTime!)}〜${jst(s.lastTsaTime!)}）`, `${s.stampedHeads} of ${s.heads} heads carry an RFC 3161 time stamp (${s.tsaNames.join(', ')}, ${jst(s.firstTsaTime!)} to ${jst(s.lastTsaTime!)})`)}; ${roots}`);
  }
  if (s.stampedHeads < s.heads) {
    lines.push(`  ${t('時刻の出所', 'Time source')}: ${t(`タイムスタンプのないツリーヘッドが${s.heads - s.stampedHeads}件あります。その時刻は本システム自身の時計によるもので、第三者の時刻認証ではありません`, `${s.heads - s.stampedHeads} tree heads carry no time stamp: their time is this installation's own clock, not a third party's`)}`);
  }
  lines.push(`  ${t('開示された内容', 'Revealed contents')}: ${t(`${s.contents}件（記録が示すコミットメント${s.commitments}件のうち）、すべて一致`, `${s.contents} of the ${s.commitments} commitments the entries name, each opening its commitment`)}`);
  lines.push(`  ${t('記録証明書', 'Certificates')}: ${t(`${s.certificates}件を確認`, `${s.certificates} checked`)}`);
  lines.push(`  ${t('署名鍵', 'Signing key')}: ${s.keyId}${t('（組織が公表している鍵IDと照合してください。--key で公開鍵を指定すると照合します）', " (compare it with the key id the organisation publishes, or give its public key with --key)")}`);
  return lines;
}

async function verifyBundleFile(bytes: Uint8Array, opts: VerifyFileOptions, out: Output): Promise<void> {
  const files = unzipBundle(bytes, out);
  const report = await verifyBundle(files, {
    ...(opts.tsaCa?.length ? { trustedTsaCertsPem: opts.tsaCa.flatMap(pemCertificates) } : {}),
    ...(opts.key ? { publicKeyPem: readFile(opts.key, { ja: '公開鍵', en: 'public key' }).toString('utf8') } : {}),
  });
  if (!report.ok) {
    const f = report.failure;
    const d = report.detail;
    throw invalid(out, { ja: failureLine(f, 'ja'), en: failureLine(f, 'en') }, d ? { ja: failureLine(d, 'ja'), en: failureLine(d, 'en') } : undefined, { failure: failureDetails(f), ...(d ? { detail: failureDetails(d) } : {}) });
  }
  out.lines(bundleSummaryLines(report.summary, out));
  out.data({ ok: true, kind: 'bundle', summary: report.summary });
}

async function verifyCertificateFile(bytes: Uint8Array, opts: VerifyFileOptions, out: Output): Promise<void> {
  let data: unknown;
  try {
    data = await readCertificateFile(bytes);
  } catch (err) {
    const [ja, en] = (err as Error).message.split(' / ');
    throw invalid(out, { ja: ja ?? '', en: en ?? ja ?? '' });
  }
  const check = await verifyCertificate(data, {
    ...(opts.tsaCa?.length ? { trustedCertsPem: opts.tsaCa.flatMap(pemCertificates) } : {}),
    ...(opts.key ? { publicKeyPem: readFile(opts.key, { ja: '公開鍵', en: 'public key' }).toString('utf8') } : {}),
  });
  if (!check.ok) {
    const first = check.failures[0]!;
    throw invalid(out, first, undefined, { failures: check.failures });
  }
  const t = (ja: string, en: string) => out.t(ja, en);
  out.lines([
    t('記録証明書を検証しました: 改ざんは見つかりません', 'Certificate of records verified: no change found'),
    `  ${t('メッセージ', 'Message')}: ${check.messageId}`,
    `  ${t('記録', 'Entries')}: ${t(`${check.entries}件（ツリーヘッドに含まれています）`, `${check.entries} (each included under the tree head)`)}`,
    `  ${t('開示された内容', 'Revealed contents')}: ${t(`${check.revealed}件一致${check.withheld ? `、保存期間後で非開示 ${check.withheld}件` : ''}`, `${check.revealed} opening their commitments${check.withheld ? `, ${check.withheld} no longer kept` : ''}`)}`,
    `  ${t('ツリーヘッド', 'Tree head')}: ${t(`サイズ ${check.head.size}、${jst(check.head.at)}、鍵ID ${check.head.keyId}`, `size ${check.head.size}, ${jst(check.head.at)}, key id ${check.head.keyId}`)}`,
    check.tsa
      ? `  ${t('時刻認証', 'Time stamp')}: ${check.tsa.name}, ${jst(check.tsa.time)}${check.tsa.chained ? t('（ルート証明書まで確認）', ' (chained to the roots given)') : ''}`
      : `  ${t('時刻の出所', 'Time source')}: ${t('この時刻は本システム自身の時計によるもので、第三者の時刻認証ではありません', "the time is this installation's own clock, not a third party's")}`,
  ]);
  out.data({ ok: true, kind: 'certificate', check });
}

/** Verifies a bundle (zip) or a certificate (PDF or JSON), chosen by the file's first bytes. */
export async function verifyEvidenceFile(path: string, opts: VerifyFileOptions, out: Output): Promise<void> {
  const bytes = readFile(path, { ja: 'ファイル', en: 'file' });
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') return verifyBundleFile(bytes, opts, out);
  return verifyCertificateFile(bytes, opts, out);
}
