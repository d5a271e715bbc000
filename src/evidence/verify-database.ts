// `todoku evidence verify --database`: the whole ledger checked from its rows, trusting nothing stored
// but the rows' own columns. Every leaf hash is recomputed from its entry (kind, at, campaign, message,
// number, data); leaf indexes must run 0, 1, 2 … with no gap and numbers 1, 2, 3 … within each
// campaign; the tree is rebuilt leaf by leaf and every stored node and the stored frontier compared
// with it; at each head's size the rebuilt root must be the head's root, the head's signature must
// verify under this installation's key, and its RFC 3161 token (if any) must stamp that head. The first
// failure in the log's own order is reported, in Japanese and English.
import type { Bilingual } from '../core/errors.ts';
import { leafText } from '../core/evidence/entry.ts';
import { headDigest, verifyHeadSignature, type TreeHead } from '../core/evidence/head.ts';
import { appendLeaf, EMPTY_FRONTIER, frontierLevels, frontierRoot, leafHash, type Frontier } from '../core/evidence/merkle.ts';
import { verifyTimestampToken } from '../core/evidence/tsa-token.ts';
import type { Conn } from '../store/evidence/recorder.ts';
import { leafOfRow, readState } from '../store/evidence/sequence.ts';
import { listHeads, type HeadRow } from '../store/evidence/heads.ts';

export interface VerifyFailure extends Bilingual {
  /** Where: the entry's leaf index, the head's id, the node's level/idx, or the stored state. */
  where: { leafIndex: number } | { headId: number } | { node: { level: number; idx: number } } | { state: true };
}

export interface DatabaseVerifyReport {
  ok: boolean;
  /** Entries in the tree (sequenced). */
  entries: number;
  /** Entries waiting for the sequencer (not checked: they are not in the tree yet). */
  pending: number;
  heads: number;
  stampedHeads: number;
  lastHeadAt: number | null;
  failure: VerifyFailure | null;
}

export interface VerifyDatabaseOptions {
  publicKeyPem: string;
  keyId: string;
  /** TODOKU_TSA_CA_FILE's certificates: tokens must chain to them when given. */
  tsaTrustedCertsPem?: string[];
  pageSize?: number;
}

const entryFailure = (leafIndex: number, en: string, ja: string): VerifyFailure => ({ where: { leafIndex }, en, ja });
const headFailure = (headId: number, en: string, ja: string): VerifyFailure => ({ where: { headId }, en, ja });

export const headOfRow = (h: HeadRow): TreeHead => ({ size: Number(h.tree_size), root: h.root_hash, at: Number(h.signed_at), keyId: h.key_id });

/** The checks of one head once the tree has been rebuilt up to its size. */
async function checkHead(h: HeadRow, root: string, options: VerifyDatabaseOptions): Promise<VerifyFailure | null> {
  const id = Number(h.id);
  if (h.root_hash !== root) {
    return headFailure(id, `tree head ${id} (${h.tree_size} entries): its root hash is not the root of the entries (an entry before it, or the head, was changed)`, `ツリーヘッド ${id}（${h.tree_size} 件）のルートハッシュが記録から計算した値と一致しません（それ以前の記録かヘッドが変更されています）`);
  }
  if (h.key_id !== options.keyId) {
    return headFailure(id, `tree head ${id} names key ${h.key_id}, not this installation's key ${options.keyId} (was TODOKU_SECRET_KEY changed?)`, `ツリーヘッド ${id} の鍵 ${h.key_id} はこの設置の鍵 ${options.keyId} ではありません（TODOKU_SECRET_KEY が変わりましたか）`);
  }
  if (!verifyHeadSignature(headOfRow(h), h.signature, options.publicKeyPem)) {
    return headFailure(id, `tree head ${id}: its signature does not verify (the head was changed after it was signed)`, `ツリーヘッド ${id} の署名を検証できません（署名後にヘッドが変更されています）`);
  }
  if (h.tsa_token !== null) {
    const check = await verifyTimestampToken(Buffer.from(h.tsa_token, 'base64'), headDigest(headOfRow(h)), options.tsaTrustedCertsPem ? { trustedCertsPem: options.tsaTrustedCertsPem } : {});
    if (!check.ok) return headFailure(id, `tree head ${id}: its time stamp does not hold: ${check.reason}`, `ツリーヘッド ${id} のタイムスタンプが有効ではありません: ${check.reasonJa}`);
    if (h.tsa_time !== null && Number(h.tsa_time) !== check.genTime) {
      return headFailure(id, `tree head ${id}: the stored stamp time is not the time in its token`, `ツリーヘッド ${id} の記録された時刻がトークンの時刻と一致しません`);
    }
  }
  return null;
}

/** The stored nodes completed by the leaves [from, to): level l, idx i completes at leaf (i + 1)·2^l − 1. */
async function storedNodes(conn: Conn, from: number, to: number): Promise<Map<string, string>> {
  const ranges: { level: number; lo: number; hi: number }[] = [];
  for (let level = 1; 2 ** level <= to; level += 1) {
    const w = 2 ** level;
    const lo = Math.ceil((from + 1) / w) - 1;
    const hi = Math.floor(to / w) - 1;
    if (hi >= lo) ranges.push({ level, lo, hi });
  }
  if (ranges.length === 0) return new Map();
  const rows = await conn
    .selectFrom('evidence_nodes')
    .select(['level', 'idx', 'hash'])
    .where((eb) => eb.or(ranges.map((r) => eb.and([eb('level', '=', r.level), eb('idx', '>=', r.lo), eb('idx', '<=', r.hi)]))))
    .execute();
  return new Map(rows.map((r) => [`${r.level}/${Number(r.idx)}`, r.hash]));
}

export async function verifyDatabase(conn: Conn, options: VerifyDatabaseOptions): Promise<DatabaseVerifyReport> {
  const pageSize = options.pageSize ?? 5000;
  // Heads first, then the state: a running server keeps appending, and every head read then covers at
  // most the size read after it; entries and nodes beyond that size are left for the next check.
  const heads = (await listHeads(conn)).sort((a, b) => a.tree_size - b.tree_size || a.id - b.id);
  const state = await readState(conn);
  const pending = Number((await conn.selectFrom('evidence_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('leaf_index', 'is', null).executeTakeFirstOrThrow()).n);
  const report: DatabaseVerifyReport = {
    ok: true,
    entries: 0,
    pending,
    heads: heads.length,
    stampedHeads: heads.filter((h) => h.tsa_token !== null).length,
    lastHeadAt: heads.reduce<number | null>((max, h) => (max === null || h.signed_at > max ? h.signed_at : max), null),
    failure: null,
  };
  const fail = (failure: VerifyFailure): DatabaseVerifyReport => ({ ...report, ok: false, failure });

  const tooBig = heads.find((h) => h.tree_size > state.size);
  let frontier: Frontier = EMPTY_FRONTIER;
  let nextHead = 0;
  const lastN = new Map<number, number>();
  // Heads at size 0 and those covered as the tree grows are checked in the log's order.
  const headsUpTo = async (size: number): Promise<VerifyFailure | null> => {
    while (nextHead < heads.length && heads[nextHead]!.tree_size <= size) {
      const h = heads[nextHead]!;
      nextHead += 1;
      if (h.tree_size !== size) continue;
      const problem = await checkHead(h, frontierRoot(frontier).toString('hex'), options);
      if (problem) return problem;
    }
    return null;
  };
  let problem = await headsUpTo(0);
  if (problem) return fail(problem);

  for (;;) {
    const rows = await conn
      .selectFrom('evidence_entries')
      .select(['leaf_index', 'kind', 'at', 'campaign_id', 'message_id', 'n', 'data_json', 'leaf_hash'])
      .where('leaf_index', '>=', frontier.size)
      .where('leaf_index', '<', state.size)
      .orderBy('leaf_index')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    const from = frontier.size;
    const nodes = await storedNodes(conn, from, Math.min(from + rows.length, state.size));
    for (const row of rows) {
      const index = Number(row.leaf_index);
      if (index !== frontier.size) {
        return fail(entryFailure(frontier.size, `the entry at leaf index ${frontier.size} is missing (deleted from the ledger)`, `記録 #${frontier.size} がありません（台帳から削除されています）`));
      }
      let text: string;
      try {
        text = leafText(leafOfRow(row));
      } catch {
        return fail(entryFailure(index, `the entry at leaf index ${index} cannot be read (its data is not JSON)`, `記録 #${index} を読めません（データが JSON ではありません）`));
      }
      const hash = leafHash(text);
      if (row.leaf_hash !== hash.toString('hex')) {
        return fail(entryFailure(index, `the entry at leaf index ${index} does not match its leaf hash (the entry or its hash was changed)`, `記録 #${index} の内容がハッシュ値と一致しません（記録かハッシュ値が変更されています）`));
      }
      if (row.campaign_id !== null) {
        const campaign = Number(row.campaign_id);
        const want = (lastN.get(campaign) ?? 0) + 1;
        if (row.n === null || Number(row.n) !== want) {
          return fail(entryFailure(index, `campaign ${campaign}: entry number ${want} expected at leaf index ${index}, found ${row.n ?? 'none'}`, `キャンペーン ${campaign}: 記録 #${index} の番号は ${want} のはずが ${row.n ?? 'なし'} です`));
        }
        lastN.set(campaign, want);
      } else if (row.n !== null) {
        return fail(entryFailure(index, `the entry at leaf index ${index} has a campaign number but no campaign`, `記録 #${index} にキャンペーンがないのに番号があります`));
      }
      const step = appendLeaf(frontier, hash);
      frontier = step.frontier;
      for (const c of step.completed) {
        const stored = nodes.get(`${c.level}/${c.idx}`);
        if (stored !== c.hash.toString('hex')) {
          const what = stored === undefined ? ['is missing', 'がありません'] : ['does not match the entries under it', 'が記録から計算した値と一致しません'];
          return fail({ where: { node: { level: c.level, idx: c.idx } }, en: `tree node ${c.level}/${c.idx} (entries ${c.idx * 2 ** c.level}–${(c.idx + 1) * 2 ** c.level - 1}) ${what[0]}`, ja: `木のノード ${c.level}/${c.idx}（記録 #${c.idx * 2 ** c.level}〜#${(c.idx + 1) * 2 ** c.level - 1}）${what[1]}` });
        }
      }
      report.entries = frontier.size;
      problem = await headsUpTo(frontier.size);
      if (problem) return fail(problem);
    }
  }

  if (frontier.size < state.size) {
    return fail(entryFailure(frontier.size, `the entry at leaf index ${frontier.size} is missing (the tree has ${state.size} entries)`, `記録 #${frontier.size} がありません（木には ${state.size} 件あるはずです）`));
  }
  if (tooBig) {
    return fail(headFailure(tooBig.id, `tree head ${tooBig.id} covers ${tooBig.tree_size} entries but the tree has ${state.size}`, `ツリーヘッド ${tooBig.id} は ${tooBig.tree_size} 件を対象としていますが、木には ${state.size} 件しかありません`));
  }
  const storedFrontier = state.hashes.map((h) => h.toString('hex'));
  if (storedFrontier.join() !== frontier.hashes.map((h) => h.toString('hex')).join() || storedFrontier.length !== frontierLevels(state.size).length) {
    return fail({ where: { state: true }, en: "the stored right edge of the tree (evidence_state) is not the one rebuilt from the entries", ja: '保存された木の右端（evidence_state）が記録から再構成したものと一致しません' });
  }
  return report;
}
