// Verifies an evidence bundle (todoku-evidence-bundle/1, docs/evidence-bundle.md) from its files alone:
// no server, no database, no network, no file system — the caller unzips and hands the files over. The
// checks run in a fixed order and the first that fails is named (which file, entry, head or token, and
// what is wrong, in Japanese and English):
//   1 files: each listed with its SHA-256, none missing, none extra
//   2 entries: each leaf text canonical, its hash as recorded (and of the bundle's campaign)
//   3 leaf indexes strictly increasing (the whole ledger: contiguous from 0)
//   4 per campaign, numbers n contiguous from 1 (a removed entry shows as a gap)
//   5 each entry included in the last head (its proof), or, for the whole ledger, every head's root
//     recomputed from the leaves
//   6 each head's signature   7 consecutive heads consistent, sizes non-decreasing
//   8 each RFC 3161 token valid for its head's digest (chained to given roots when given)
//   9 revealed contents open their commitments; certificates agree with the bundle and check
//  10 the manifest's counts, key id and signature
// When a file's hash is wrong, the later checks still run on what is there, to name the entry or head
// that changed (`detail`).
import { createHash, createPublicKey, verify } from 'node:crypto';
import { parseLeaf, type Leaf } from './entry.ts';
import { appendLeaf, EMPTY_FRONTIER, frontierRoot, leafHash, verifyConsistency, verifyInclusion, type Frontier } from './merkle.ts';
import { headDigest, keyIdOf, verifyHeadSignature, type TreeHead } from './head.ts';
import { verifyTimestampToken } from './tsa-token.ts';
import { opensTo } from './commitment.ts';
import type { CertificateData } from './certificate.ts';
import { verifyCertificate, verifyCertificateBody } from './verify-certificate.ts';
import type { Bilingual } from '../errors.ts';
import { localParts } from '../policy/time.ts';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  CERTIFICATE_DIR,
  commitmentsOf,
  type BundleContentLine,
  type BundleEntryLine,
  type BundleHeadLine,
  type BundleManifest,
  type BundleProofs,
  type BundleScope,
} from './bundle-format.ts';

/** Which check failed: stable names for programs and tests (the words for people are in the failure). */
export type BundleCheck =
  | 'manifest'
  | 'file-missing'
  | 'file-extra'
  | 'file-hash'
  | 'entry-line'
  | 'entry-leaf'
  | 'entry-hash'
  | 'entry-scope'
  | 'entry-order'
  | 'entry-number'
  | 'entry-inclusion'
  | 'head-line'
  | 'head-root'
  | 'head-coverage'
  | 'head-signature'
  | 'head-order'
  | 'head-consistency'
  | 'token'
  | 'content'
  | 'certificate'
  | 'counts'
  | 'manifest-key'
  | 'manifest-signature';

export interface BundleFailure {
  check: BundleCheck;
  /** What failed, as people name it: a file, an entry (leaf index and line), a head (line and size), a token. */
  subject: Bilingual;
  reason: Bilingual;
  leafIndex?: number;
  /** 0-based position in heads.jsonl. */
  head?: number;
  file?: string;
}

export interface BundleSummary {
  scope: BundleScope;
  createdAt: string;
  keyId: string;
  entries: number;
  heads: number;
  firstHeadAt: number | null;
  lastHead: { size: number; root: string; at: number } | null;
  stampedHeads: number;
  /** The authorities that stamped heads, as their tokens name them. */
  tsaNames: string[];
  firstTsaTime: number | null;
  lastTsaTime: number | null;
  /** Which roots tokens were chained to: the ones given to the verifier, the bundle's own, or none. */
  tsaRoots: 'given' | 'bundle' | 'none';
  contents: number;
  commitments: number;
  certificates: number;
}

export type BundleReport = { ok: true; summary: BundleSummary } | { ok: false; failure: BundleFailure; detail?: BundleFailure };

export interface VerifyBundleOptions {
  /** PEM certificates of the time-stamp authorities' roots the verifier trusts (`--tsa-ca`). */
  trustedTsaCertsPem?: string[];
  /** The organisation's published public key (PEM): the bundle must be signed with it (`--key`). */
  publicKeyPem?: string;
}

export type BundleFiles = ReadonlyMap<string, Uint8Array>;

interface Entry {
  line: number;
  leafIndex: number;
  hash: Buffer;
  leaf: Leaf;
}

interface Head extends TreeHead {
  line: number;
  signature: string;
  tsaToken: string | null;
  tsaTime: number | null;
}

const b = (ja: string, en: string): Bilingual => ({ ja, en });
const HEX64 = /^[0-9a-f]{64}$/;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** An epoch-ms time as 'YYYY-MM-DD HH:MM:SS JST'. */
export function jst(ms: number): string {
  const p = localParts(new Date(ms), 'Asia/Tokyo');
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.date} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} JST`;
}

const fileSubject = (file: string) => b(`ファイル ${file}`, `file ${file}`);
const entrySubject = (e: { line: number; leafIndex?: number }, kind?: string) =>
  e.leafIndex === undefined
    ? b(`記録（entries.jsonl ${e.line}行目）`, `entry (entries.jsonl line ${e.line})`)
    : b(`記録 #${e.leafIndex}（entries.jsonl ${e.line}行目${kind ? `、${kind}` : ''}）`, `entry #${e.leafIndex} (entries.jsonl line ${e.line}${kind ? `, ${kind}` : ''})`);
const headSubject = (h: { line: number; size?: number; at?: number }) =>
  h.size === undefined
    ? b(`ツリーヘッド（heads.jsonl ${h.line}行目）`, `tree head (heads.jsonl line ${h.line})`)
    : b(`ツリーヘッド（heads.jsonl ${h.line}行目、サイズ ${h.size}、${jst(h.at ?? 0)}）`, `tree head (heads.jsonl line ${h.line}, size ${h.size}, ${jst(h.at ?? 0)})`);
const tokenSubject = (h: Head) => b(`タイムスタンプトークン（heads.jsonl ${h.line}行目のヘッド、サイズ ${h.size}）`, `time-stamp token (of the head on heads.jsonl line ${h.line}, size ${h.size})`);

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The lines of a JSON-lines file, 1-based, without building one string of the whole file. */
function* jsonLines(bytes: Uint8Array): Generator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  let line = 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    yield { line, text: decoder.decode(bytes.subarray(start, end)) };
    start = end + 1;
    line += 1;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readManifest(files: BundleFiles): { manifest: BundleManifest } | { failure: BundleFailure } {
  const file = BUNDLE_FILES.manifest;
  const bytes = files.get(file);
  const failure = (ja: string, en: string) => ({ failure: { check: 'manifest' as const, subject: fileSubject(file), reason: b(ja, en), file } });
  if (!bytes) return failure('ありません（Todoku の証跡バンドルではないか、壊れています）', 'missing (not a Todoku evidence bundle, or damaged)');
  let m: BundleManifest;
  try {
    m = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as BundleManifest;
  } catch {
    return failure('JSON として読めません', 'is not JSON');
  }
  if (m?.format !== BUNDLE_FORMAT) return failure(`形式が ${BUNDLE_FORMAT} ではありません`, `format is not ${BUNDLE_FORMAT}`);
  if (m.version !== BUNDLE_VERSION) return failure(`版 ${String(m.version)} には対応していません（対応: ${BUNDLE_VERSION}）`, `version ${String(m.version)} is not supported (supported: ${BUNDLE_VERSION})`);
  const scopeOk = m.scope?.kind === 'all' || (m.scope?.kind === 'campaign' && isInt(m.scope.campaign?.id) && typeof m.scope.campaign.name === 'string');
  const filesOk = m.files !== null && typeof m.files === 'object' && Object.values(m.files).every((h) => typeof h === 'string' && HEX64.test(h));
  const countsOk = m.counts !== null && typeof m.counts === 'object' && ['entries', 'heads', 'stampedHeads', 'contents', 'certificates'].every((k) => isInt((m.counts as unknown as Record<string, unknown>)[k]));
  const keyOk = typeof m.key?.keyId === 'string' && typeof m.key.publicKeyPem === 'string';
  const tsaOk = m.tsa === null || (Array.isArray(m.tsa?.rootsPem) && m.tsa.rootsPem.every((p) => typeof p === 'string'));
  if (!scopeOk || !filesOk || !countsOk || !keyOk || !tsaOk || typeof m.createdAt !== 'string') return failure('項目が欠けているか、形が違います', 'has missing or malformed fields');
  return { manifest: m };
}

/** Step 1: every file listed with its hash, nothing missing, nothing extra. */
function checkFiles(files: BundleFiles, m: BundleManifest): BundleFailure | null {
  const own = new Set<string>([BUNDLE_FILES.manifest, BUNDLE_FILES.signature]);
  if (!files.has(BUNDLE_FILES.signature)) return { check: 'file-missing', subject: fileSubject(BUNDLE_FILES.signature), reason: b('ありません', 'is missing'), file: BUNDLE_FILES.signature };
  for (const [file, expected] of Object.entries(m.files)) {
    const bytes = files.get(file);
    if (!bytes) return { check: 'file-missing', subject: fileSubject(file), reason: b('マニフェストに載っていますが、ありません', 'is listed in the manifest but missing'), file };
    if (sha256(bytes) !== expected) return { check: 'file-hash', subject: fileSubject(file), reason: b('SHA-256 がマニフェストの値と違います（変更されています）', "SHA-256 differs from the manifest's (it was changed)"), file };
  }
  for (const file of files.keys()) {
    if (!own.has(file) && !(file in m.files)) return { check: 'file-extra', subject: fileSubject(file), reason: b('マニフェストに載っていないファイルです（追加されています）', 'is not listed in the manifest (it was added)'), file };
  }
  return null;
}

class Verification {
  entries: Entry[] = [];
  heads: Head[] = [];
  proofs: BundleProofs | null = null;
  readonly scope: BundleScope;
  summary: BundleSummary;

  constructor(
    private readonly files: BundleFiles,
    private readonly m: BundleManifest,
    private readonly options: VerifyBundleOptions,
  ) {
    this.scope = m.scope;
    this.summary = {
      scope: m.scope,
      createdAt: m.createdAt,
      keyId: m.key.keyId,
      entries: 0,
      heads: 0,
      firstHeadAt: null,
      lastHead: null,
      stampedHeads: 0,
      tsaNames: [],
      firstTsaTime: null,
      lastTsaTime: null,
      tsaRoots: options.trustedTsaCertsPem?.length ? 'given' : m.tsa?.rootsPem.length ? 'bundle' : 'none',
      contents: 0,
      commitments: 0,
      certificates: 0,
    };
  }

  private bytes(file: string): Uint8Array {
    return this.files.get(file) ?? new Uint8Array();
  }

  /** Steps 2 to 10 in order; the first failure, or null when all pass. */
  async run(): Promise<BundleFailure | null> {
    const steps: (() => BundleFailure | null | Promise<BundleFailure | null>)[] = [
      () => this.readEntries(),
      () => this.entryOrder(),
      () => this.entryNumbers(),
      () => this.readHeads() ?? this.readProofs() ?? (this.scope.kind === 'all' ? this.recomputedRoots() : null) ?? this.inclusion(),
      () => this.signatures(),
      () => this.consistency(),
      () => this.tokens(),
      () => this.contents(),
      () => this.certificates(),
      () => this.manifestItself(),
    ];
    for (const step of steps) {
      const failure = await step();
      if (failure) return failure;
    }
    return null;
  }

  /** Step 2: each line parses, its leaf text is canonical, its hash is the leaf's, it belongs to the bundle's campaign. */
  readEntries(): BundleFailure | null {
    for (const { line, text } of jsonLines(this.bytes(BUNDLE_FILES.entries))) {
      const row = parseJson(text) as Partial<BundleEntryLine> | undefined;
      if (!row || !isInt(row.leafIndex) || typeof row.leaf !== 'string' || typeof row.leafHash !== 'string') {
        return { check: 'entry-line', subject: entrySubject({ line }), reason: b('行が読めません（leafIndex, leafHash, leaf が要ります）', 'cannot be read (needs leafIndex, leafHash, leaf)') };
      }
      let leaf: Leaf;
      try {
        leaf = parseLeaf(row.leaf);
      } catch (err) {
        return { check: 'entry-leaf', subject: entrySubject({ line, leafIndex: row.leafIndex }), reason: b('葉のテキストが正規の形ではありません', `its leaf text is not canonical (${(err as Error).message})`), leafIndex: row.leafIndex };
      }
      const hash = leafHash(row.leaf);
      if (hash.toString('hex') !== row.leafHash) {
        return { check: 'entry-hash', subject: entrySubject({ line, leafIndex: row.leafIndex }, leaf.kind), reason: b('葉のハッシュが記録された値と違います（内容が変更されています）', 'its leaf hash differs from the one recorded (the text was changed)'), leafIndex: row.leafIndex };
      }
      if (this.scope.kind === 'campaign' && leaf.c !== this.scope.campaign.id) {
        return { check: 'entry-scope', subject: entrySubject({ line, leafIndex: row.leafIndex }, leaf.kind), reason: b(`キャンペーン ${this.scope.campaign.id} の記録ではありません（${String(leaf.c)}）`, `is not an entry of campaign ${this.scope.campaign.id} (${String(leaf.c)})`), leafIndex: row.leafIndex };
      }
      this.entries.push({ line, leafIndex: row.leafIndex, hash, leaf });
    }
    this.summary.entries = this.entries.length;
    return null;
  }

  /** Step 3: leaf indexes strictly increasing; the whole ledger's contiguous from 0. */
  entryOrder(): BundleFailure | null {
    let previous = -1;
    for (const [i, e] of this.entries.entries()) {
      if (this.scope.kind === 'all' && e.leafIndex !== i) {
        return { check: 'entry-order', subject: entrySubject(e, e.leaf.kind), reason: b(`${i} 番目の記録のはずです（抜け・追加・並べ替え）`, `should be entry ${i} (one was removed, added or moved)`), leafIndex: e.leafIndex };
      }
      if (e.leafIndex <= previous) {
        return { check: 'entry-order', subject: entrySubject(e, e.leaf.kind), reason: b(`葉の番号が前の記録（#${previous}）より大きくありません（並べ替えか重複）`, `its leaf index does not follow the previous one (#${previous}): moved or repeated`), leafIndex: e.leafIndex };
      }
      previous = e.leafIndex;
    }
    return null;
  }

  /** Step 4: within each campaign, n runs 1, 2, 3 … with no gap; entries of no campaign have none. */
  entryNumbers(): BundleFailure | null {
    const last = new Map<number, number>();
    for (const e of this.entries) {
      const { c, n } = e.leaf;
      if (c === null) {
        if (n !== null) return { check: 'entry-number', subject: entrySubject(e, e.leaf.kind), reason: b('キャンペーンのない記録に通し番号があります', 'has a campaign number but no campaign'), leafIndex: e.leafIndex };
        continue;
      }
      const expected = (last.get(c) ?? 0) + 1;
      if (n !== expected) {
        return {
          check: 'entry-number',
          subject: entrySubject(e, e.leaf.kind),
          reason: b(`キャンペーン ${c} の通し番号が ${String(n)} ですが、${expected} のはずです（記録が取り除かれたか、並べ替えられています）`, `is number ${String(n)} of campaign ${c} where ${expected} was due (an entry was removed or moved)`),
          leafIndex: e.leafIndex,
        };
      }
      last.set(c, expected);
    }
    return null;
  }

  readHeads(): BundleFailure | null {
    for (const { line, text } of jsonLines(this.bytes(BUNDLE_FILES.heads))) {
      const h = parseJson(text) as Partial<BundleHeadLine> | undefined;
      const ok =
        h &&
        isInt(h.size) &&
        typeof h.root === 'string' &&
        HEX64.test(h.root) &&
        isInt(h.at) &&
        typeof h.keyId === 'string' &&
        typeof h.signature === 'string' &&
        (h.tsaToken === null || typeof h.tsaToken === 'string') &&
        (h.tsaTime === null || isInt(h.tsaTime));
      if (!ok) return { check: 'head-line', subject: headSubject({ line }), reason: b('行が読めません', 'cannot be read'), head: line - 1 };
      this.heads.push({ line, size: h.size!, root: h.root!, at: h.at!, keyId: h.keyId!, signature: h.signature!, tsaToken: h.tsaToken ?? null, tsaTime: h.tsaTime ?? null });
    }
    if (this.heads.length === 0) return { check: 'head-line', subject: fileSubject(BUNDLE_FILES.heads), reason: b('ツリーヘッドがひとつもありません', 'holds no tree head'), file: BUNDLE_FILES.heads };
    const last = this.heads[this.heads.length - 1]!;
    this.summary.heads = this.heads.length;
    this.summary.firstHeadAt = this.heads[0]!.at;
    this.summary.lastHead = { size: last.size, root: last.root, at: last.at };
    return null;
  }

  readProofs(): BundleFailure | null {
    const bytes = this.files.get(BUNDLE_FILES.proofs);
    const file = BUNDLE_FILES.proofs;
    if (!bytes) {
      if (this.scope.kind === 'campaign') return { check: 'file-missing', subject: fileSubject(file), reason: b('キャンペーンのバンドルには証明が要ります', 'a campaign bundle needs its proofs'), file };
      return null;
    }
    const p = parseJson(new TextDecoder().decode(bytes)) as BundleProofs | undefined;
    const hexes = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string' && HEX64.test(x));
    const ok =
      p &&
      isInt(p.treeSize) &&
      Array.isArray(p.inclusion) &&
      p.inclusion.every((x) => isInt(x?.leafIndex) && hexes(x.proof)) &&
      Array.isArray(p.consistency) &&
      p.consistency.every((x) => isInt(x?.from) && isInt(x.to) && hexes(x.proof));
    if (!ok) return { check: 'entry-inclusion', subject: fileSubject(file), reason: b('証明のファイルが読めません', 'cannot be read'), file };
    this.proofs = p;
    return null;
  }

  /** Step 5 for the whole ledger: the root at every head's size, recomputed from the leaves. */
  recomputedRoots(): BundleFailure | null {
    const bySize = [...this.heads].sort((x, y) => x.size - y.size || x.line - y.line);
    let frontier: Frontier = EMPTY_FRONTIER;
    let next = 0;
    for (const h of bySize) {
      if (h.size > this.entries.length) {
        return { check: 'head-coverage', subject: headSubject(h), reason: b(`${h.size} 件を含むはずですが、バンドルには ${this.entries.length} 件しかありません（記録が取り除かれています）`, `covers ${h.size} entries but the bundle holds ${this.entries.length} (entries were removed)`), head: h.line - 1 };
      }
      const from = next;
      while (next < h.size) frontier = appendLeaf(frontier, this.entries[next++]!.hash).frontier;
      if (frontierRoot(frontier).toString('hex') !== h.root) {
        return {
          check: 'head-root',
          subject: headSubject(h),
          reason: b(`記録から計算し直した根のハッシュが署名された値と違います（記録 #${from}〜#${h.size - 1} かヘッドが変更されています）`, `the root recomputed from the entries differs from the signed one (an entry #${from}–#${h.size - 1} or the head was changed)`),
          head: h.line - 1,
        };
      }
    }
    if (next < this.entries.length) {
      const e = this.entries[next]!;
      return { check: 'head-coverage', subject: entrySubject(e, e.leaf.kind), reason: b('どのツリーヘッドにも含まれていません（追加されています）', 'is covered by no tree head (it was added)'), leafIndex: e.leafIndex };
    }
    return null;
  }

  /** Step 5: each entry's inclusion proof against the last head (for the whole ledger, when proofs are given). */
  inclusion(): BundleFailure | null {
    if (!this.proofs) return null;
    const final = this.heads[this.heads.length - 1]!;
    if (this.proofs.treeSize !== final.size) {
      return { check: 'entry-inclusion', subject: fileSubject(BUNDLE_FILES.proofs), reason: b(`証明はサイズ ${this.proofs.treeSize} の木に対するもので、最後のツリーヘッド（サイズ ${final.size}）と合いません`, `its proofs are for a tree of ${this.proofs.treeSize}, not the last head's ${final.size}`), file: BUNDLE_FILES.proofs };
    }
    const proofOf = new Map(this.proofs.inclusion.map((x) => [x.leafIndex, x.proof]));
    const root = Buffer.from(final.root, 'hex');
    for (const e of this.entries) {
      const proof = proofOf.get(e.leafIndex);
      if (!proof) {
        if (this.scope.kind === 'all') continue;
        return { check: 'entry-inclusion', subject: entrySubject(e, e.leaf.kind), reason: b('包含証明がありません', 'has no inclusion proof'), leafIndex: e.leafIndex };
      }
      if (!verifyInclusion(e.hash, e.leafIndex, final.size, proof.map((x) => Buffer.from(x, 'hex')), root)) {
        return { check: 'entry-inclusion', subject: entrySubject(e, e.leaf.kind), reason: b(`最後のツリーヘッド（サイズ ${final.size}）に含まれることを証明できません（記録かヘッドが変更されています）`, `cannot be proven to be in the last tree head (size ${final.size}): the entry or the head was changed`), leafIndex: e.leafIndex };
      }
      proofOf.delete(e.leafIndex);
    }
    const orphan = [...proofOf.keys()][0];
    if (orphan !== undefined) {
      return { check: 'entry-inclusion', subject: b(`記録 #${orphan}`, `entry #${orphan}`), reason: b('包含証明はありますが、記録がバンドルにありません（取り除かれています）', 'has an inclusion proof but is not in the bundle (it was removed)'), leafIndex: orphan };
    }
    return null;
  }

  /** Step 6: every head signed by the manifest's key. */
  signatures(): BundleFailure | null {
    for (const h of this.heads) {
      if (h.keyId !== this.m.key.keyId) return { check: 'head-signature', subject: headSubject(h), reason: b(`鍵ID ${h.keyId} がマニフェストの鍵（${this.m.key.keyId}）と違います`, `key id ${h.keyId} is not the manifest's (${this.m.key.keyId})`), head: h.line - 1 };
      if (!verifyHeadSignature(h, h.signature, this.m.key.publicKeyPem)) {
        return { check: 'head-signature', subject: headSubject(h), reason: b('署名が正しくありません（ヘッドか署名が変更されています）', 'its signature does not verify (the head or its signature was changed)'), head: h.line - 1 };
      }
    }
    return null;
  }

  /** Step 7: sizes never shrink, and each head's tree extends the one before (proofs, or recomputed roots). */
  consistency(): BundleFailure | null {
    const proofOf = new Map((this.proofs?.consistency ?? []).map((x) => [`${x.from}:${x.to}`, x.proof]));
    for (let i = 1; i < this.heads.length; i += 1) {
      const [a, h] = [this.heads[i - 1]!, this.heads[i]!];
      if (h.size < a.size) return { check: 'head-order', subject: headSubject(h), reason: b(`前のヘッド（サイズ ${a.size}）より小さくなっています（並べ替えか変更）`, `is smaller than the head before it (size ${a.size}): moved or changed`), head: i };
      if (this.scope.kind === 'all') continue; // the roots were recomputed from the leaves
      const proof = h.size === a.size ? [] : proofOf.get(`${a.size}:${h.size}`);
      if (!proof) return { check: 'head-consistency', subject: headSubject(h), reason: b(`前のヘッド（サイズ ${a.size}）からの一貫性証明がありません（ヘッドが取り除かれたか追加されています）`, `has no consistency proof from the head before it (size ${a.size}): a head was removed or added`), head: i };
      if (!verifyConsistency(a.size, h.size, Buffer.from(a.root, 'hex'), Buffer.from(h.root, 'hex'), proof.map((x) => Buffer.from(x, 'hex')))) {
        return { check: 'head-consistency', subject: headSubject(h), reason: b(`前のヘッド（サイズ ${a.size}）の木を引き継いでいません（ヘッドが変更されています）`, `does not extend the tree of the head before it (size ${a.size}): a head was changed`), head: i };
      }
    }
    return null;
  }

  /** Step 8: each RFC 3161 token stamps exactly its head's digest, signed by its authority (chained when roots are known). */
  async tokens(): Promise<BundleFailure | null> {
    const roots = this.options.trustedTsaCertsPem?.length ? this.options.trustedTsaCertsPem : this.m.tsa?.rootsPem.length ? this.m.tsa.rootsPem : undefined;
    const names = new Set<string>();
    for (const h of this.heads) {
      if (h.tsaToken === null) continue;
      const token = Buffer.from(h.tsaToken, 'base64');
      if (token.length === 0 || token.toString('base64') !== h.tsaToken) return { check: 'token', subject: tokenSubject(h), reason: b('base64 として読めません', 'is not base64'), head: h.line - 1 };
      const check = await verifyTimestampToken(token, headDigest(h), roots ? { trustedCertsPem: roots } : {});
      if (!check.ok) return { check: 'token', subject: tokenSubject(h), reason: b(`正しくありません: ${check.reasonJa}`, `is not valid: ${check.reason}`), head: h.line - 1 };
      if (roots && !check.chained) return { check: 'token', subject: tokenSubject(h), reason: b('信頼するルート証明書につながりません', 'does not chain to the trusted roots'), head: h.line - 1 };
      if (h.tsaTime !== null && Math.abs(h.tsaTime - check.genTime) >= 1000) {
        return { check: 'token', subject: tokenSubject(h), reason: b(`記録された時刻（${jst(h.tsaTime)}）がトークンの時刻（${jst(check.genTime)}）と違います`, `the time recorded (${jst(h.tsaTime)}) is not the token's (${jst(check.genTime)})`), head: h.line - 1 };
      }
      names.add(check.tsaName);
      this.summary.stampedHeads += 1;
      this.summary.firstTsaTime ??= check.genTime;
      this.summary.lastTsaTime = check.genTime;
    }
    this.summary.tsaNames = [...names];
    return null;
  }

  /** Step 9a: each revealed content opens its commitment, and an entry of the bundle names that commitment. */
  contents(): BundleFailure | null {
    const named = new Set(this.entries.flatMap((e) => commitmentsOf(e.leaf.kind, e.leaf.d)));
    this.summary.commitments = named.size;
    const bytes = this.files.get(BUNDLE_FILES.contents);
    if (!bytes) return null;
    const subject = (line: number) => b(`開示された内容（contents.jsonl ${line}行目）`, `revealed content (contents.jsonl line ${line})`);
    for (const { line, text } of jsonLines(bytes)) {
      const c = parseJson(text) as Partial<BundleContentLine> | undefined;
      if (!c || typeof c.commitment !== 'string' || typeof c.nonce !== 'string' || typeof c.content !== 'string') return { check: 'content', subject: subject(line), reason: b('行が読めません', 'cannot be read'), file: BUNDLE_FILES.contents };
      if (!named.has(c.commitment)) return { check: 'content', subject: subject(line), reason: b('どの記録にも出てこないコミットメントです（追加されています）', 'its commitment is named by no entry (it was added)'), file: BUNDLE_FILES.contents };
      if (!opensTo(c.commitment, c.nonce, c.content)) return { check: 'content', subject: subject(line), reason: b('内容がコミットメントと一致しません（内容が変更されています）', 'does not open its commitment (the content was changed)'), file: BUNDLE_FILES.contents };
      this.summary.contents += 1;
    }
    return null;
  }

  /** Step 9b: each certificate is of its message, agrees with the bundle's entries and key, and checks by itself. */
  async certificates(): Promise<BundleFailure | null> {
    const byIndex = new Map(this.entries.map((e) => [e.leafIndex, e]));
    const names = [...this.files.keys()].filter((f) => f.startsWith(CERTIFICATE_DIR)).sort();
    for (const file of names) {
      const subject = b(`記録証明書 ${file}`, `certificate ${file}`);
      const fail = (ja: string, en: string): BundleFailure => ({ check: 'certificate', subject, reason: b(ja, en), file });
      const data = parseJson(new TextDecoder().decode(this.files.get(file))) as CertificateData | undefined;
      const id = Number(/^certificates\/(\d+)\.json$/.exec(file)?.[1] ?? NaN);
      if (!data || typeof data !== 'object' || !Array.isArray(data.entries)) return fail('JSON として読めません', 'cannot be read as JSON');
      if (data.messageId !== id) return fail(`メッセージ ${String(data.messageId)} の証明書で、ファイル名と合いません`, `is the certificate of message ${String(data.messageId)}, not the one its name says`);
      for (const ce of data.entries) {
        const e = byIndex.get(ce.leafIndex);
        if (!e || typeof ce.leaf !== 'string' || leafHash(ce.leaf).toString('hex') !== e.hash.toString('hex')) return fail(`記録 #${String(ce.leafIndex)} がバンドルの記録と違います`, `its entry #${String(ce.leafIndex)} differs from the bundle's`);
      }
      // The certificate on its own (core/evidence/verify-certificate.ts), signed with the bundle's key. Under
      // one of the bundle's heads (checked in steps 6 and 8), only its body is left to check.
      const failures = this.checkedHead(data) ? verifyCertificateBody(data) : await this.certificateInFull(data);
      if (failures.length > 0) return fail(`検証できません: ${failures[0]!.ja}`, `does not verify: ${failures[0]!.en}`);
      this.summary.certificates += 1;
    }
    return null;
  }

  /** Whether a certificate's head is, field for field, one of the bundle's heads (whose signature and token were checked). */
  private checkedHead(data: CertificateData): boolean {
    const h = data.head as Partial<CertificateData['head']> | undefined;
    if (!h || typeof h.publicKeyPem !== 'string' || (data.timeSource === 'tsa') !== Boolean(h.tsa)) return false;
    let keyId: string | null = null;
    try {
      keyId = keyIdOf(h.publicKeyPem);
    } catch {
      return false;
    }
    if (keyId !== this.m.key.keyId) return false;
    return this.heads.some(
      (b) => b.size === h.size && b.root === h.root && b.at === h.at && b.keyId === h.keyId && b.signature === h.signature && (b.tsaToken ?? null) === (h.tsa?.token ?? null) && (h.tsa ? b.tsaTime === h.tsa.time : true),
    );
  }

  private async certificateInFull(data: CertificateData): Promise<{ ja: string; en: string }[]> {
    const roots = this.options.trustedTsaCertsPem?.length ? this.options.trustedTsaCertsPem : this.m.tsa?.rootsPem.length ? this.m.tsa.rootsPem : undefined;
    const check = await verifyCertificate(data, { publicKeyPem: this.m.key.publicKeyPem, ...(roots ? { trustedCertsPem: roots } : {}) });
    return check.ok ? [] : check.failures;
  }

  /** Step 10: the manifest counts what is there, its key id is its key's, and it is signed with that key. */
  manifestItself(): BundleFailure | null {
    const file = BUNDLE_FILES.manifest;
    const subject = fileSubject(file);
    const counted = { entries: this.summary.entries, heads: this.summary.heads, stampedHeads: this.heads.filter((h) => h.tsaToken !== null).length, contents: this.summary.contents, certificates: this.summary.certificates };
    for (const [k, v] of Object.entries(counted)) {
      const listed = (this.m.counts as unknown as Record<string, number>)[k];
      if (listed !== v) return { check: 'counts', subject, reason: b(`${k} の件数が ${listed} とありますが、バンドルには ${v} 件あります（取り除かれたか追加されています）`, `counts ${listed} ${k} but the bundle holds ${v} (some were removed or added)`), file };
    }
    let keyId: string;
    try {
      keyId = keyIdOf(this.m.key.publicKeyPem);
    } catch {
      return { check: 'manifest-key', subject, reason: b('公開鍵が読めません', 'its public key cannot be read'), file };
    }
    if (keyId !== this.m.key.keyId) return { check: 'manifest-key', subject, reason: b(`鍵ID ${this.m.key.keyId} が公開鍵のもの（${keyId}）ではありません`, `key id ${this.m.key.keyId} is not its public key's (${keyId})`), file };
    if (this.options.publicKeyPem !== undefined) {
      let published: string | null = null;
      try {
        published = keyIdOf(this.options.publicKeyPem);
      } catch {
        published = null;
      }
      if (published !== keyId) {
        return { check: 'manifest-key', subject, reason: b(`署名鍵（鍵ID ${keyId}）が指定された公開鍵（${published ?? '読めません'}）ではありません`, `the signing key (key id ${keyId}) is not the public key given (${published ?? 'unreadable'})`), file };
      }
    }
    const sigText = new TextDecoder().decode(this.files.get(BUNDLE_FILES.signature)).trim();
    const signature = Buffer.from(sigText, 'base64');
    let ok = false;
    try {
      ok = signature.length === 64 && signature.toString('base64') === sigText && verify(null, this.bytes(file), createPublicKey(this.m.key.publicKeyPem), signature);
    } catch {
      ok = false;
    }
    if (!ok) return { check: 'manifest-signature', subject: fileSubject(BUNDLE_FILES.signature), reason: b('マニフェストの署名が正しくありません（マニフェストか署名が変更されています）', 'the manifest signature does not verify (the manifest or its signature was changed)'), file: BUNDLE_FILES.signature };
    return null;
  }
}

/** Verifies a bundle's files (names as in the zip, bytes as unzipped). */
export async function verifyBundle(files: BundleFiles, options: VerifyBundleOptions = {}): Promise<BundleReport> {
  const read = readManifest(files);
  if ('failure' in read) return { ok: false, failure: read.failure };
  const fileFailure = checkFiles(files, read.manifest);
  const verification = new Verification(files, read.manifest, options);
  let failure: BundleFailure | null;
  try {
    failure = await verification.run();
  } catch (err) {
    failure = { check: 'manifest', subject: b('バンドル', 'bundle'), reason: b(`検証中に読めない箇所がありました: ${(err as Error).message}`, `part of it could not be read: ${(err as Error).message}`) };
  }
  if (fileFailure) return { ok: false, failure: fileFailure, ...(failure && failure.check !== 'manifest-signature' ? { detail: failure } : {}) };
  if (failure) return { ok: false, failure };
  return { ok: true, summary: verification.summary };
}

/** A failure as one line: what failed, then why. */
export function failureLine(f: BundleFailure, lang: 'ja' | 'en'): string {
  return `${f.subject[lang]}: ${f.reason[lang]}`;
}
