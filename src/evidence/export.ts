// Exports evidence as a bundle (todoku-evidence-bundle/1, docs/evidence-bundle.md): one campaign's
// entries with their inclusion proofs, the heads that cover them and their consistency proofs, the
// revealed contents and each message's certificate; or the whole ledger for a hand-over (引継ぎ). The
// ledger is sealed first (a head covering everything appended so far); the bundle holds exactly what
// that head covers. Entries are read and written page by page into a streamed zip, so a million
// entries take the memory of one page (plus the set of commitments and message ids they name).
import { Readable } from 'node:stream';
import type { Store } from '../store/index.ts';
import type { Vault } from '../core/vault.ts';
import type { HeadRow } from '../store/evidence/heads.ts';
import { leafOfRow } from '../store/evidence/sequence.ts';
import { rangeHashes, consistencyProofAt } from '../store/evidence/proofs.ts';
import { campaignEntryPage, firstHeadCovering, headPage, ledgerEntryPage, sealedContents, type EntryRow } from '../store/evidence/bundle-rows.ts';
import { carriedCommitment } from '../store/evidence/recorder.ts';
import { leafText } from '../core/evidence/entry.ts';
import { inclusionProof, inclusionRanges, subtreeFromRanges } from '../core/evidence/merkle.ts';
import { commitmentNonce, opensTo } from '../core/evidence/commitment.ts';
import type { CertificateData } from '../core/evidence/certificate.ts';
import {
  BUNDLE_FILES,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  bundleReadme,
  certificateFile,
  commitmentsOf,
  jsonLine,
  manifestText,
  type BundleHeadLine,
  type BundleManifest,
  type BundleScope,
} from '../core/evidence/bundle-format.ts';
import { signingKey } from './signing-key.ts';
import { ZipWriter } from './bundle/zip-writer.ts';

export interface BundleExportDeps {
  store: Store;
  vault: Vault;
  /** The ledger: seal() sequences what is pending and returns a head covering it. */
  ledger: { seal(reason: string): Promise<HeadRow> };
  /** The TSA roots the installation trusts (TODOKU_TSA_CA_FILE), written into the manifest. */
  tsaRootsPem?: readonly string[] | null;
  /**
   * A message's certificate data (src/evidence/certificate/), proven against the bundle's last head (so a
   * verifier checks that head's signature and token once); without it a bundle reveals contents only.
   */
  certificate?: ((messageId: number, head: HeadRow) => Promise<CertificateData>) | null;
  now: () => number;
}

export interface PreparedBundle {
  /** The head the bundle ends with. */
  head: HeadRow;
  /** A name for the file: todoku-evidence-<campaign id | all>-<head size>.zip. */
  filename: string;
  stream: Readable;
}

const PAGE = 1000;

/** Seals the ledger, then returns the bundle as a stream (the zip is written while it is read). */
export async function prepareBundle(deps: BundleExportDeps, scope: BundleScope): Promise<PreparedBundle> {
  const head = await deps.ledger.seal('export');
  const filename = `todoku-evidence-${scope.kind === 'campaign' ? scope.campaign.id : 'all'}-${head.tree_size}.zip`;
  return { head, filename, stream: Readable.from(bundleBytes(deps, scope, head), { objectMode: false }) };
}

const headLine = (h: HeadRow): BundleHeadLine => ({
  size: h.tree_size,
  root: h.root_hash,
  at: h.signed_at,
  keyId: h.key_id,
  signature: h.signature,
  tsaToken: h.tsa_token,
  tsaTime: h.tsa_time,
});

/** Pages of the scope's entries covered by the head. */
async function* entryPages(deps: BundleExportDeps, scope: BundleScope, head: HeadRow): AsyncGenerator<EntryRow[]> {
  const conn = deps.store.db.kysely;
  let after = scope.kind === 'campaign' ? 0 : -1;
  for (;;) {
    const page = scope.kind === 'campaign' ? await campaignEntryPage(conn, scope.campaign.id, after, head.tree_size, PAGE) : await ledgerEntryPage(conn, after, head.tree_size, PAGE);
    if (page.length === 0) return;
    yield page;
    const last = page[page.length - 1]!;
    after = scope.kind === 'campaign' ? last.n! : last.leaf_index;
    if (page.length < PAGE) return;
  }
}

async function* bundleBytes(deps: BundleExportDeps, scope: BundleScope, final: HeadRow): AsyncGenerator<Uint8Array> {
  const conn = deps.store.db.kysely;
  const key = signingKey(deps.vault);
  const created = new Date(deps.now());
  const createdAt = created.toISOString();
  const zip = new ZipWriter(created);
  const files: Record<string, string> = {};
  const counts = { entries: 0, heads: 0, stampedHeads: 0, contents: 0, certificates: 0 };

  files[BUNDLE_FILES.readme] = zip.put(BUNDLE_FILES.readme, bundleReadme(scope, createdAt, key.keyId));
  yield* zip.drain();

  // entries.jsonl, noting what the later files need: commitments (and which entry carries a message's
  // text on its row), messages, and (for a campaign) the first head covering each entry.
  const commitments = new Set<string>();
  const carriedAt = new Map<string, number>();
  const messages = new Set<number>();
  const covering = new Map<number, HeadRow>([[final.id, final]]);
  let current: HeadRow | null = null;
  const entries = zip.file(BUNDLE_FILES.entries);
  for await (const page of entryPages(deps, scope, final)) {
    const lines: string[] = [];
    for (const row of page) {
      const leaf = leafOfRow(row);
      lines.push(jsonLine({ leafIndex: row.leaf_index, leafHash: row.leaf_hash, leaf: leafText(leaf) }));
      for (const c of commitmentsOf(leaf.kind, leaf.d)) commitments.add(c);
      const carried = row.carries ? carriedCommitment(leaf.d) : null;
      if (carried !== null && !carriedAt.has(carried)) carriedAt.set(carried, row.leaf_index);
      if (scope.kind === 'campaign') {
        if (row.message_id !== null) messages.add(row.message_id);
        if (!current || current.tree_size <= row.leaf_index) {
          current = await firstHeadCovering(conn, row.leaf_index, final);
          if (current) covering.set(current.id, current);
        }
      }
    }
    entries.write(lines.join(''));
    counts.entries += page.length;
    yield* zip.drain();
  }
  files[BUNDLE_FILES.entries] = entries.end();

  // heads.jsonl: for a campaign, the heads that first covered its entries and the last; else all of them.
  const heads = zip.file(BUNDLE_FILES.heads);
  const bundleHeads: HeadRow[] = [];
  const writeHeads = (rows: readonly HeadRow[]) => {
    heads.write(rows.map((h) => jsonLine(headLine(h))).join(''));
    counts.heads += rows.length;
    counts.stampedHeads += rows.filter((h) => h.tsa_token !== null).length;
  };
  if (scope.kind === 'campaign') {
    bundleHeads.push(...[...covering.values()].sort((a, b) => a.tree_size - b.tree_size || a.id - b.id));
    writeHeads(bundleHeads);
  } else {
    for (let after = 0; ; ) {
      const page = await headPage(conn, final, after, PAGE);
      if (page.length === 0) break;
      writeHeads(page);
      after = page[page.length - 1]!.id;
      yield* zip.drain();
    }
  }
  files[BUNDLE_FILES.heads] = heads.end();
  yield* zip.drain();

  // proofs.json (a campaign's): each entry in the last head, each head's tree in the next one's.
  if (scope.kind === 'campaign') {
    const proofs = zip.file(BUNDLE_FILES.proofs);
    proofs.write(`{"treeSize":${final.tree_size},"inclusion":[`);
    let first = true;
    for await (const page of entryPages(deps, scope, final)) {
      const ranges = page.flatMap((row) => inclusionRanges(row.leaf_index, final.tree_size));
      const subtree = subtreeFromRanges(await rangeHashes(conn, ranges));
      const items = page.map((row) => JSON.stringify({ leafIndex: row.leaf_index, proof: inclusionProof(row.leaf_index, final.tree_size, subtree).map((h) => h.toString('hex')) }));
      proofs.write((first ? '' : ',') + items.join(','));
      first = false;
      yield* zip.drain();
    }
    const consistency: string[] = [];
    for (let i = 1; i < bundleHeads.length; i += 1) {
      const [a, b] = [bundleHeads[i - 1]!, bundleHeads[i]!];
      if (a.tree_size === b.tree_size) continue;
      const proof = await consistencyProofAt(conn, a.tree_size, b.tree_size);
      consistency.push(JSON.stringify({ from: a.tree_size, to: b.tree_size, proof: proof.map((h) => h.toString('hex')) }));
    }
    proofs.write(`],"consistency":[${consistency.join(',')}]}`);
    files[BUNDLE_FILES.proofs] = proofs.end();
    yield* zip.drain();
  }

  // certificates/<message>.json: each message's 記録証明書 data, for a campaign. What they reveal that
  // the ledger keeps no sealed copy of (a recipient's number) goes into contents.jsonl as well.
  const revealed = new Map<string, { nonce: string; content: string }>();
  if (scope.kind === 'campaign' && deps.certificate) {
    for (const messageId of [...messages].sort((a, b) => a - b)) {
      const data = await deps.certificate(messageId, final);
      const name = certificateFile(messageId);
      files[name] = zip.put(name, JSON.stringify(data));
      counts.certificates += 1;
      for (const c of data.contents) if (c.nonce !== null && c.content !== null && commitments.has(c.commitment)) revealed.set(c.commitment, { nonce: c.nonce, content: c.content });
      yield* zip.drain();
    }
  }

  // contents.jsonl: every content the entries commit to that the installation still has, opened, with its nonce.
  const contents = zip.file(BUNDLE_FILES.contents);
  const named = [...commitments];
  commitments.clear();
  for (let i = 0; i < named.length; i += 500) {
    const batch = named.slice(i, i + 500);
    const sealed = await sealedContents(conn, batch, carriedAt);
    const lines: string[] = [];
    for (const commitment of batch) {
      const enc = sealed.get(commitment);
      const known = revealed.get(commitment);
      if (enc === undefined && known === undefined) continue;
      const content = enc === undefined ? known!.content : deps.vault.decrypt(enc);
      const nonce = enc === undefined ? known!.nonce : commitmentNonce(deps.vault, content).toString('hex');
      // Content that does not open its commitment is left out rather than shipped broken.
      if (!opensTo(commitment, nonce, content)) continue;
      lines.push(jsonLine({ commitment, nonce, content }));
    }
    contents.write(lines.join(''));
    counts.contents += lines.length;
    yield* zip.drain();
  }
  files[BUNDLE_FILES.contents] = contents.end();

  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt,
    scope,
    counts,
    key: { keyId: key.keyId, publicKeyPem: key.publicKeyPem },
    tsa: deps.tsaRootsPem?.length ? { rootsPem: [...deps.tsaRootsPem] } : null,
    files,
  };
  const text = manifestText(manifest);
  zip.put(BUNDLE_FILES.manifest, text);
  zip.put(BUNDLE_FILES.signature, `${key.sign(text)}\n`);
  zip.end();
  yield* zip.drain();
}

/** What the API asks for: a campaign's bundle, or the whole ledger's. */
export interface BundleExports {
  campaign(campaign: { id: number; name: string }): Promise<PreparedBundle>;
  all(): Promise<PreparedBundle>;
}

export function createBundleExports(deps: BundleExportDeps): BundleExports {
  return {
    campaign: (campaign) => prepareBundle(deps, { kind: 'campaign', campaign: { id: campaign.id, name: campaign.name } }),
    all: () => prepareBundle(deps, { kind: 'all' }),
  };
}
