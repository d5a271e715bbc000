// The evidence bundle's format, `todoku-evidence-bundle/1` (docs/evidence-bundle.md): what each file of
// the zip holds, as types, and the words of its README. The exporter (src/evidence/export.ts) writes
// these shapes and the verifier (core/evidence/verify-bundle.ts) reads them; nothing here does I/O.
import type { EvidenceData, EvidenceKind } from './entry.ts';

export const BUNDLE_FORMAT = 'todoku-evidence-bundle';
export const BUNDLE_VERSION = 1;

/** The files at the top of a bundle. Certificates sit under `certificates/<messageId>.json`. */
export const BUNDLE_FILES = {
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  entries: 'entries.jsonl',
  heads: 'heads.jsonl',
  proofs: 'proofs.json',
  contents: 'contents.jsonl',
  readme: 'README.txt',
} as const;

export const CERTIFICATE_DIR = 'certificates/';
export const certificateFile = (messageId: number): string => `${CERTIFICATE_DIR}${messageId}.json`;

/** One campaign's evidence, or the whole ledger (the hand-over, 引継ぎ). */
export type BundleScope = { kind: 'campaign'; campaign: { id: number; name: string } } | { kind: 'all' };

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** When the bundle was made, ISO 8601 (UTC). */
  createdAt: string;
  scope: BundleScope;
  counts: { entries: number; heads: number; stampedHeads: number; contents: number; certificates: number };
  /** The installation's Ed25519 key: it signs every tree head and manifest.sig. */
  key: { keyId: string; publicKeyPem: string };
  /** The time-stamp authority's roots the installation trusts (TODOKU_TSA_CA_FILE), when configured. */
  tsa: { rootsPem: string[] } | null;
  /** Every other file of the bundle (all but manifest.json and manifest.sig) and its SHA-256, hex. */
  files: Record<string, string>;
}

/** A line of entries.jsonl: the leaf's place in the tree, its hash (RFC 9162 leaf hash, hex) and its text as hashed. */
export interface BundleEntryLine {
  leafIndex: number;
  leafHash: string;
  leaf: string;
}

/** A line of heads.jsonl: a signed tree head and its RFC 3161 token (DER, base64) when one was stamped. */
export interface BundleHeadLine {
  size: number;
  root: string;
  at: number;
  keyId: string;
  /** Ed25519 over the head's text (core/evidence/head.ts), base64. */
  signature: string;
  tsaToken: string | null;
  /** The token's genTime (epoch ms), as the installation read it; the verifier reads it again from the token. */
  tsaTime: number | null;
}

/** proofs.json: hex hashes, RFC 9162 order. Inclusion against the last head; consistency between consecutive heads. */
export interface BundleProofs {
  /** The size of the head the inclusion proofs are for (the bundle's last head). */
  treeSize: number;
  inclusion: { leafIndex: number; proof: string[] }[];
  consistency: { from: number; to: number; proof: string[] }[];
}

/** A line of contents.jsonl: sealed content revealed, with the nonce that opens its commitment (core/evidence/commitment.ts). */
export interface BundleContentLine {
  commitment: string;
  nonce: string;
  content: string;
}

/** Which fields of each kind's data are commitments to sealed content (the rest are ids, codes, hashes of files). */
export const COMMITMENT_FIELDS: { readonly [K in EvidenceKind]: readonly (keyof EvidenceData[K])[] } = {
  'list.accepted': [],
  'content.fixed': ['template', 'landing'],
  'approval.requested': ['content'],
  'approval.approved': ['comment'],
  'approval.rejected': ['comment'],
  'send.confirmed': [],
  'message.submitted': ['text', 'recipient'],
  'message.refused': ['text'],
  'message.receipt': [],
  'message.final': [],
  'page.opened': [],
  'identity.passed': [],
  'identity.failed': [],
  'identity.locked': [],
  'document.downloaded': [],
  'survey.answered': ['answers'],
  'payment.succeeded': ['amount', 'reference'],
  'reply.received': ['text'],
  'opt_out.recorded': ['number'],
  'operator.action': [],
  'consent.recorded': ['note'],
  'campaign.completed': [],
  'clock.skew': [],
  'promise.created': ['amount'],
  'instalment.requested': ['monthly', 'note'],
  'dispute.raised': ['note'],
  'not_me.reported': ['number'],
  'cadence.left': [],
};

const HEX64 = /^[0-9a-f]{64}$/;

/** The commitments a leaf's data names (null fields skipped). */
export function commitmentsOf(kind: EvidenceKind, data: unknown): string[] {
  if (data === null || typeof data !== 'object') return [];
  const fields = COMMITMENT_FIELDS[kind] as readonly string[];
  return fields.map((f) => (data as Record<string, unknown>)[f]).filter((v): v is string => typeof v === 'string' && HEX64.test(v));
}

/** The README inside every bundle: what it is and how to check it, in Japanese then English. */
export function bundleReadme(scope: BundleScope, createdAt: string, keyId: string): string {
  const what = scope.kind === 'campaign' ? `キャンペーン「${scope.campaign.name}」(ID ${scope.campaign.id}) の証跡` : 'この設置の証跡台帳のすべて（引継ぎ用）';
  const whatEn = scope.kind === 'campaign' ? `the evidence of campaign "${scope.campaign.name}" (id ${scope.campaign.id})` : "this installation's whole evidence ledger (a hand-over)";
  return [
    'Todoku 証跡バンドル / Todoku evidence bundle',
    `形式 / format: ${BUNDLE_FORMAT}/${BUNDLE_VERSION}    作成 / created: ${createdAt}    鍵 / key id: ${keyId}`,
    '',
    '【これは何か】',
    `${what}です。台帳の各記録（受付、内容確定、送信、携帯電話会社の受付、到達、閲覧、本人確認など）は`,
    'Merkle 木（RFC 9162 の方式）の葉として記録され、木の頭（ツリーヘッド）は設置の Ed25519 鍵で署名され、',
    '設定されていれば RFC 3161 の時刻認証局（TSA）のタイムスタンプが付いています。記録には個人情報を平文で',
    '含めず、本文や番号はコミットメント（ハッシュ）で示し、その中身と開封用のノンスを contents.jsonl と',
    'certificates/ に収めています。個人情報を含むため、取り扱いに注意してください。',
    '',
    '【確かめ方】',
    '  npx todoku evidence verify このファイル.zip [--tsa-ca TSAのルート証明書.pem]',
    'サーバーもデータベースも使わず、このファイルだけで検証します。すべて正しければ終了コード0と要約を、',
    '変更・削除・並べ替え・追加があれば終了コード1と最初に失敗した記録・ツリーヘッド・トークンを示します。',
    '鍵ID が、組織が公表している鍵ID と一致することも確かめてください。',
    'ファイルの中身と検証の手順は docs/evidence-bundle.md にあります（独自の検証器を作ることもできます）。',
    '',
    '[What this is]',
    `This is ${whatEn}. Every record of the ledger (list accepted, content fixed, submitted, carrier's`,
    'answer, delivered, opened, identity checked …) is a leaf of a Merkle tree (as in RFC 9162); each tree',
    "head is signed with the installation's Ed25519 key and, when configured, time-stamped by an RFC 3161",
    'Time-Stamp Authority. Records hold no personal data in clear: texts and numbers appear as commitments',
    '(hashes), and the contents with the nonces that open them are in contents.jsonl and certificates/.',
    'It therefore holds personal data: handle it accordingly.',
    '',
    '[How to verify]',
    '  npx todoku evidence verify this-file.zip [--tsa-ca tsa-root.pem]',
    'It needs no server and no database. Exit 0 with a summary when everything checks; exit 1 naming the',
    'first entry, tree head or token that fails when anything was changed, removed, reordered or added.',
    "Also check that the key id matches the one the organisation publishes. Each file and every check is",
    'described in docs/evidence-bundle.md, so that anyone can write their own verifier.',
    '',
  ].join('\n');
}

/** The manifest as written (and signed): two-space JSON with a final newline. */
export const manifestText = (m: BundleManifest): string => `${JSON.stringify(m, null, 2)}\n`;

/** One line of a .jsonl file. */
export const jsonLine = (value: unknown): string => `${JSON.stringify(value)}\n`;
