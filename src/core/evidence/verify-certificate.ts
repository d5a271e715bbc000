// Checks a 記録証明書's data (core/evidence/certificate.ts) with nothing but the data itself: every
// entry's leaf is canonical, hashes to what it claims and its inclusion proof leads to the head's root;
// the head is signed by the key it names (and, when given, the key the organisation publishes); the
// head's RFC 3161 token, if any, is valid for that head; every revealed content opens its commitment and
// is one the entries name; the masked number is the revealed number's. Pure (no I/O): the CLI's
// `todoku evidence verify cert.pdf|cert.json` and the issuer itself (which never hands out a
// certificate that fails) call it. Every failure is named, in Japanese and English.
import { leafHash, verifyInclusion } from './merkle.ts';
import { headDigest, keyIdOf, verifyHeadSignature, type TreeHead } from './head.ts';
import { verifyTimestampToken } from './tsa-token.ts';
import { opensTo } from './commitment.ts';
import { parseLeaf, type Leaf } from './entry.ts';
import { CERTIFICATE_VERSION, REVEALED_FIELDS, REVEALED_ROLES, jstTime, type CertificateData, type RevealedRole } from './certificate.ts';
import { EVIDENCE_KIND_LABELS } from '../labels.ts';
import { maskPhone } from '../inbound/mask.ts';

export type CertificatePart = 'format' | 'head' | 'tsa' | 'entry' | 'content' | 'recipient';

export interface CertificateFailure {
  part: CertificatePart;
  /** The entry's place in the ledger, when an entry fails. */
  leafIndex?: number;
  /** The content's role, when a revealed content fails. */
  role?: RevealedRole;
  ja: string;
  en: string;
}

export type CertificateCheck =
  | {
      ok: true;
      messageId: number;
      entries: number;
      /** Contents revealed and opened; withheld: committed but no longer kept (past retention). */
      revealed: number;
      withheld: number;
      head: { size: number; at: number; keyId: string };
      timeSource: 'tsa' | 'installation';
      tsa: { name: string; time: number; chained: boolean } | null;
    }
  | { ok: false; failures: CertificateFailure[] };

export interface VerifyCertificateOptions {
  /** The organisation's published key: the head must be signed by it (else any self-consistent key passes). */
  publicKeyPem?: string;
  /** Trusted TSA roots (PEM): the token's certificate must chain to one. */
  trustedCertsPem?: string[];
}

const HEX = /^[0-9a-f]*$/;
const isHex = (v: unknown, length?: number): v is string => typeof v === 'string' && HEX.test(v) && (length === undefined || v.length === length);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What is wrong with the data's shape, or null: checked before anything is computed from it. */
function shapeProblem(d: unknown): string | null {
  if (!isObj(d)) return 'not an object';
  if (d.version !== CERTIFICATE_VERSION) return `version is not ${CERTIFICATE_VERSION}`;
  if (!isInt(d.messageId) || !isInt(d.issuedAt) || (d.test !== undefined && typeof d.test !== 'boolean')) return 'messageId / issuedAt / test';
  if (!isObj(d.campaign) || !isInt(d.campaign.id)) return 'campaign';
  if (!isObj(d.recipient) || typeof d.recipient.maskedNumber !== 'string') return 'recipient';
  if (!isObj(d.sender)) return 'sender';
  const h = d.head;
  if (!isObj(h) || !isInt(h.size) || !isHex(h.root, 64) || !isInt(h.at) || typeof h.keyId !== 'string' || typeof h.signature !== 'string' || typeof h.publicKeyPem !== 'string') return 'head';
  if (h.tsa !== null && !(isObj(h.tsa) && typeof h.tsa.token === 'string' && isInt(h.tsa.time) && typeof h.tsa.name === 'string')) return 'head.tsa';
  if (d.timeSource !== 'tsa' && d.timeSource !== 'installation') return 'timeSource';
  if (!Array.isArray(d.entries) || d.entries.length === 0) return 'entries';
  for (const e of d.entries as unknown[]) {
    if (!isObj(e) || !isInt(e.leafIndex) || typeof e.leaf !== 'string' || !isHex(e.leafHash, 64) || !Array.isArray(e.proof) || !e.proof.every((p) => isHex(p, 64))) return 'entries[]';
  }
  if (!Array.isArray(d.contents)) return 'contents';
  for (const c of d.contents as unknown[]) {
    if (!isObj(c) || !(REVEALED_ROLES as readonly unknown[]).includes(c.role) || !isHex(c.commitment, 64)) return 'contents[]';
    const opened = isHex(c.nonce) && typeof c.content === 'string';
    if (!opened && !(c.nonce === null && c.content === null)) return 'contents[] nonce/content';
  }
  return null;
}

const sameKeyPem = (a: string, b: string): boolean => {
  try {
    return keyIdOf(a) === keyIdOf(b);
  } catch {
    return false;
  }
};

type Fail = (f: CertificateFailure) => void;
type TsaSeen = { name: string; time: number; chained: boolean };

/** The tree head: its key, its signature, the published key, and its time-stamp token. */
async function checkHead(data: CertificateData, options: VerifyCertificateOptions, fail: Fail): Promise<TsaSeen | null> {
  const h = data.head;
  const head: TreeHead = { size: h.size, root: h.root, at: h.at, keyId: h.keyId };

  // The tree head: its key, its signature, the published key.
  let keyId: string | null = null;
  try {
    keyId = keyIdOf(h.publicKeyPem);
  } catch {
    fail({ part: 'head', ja: 'ツリーヘッドの公開鍵が読めません', en: "the tree head's public key cannot be read" });
  }
  if (keyId !== null && keyId !== h.keyId) fail({ part: 'head', ja: `ツリーヘッドの鍵ID（${h.keyId}）が公開鍵と一致しません`, en: `the tree head's key id (${h.keyId}) is not its public key's` });
  if (keyId !== null && !verifyHeadSignature(head, h.signature, h.publicKeyPem)) {
    fail({ part: 'head', ja: `ツリーヘッド（${h.size}件、${jstTime(h.at)}）の署名が正しくありません`, en: `the tree head's signature (size ${h.size}) does not verify` });
  }
  if (options.publicKeyPem !== undefined && !sameKeyPem(options.publicKeyPem, h.publicKeyPem)) {
    fail({ part: 'head', ja: 'ツリーヘッドは指定された公開鍵で署名されていません', en: 'the tree head is not signed with the given public key' });
  }

  // The time-stamp token, when there is one, is for exactly this head.
  let tsa: TsaSeen | null = null;
  if ((h.tsa === null) !== (data.timeSource === 'installation')) {
    fail({ part: 'tsa', ja: '時刻の出所（timeSource）とタイムスタンプの有無が一致しません', en: 'timeSource does not match whether the head has a time-stamp token' });
  }
  if (h.tsa !== null) {
    const check = await verifyTimestampToken(Buffer.from(h.tsa.token, 'base64'), headDigest(head), options.trustedCertsPem ? { trustedCertsPem: options.trustedCertsPem } : {});
    if (!check.ok) {
      fail({ part: 'tsa', ja: `タイムスタンプトークンがこのツリーヘッドのものとして検証できません: ${check.reasonJa}`, en: `the time-stamp token does not verify for this tree head: ${check.reason}` });
    } else if (check.genTime !== h.tsa.time) {
      fail({ part: 'tsa', ja: `記載のタイムスタンプ時刻（${jstTime(h.tsa.time)}）がトークンの時刻（${jstTime(check.genTime)}）と異なります`, en: "the stated time-stamp time differs from the token's" });
    } else {
      tsa = { name: check.tsaName, time: check.genTime, chained: check.chained };
    }
  }
  return tsa;
}

/** The entries (each in the head) and the revealed contents (each opening an entry's commitment). */
function checkBody(data: CertificateData, fail: Fail): { revealed: number; withheld: number } {
  const h = data.head;
  // Each entry: canonical, hashed as stated, this message's or its campaign's, included in the head.
  const root = Buffer.from(h.root, 'hex');
  const leaves: Leaf[] = [];
  let previous = -1;
  for (const e of data.entries) {
    const at = `台帳の記録 #${e.leafIndex}`;
    const atEn = `ledger entry #${e.leafIndex}`;
    let leaf: Leaf;
    try {
      leaf = parseLeaf(e.leaf);
    } catch {
      fail({ part: 'entry', leafIndex: e.leafIndex, ja: `${at} の内容が台帳の形式ではありません`, en: `${atEn} is not a ledger leaf as hashed` });
      continue;
    }
    const what = `${at}（${EVIDENCE_KIND_LABELS[leaf.kind].ja}、${jstTime(leaf.at)}）`;
    const whatEn = `${atEn} (${EVIDENCE_KIND_LABELS[leaf.kind].en}, ${new Date(leaf.at).toISOString()})`;
    if (e.leafIndex <= previous) fail({ part: 'entry', leafIndex: e.leafIndex, ja: `${what} の順序が正しくありません`, en: `${whatEn} is out of order` });
    previous = Math.max(previous, e.leafIndex);
    const belongs = leaf.m === data.messageId || (leaf.m === null && leaf.c === data.campaign.id);
    if (!belongs) fail({ part: 'entry', leafIndex: e.leafIndex, ja: `${what} はこのメッセージの記録ではありません`, en: `${whatEn} is not this message's` });
    const hash = leafHash(e.leaf);
    if (hash.toString('hex') !== e.leafHash) {
      fail({ part: 'entry', leafIndex: e.leafIndex, ja: `${what} の内容がハッシュと一致しません（改変されています）`, en: `${whatEn} does not match its hash (changed)` });
    } else if (!verifyInclusion(hash, e.leafIndex, h.size, e.proof.map((p) => Buffer.from(p, 'hex')), root)) {
      fail({ part: 'entry', leafIndex: e.leafIndex, ja: `${what} の包含証明がツリーヘッドに届きません`, en: `${whatEn}: its inclusion proof does not lead to the tree head` });
    }
    leaves.push(leaf);
  }

  // Contents: each one named by an entry in a field of its role, and opening its commitment.
  const named = new Set<string>();
  for (const leaf of leaves) {
    const fields = REVEALED_FIELDS[leaf.kind];
    if (!fields || !isObj(leaf.d)) continue;
    for (const [field, role] of Object.entries(fields)) {
      const v = leaf.d[field];
      if (typeof v === 'string') named.add(`${role}:${v}`);
    }
  }
  let revealed = 0;
  let withheld = 0;
  for (const c of data.contents) {
    const label = `開示した内容（${c.role}）`;
    if (!named.has(`${c.role}:${c.commitment}`)) {
      fail({ part: 'content', role: c.role, ja: `${label} のコミットメントはどの記録にもありません`, en: `revealed content (${c.role}): no entry commits to it` });
      continue;
    }
    if (c.nonce === null || c.content === null) {
      withheld++;
      continue;
    }
    if (!opensTo(c.commitment, c.nonce, c.content)) {
      fail({ part: 'content', role: c.role, ja: `${label} が記録のコミットメントと一致しません（改変されています）`, en: `revealed content (${c.role}) does not open its commitment (changed)` });
      continue;
    }
    revealed++;
    if (c.role === 'recipient_number' && maskPhone(c.content) !== data.recipient.maskedNumber) {
      fail({ part: 'recipient', ja: `宛先の番号（${data.recipient.maskedNumber}）が記録された番号と一致しません`, en: `the recipient's number (${data.recipient.maskedNumber}) is not the recorded one` });
    }
  }

  return { revealed, withheld };
}

const formatFailure = (shape: string): CertificateFailure => ({ part: 'format', ja: `記録証明書のデータの形式が正しくありません（${shape}）`, en: `not a certificate's data (${shape})` });

export async function verifyCertificate(input: unknown, options: VerifyCertificateOptions = {}): Promise<CertificateCheck> {
  const shape = shapeProblem(input);
  if (shape) return { ok: false, failures: [formatFailure(shape)] };
  const data = input as CertificateData;
  const failures: CertificateFailure[] = [];
  const fail = (f: CertificateFailure) => failures.push(f);
  const tsa = await checkHead(data, options, fail);
  const { revealed, withheld } = checkBody(data, fail);
  if (failures.length > 0) return { ok: false, failures };
  const h = data.head;
  return {
    ok: true,
    messageId: data.messageId,
    entries: data.entries.length,
    revealed,
    withheld,
    head: { size: h.size, at: h.at, keyId: h.keyId },
    timeSource: data.timeSource,
    tsa,
  };
}

/**
 * What verifyCertificate checks except the head's signature and token, for an issuer writing many
 * certificates under one head it has checked once (exports): the failures, none when it checks.
 */
export function verifyCertificateBody(input: unknown): CertificateFailure[] {
  const shape = shapeProblem(input);
  if (shape) return [formatFailure(shape)];
  const failures: CertificateFailure[] = [];
  checkBody(input as CertificateData, (f) => failures.push(f));
  return failures;
}
