// `todoku evidence verify --database`: the whole evidence ledger checked on the server's own machine,
// from the DATABASE directly (the same environment as `npm start`: DATABASE_URL, TODOKU_DATA_DIR,
// TODOKU_SECRET_KEY, TODOKU_TSA_CA_FILE), as `todoku admin` works. Every leaf is recomputed from its
// row, the tree rebuilt, every head's root, signature and time stamp checked (evidence/verify-database.ts).
// Exit 0 with a short summary; exit 1 naming the first failure.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { migrate, openDb } from '../store/db.ts';
import { createVault, loadMasterKey } from '../security/vault.ts';
import { signingKey } from '../evidence/signing-key.ts';
import { verifyDatabase, type DatabaseVerifyReport, type VerifyFailure } from '../evidence/verify-database.ts';
import { CliError } from './errors.ts';
import { localTime, type Output } from './output.ts';

/** Where the failure is, as people read it. */
function place(f: VerifyFailure): { ja: string; en: string } {
  const w = f.where;
  if ('leafIndex' in w) return { ja: `記録 #${w.leafIndex}`, en: `entry #${w.leafIndex}` };
  if ('headId' in w) return { ja: `ツリーヘッド ${w.headId}`, en: `tree head ${w.headId}` };
  if ('node' in w) return { ja: `ノード ${w.node.level}/${w.node.idx}`, en: `node ${w.node.level}/${w.node.idx}` };
  return { ja: '台帳の状態', en: 'ledger state' };
}

export async function verifyDatabaseCommand(out: Output): Promise<DatabaseVerifyReport> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError({ code: 'TODOKU_CLI_CONFIG', ja: '設定エラー', en: 'configuration error', lines: err.problems });
    throw err;
  }
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file)) {
    throw new CliError({ code: 'TODOKU_CLI_DATABASE', ja: `データベースがありません: ${config.database.file}`, en: `no database at ${config.database.file}` });
  }
  const where = config.database.kind === 'sqlite' ? config.database.file : `PostgreSQL (schema ${config.database.schema})`;
  const db = await openDb(config.database);
  let report: DatabaseVerifyReport;
  try {
    await migrate(db);
    const key = signingKey(createVault(loadMasterKey(config.secretKey, config.dataDir)));
    const roots = config.evidenceHeads.tsa?.trustedCertsPem;
    report = await verifyDatabase(db.kysely, { publicKeyPem: key.publicKeyPem, keyId: key.keyId, ...(roots ? { tsaTrustedCertsPem: roots } : {}) });
  } catch (err) {
    if (err instanceof CliError) throw err;
    const e = err instanceof Error ? err : new Error(String(err));
    throw new CliError({ code: 'TODOKU_CLI_DATABASE', ja: `データベースを検証できませんでした: ${e.message}`, en: `could not verify the database: ${e.message}` });
  } finally {
    await db.close();
  }

  const last = report.lastHeadAt === null ? null : localTime(new Date(report.lastHeadAt).toISOString());
  if (!report.ok && report.failure) {
    const p = place(report.failure);
    throw new CliError({
      code: 'TODOKU_CLI_EVIDENCE_INVALID',
      ja: `証跡台帳の検証に失敗しました（${p.ja}）: ${report.failure.ja}`,
      en: `the evidence ledger does not verify (${p.en}): ${report.failure.en}`,
      lines: [`${where}`],
      details: report,
    });
  }
  out.data(report);
  out.say(`証跡台帳を検証しました: 問題はありません（${where}）`, `The evidence ledger verifies: no problem found (${where})`);
  out.lines([
    out.t(`  記録: ${report.entries} 件（未確定 ${report.pending} 件）`, `  entries: ${report.entries} (${report.pending} waiting to be sequenced)`),
    out.t(`  ツリーヘッド: ${report.heads} 件（うちタイムスタンプ付き ${report.stampedHeads} 件）`, `  tree heads: ${report.heads} (${report.stampedHeads} time-stamped)`),
    out.t(`  最新のツリーヘッド: ${last ?? 'なし'}`, `  last tree head: ${last ?? 'none'}`),
  ]);
  return report;
}
