// The bundle verifier against bundles built here in memory with the ledger's own pure functions (leaves,
// Merkle proofs, signed heads, commitments): a bundle as the exporter writes it verifies, and each part
// changed in turn — an entry's text, an entry removed, two reordered, one added, a head's root or
// signature, a head removed, a revealed content, a certificate, the manifest's hashes, an extra file, the
// manifest's signature — fails, naming the check and the entry, head or file. A tamperer who also fixes
// the manifest's file hashes is caught by the specific check; one who does not, by the file hash, with the
// specific check as the detail. (Time-stamp tokens need an openssl TSA: test/evidence/bundle.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { leafText, type EvidenceKind, type Leaf } from '../../../src/core/evidence/entry.ts';
import { commitmentOf } from '../../../src/core/evidence/commitment.ts';
import { consistencyProof, inclusionProof, leafHash, rootOf, subtreeOf } from '../../../src/core/evidence/merkle.ts';
import { headText, type TreeHead } from '../../../src/core/evidence/head.ts';
import { CERTIFICATE_VERSION, type CertificateData } from '../../../src/core/evidence/certificate.ts';
import { maskPhone } from '../../../src/core/inbound/mask.ts';
import {
  BUNDLE_FILES,
  bundleReadme,
  certificateFile,
  commitmentsOf,
  jsonLine,
  manifestText,
  type BundleEntryLine,
  type BundleHeadLine,
  type BundleManifest,
  type BundleProofs,
  type BundleScope,
} from '../../../src/core/evidence/bundle-format.ts';
import { failureLine, verifyBundle, type BundleCheck, type BundleReport } from '../../../src/core/evidence/verify-bundle.ts';
import { signingKey } from '../../../src/evidence/signing-key.ts';
import { createVault } from '../../../src/security/vault.ts';

const key = signingKey(createVault(Buffer.alloc(32, 9)));
const T0 = Date.UTC(2026, 11, 7, 1, 0, 0);
const CAMPAIGN = 7;
const NUMBER = '+819012345678';
const TEXT = '東都大学です。学費のお支払いをお願いします。';

// Content sealed with a nonce: what the installation keeps, and reveals in a bundle.
const sealed = new Map<string, { nonce: string; content: string }>();
function commit(content: string): string {
  const nonce = randomBytes(16);
  const c = commitmentOf(nonce, content);
  sealed.set(c, { nonce: nonce.toString('hex'), content });
  return c;
}

interface Fact {
  kind: EvidenceKind;
  c: number | null;
  m: number | null;
  d: unknown;
}

const template = commit('{{name}}様 学費のお支払いをお願いします {{url}}');
const smsText = commit(TEXT);
const recipient = commit(NUMBER);
// Campaign 7 interleaved with campaign 8 and entries of no campaign, as a live ledger is.
const FACTS: Fact[] = [
  { kind: 'list.accepted', c: CAMPAIGN, m: null, d: { fileSha256: 'ab'.repeat(32), rows: 3, accepted: 3, rejected: 0, mode: 'import', by: 1 } },
  { kind: 'list.accepted', c: 8, m: null, d: { fileSha256: 'cd'.repeat(32), rows: 1, accepted: 1, rejected: 0, mode: 'api', by: null } },
  { kind: 'content.fixed', c: CAMPAIGN, m: null, d: { template, landing: null, recipients: 3, by: 1 } },
  { kind: 'send.confirmed', c: CAMPAIGN, m: null, d: { by: 1, scheduledAt: null, test: false, approval: null } },
  { kind: 'message.submitted', c: CAMPAIGN, m: 101, d: { route: 'sim', smscId: 'a1', parts: 1, text: smsText, recipient } },
  { kind: 'opt_out.recorded', c: null, m: null, d: { source: 'reply', number: commit('+819000000000') } },
  { kind: 'message.submitted', c: CAMPAIGN, m: 102, d: { route: 'sim', smscId: 'a2', parts: 1, text: commit('二通目'), recipient: commit('+819011112222') } },
  { kind: 'message.submitted', c: 8, m: 201, d: { route: 'sim', smscId: 'b1', parts: 1, text: commit('別の通知'), recipient: commit('+819033334444') } },
  { kind: 'message.receipt', c: CAMPAIGN, m: 101, d: { stat: 'DELIVRD', doneDate: '2612071001', err: '000', state: 'delivered', smscId: 'a1' } },
  { kind: 'message.receipt', c: CAMPAIGN, m: 102, d: { stat: 'DELIVRD', doneDate: '2612071001', err: '000', state: 'delivered', smscId: 'a2' } },
  { kind: 'page.opened', c: CAMPAIGN, m: 101, d: { first: true } },
  { kind: 'identity.passed', c: CAMPAIGN, m: 101, d: { method: 'birth_date' } },
  { kind: 'message.receipt', c: 8, m: 201, d: { stat: 'DELIVRD', doneDate: '2612071002', err: '000', state: 'delivered', smscId: 'b1' } },
  { kind: 'campaign.completed', c: CAMPAIGN, m: null, d: { counts: { delivered: 2 } } },
];

// The ledger: leaves numbered per campaign, hashed; heads signed at these sizes (one size twice).
const leaves: Leaf[] = [];
{
  const n = new Map<number, number>();
  for (const [i, f] of FACTS.entries()) {
    const next = f.c === null ? null : (n.get(f.c) ?? 0) + 1;
    if (f.c !== null) n.set(f.c, next!);
    leaves.push({ v: 1, kind: f.kind, at: T0 + i * 1000, c: f.c, m: f.m, n: next, d: f.d });
  }
}
const texts = leaves.map(leafText);
const hashes = texts.map((t) => leafHash(t));
const subtree = subtreeOf(hashes);
const HEAD_SIZES = [3, 6, 6, 9, 12, FACTS.length];
const allHeads: BundleHeadLine[] = HEAD_SIZES.map((size, i) => {
  const head: TreeHead = { size, root: rootOf(hashes.slice(0, size)).toString('hex'), at: T0 + 60_000 * (i + 1), keyId: key.keyId };
  return { ...head, signature: key.sign(headText(head)), tsaToken: null, tsaTime: null };
});

const entryLine = (i: number): BundleEntryLine => ({ leafIndex: i, leafHash: hashes[i]!.toString('hex'), leaf: texts[i]! });
const hex = (bs: Buffer[]) => bs.map((x) => x.toString('hex'));

function certificate(messageId: number, final: BundleHeadLine): CertificateData {
  const indexes = leaves.flatMap((l, i) => (l.c === CAMPAIGN && (l.m === messageId || ['list.accepted', 'content.fixed', 'send.confirmed'].includes(l.kind)) ? [i] : []));
  return {
    version: CERTIFICATE_VERSION,
    issuedAt: final.at,
    messageId,
    sender: { name: '東都大学 学生課', nameEn: null, legalName: null, address: null, registrationNumbers: [], officialSenders: [], officialLinkBases: [], contactPhone: null, verifyUrl: 'https://todoku.example/verify' },
    recipient: { name: '山田 太郎', maskedNumber: maskPhone(NUMBER), line: 1 },
    campaign: { id: CAMPAIGN, name: '学費', noticeKind: 'first', formality: null },
    entries: indexes.map((i) => ({ ...entryLine(i), proof: hex(inclusionProof(i, final.size, subtree)) })),
    contents: [
      { role: 'template', commitment: template, ...sealed.get(template)! },
      { role: 'sms_text', commitment: smsText, ...sealed.get(smsText)! },
      { role: 'recipient_number', commitment: recipient, ...sealed.get(recipient)! },
    ],
    head: { size: final.size, root: final.root, at: final.at, keyId: final.keyId, signature: final.signature, publicKeyPem: key.publicKeyPem, tsa: null },
    timeSource: 'installation',
  };
}

type Files = Map<string, Uint8Array>;
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const text = (files: Files, name: string) => Buffer.from(files.get(name)!).toString('utf8');

/** A bundle as the exporter writes it: the campaign's entries with their proofs, or the whole ledger. */
function bundle(scope: BundleScope): Files {
  const indexes = scope.kind === 'all' ? leaves.map((_, i) => i) : leaves.flatMap((l, i) => (l.c === scope.campaign.id ? [i] : []));
  const final = allHeads[allHeads.length - 1]!;
  // A campaign's bundle: the first head covering each of its entries, and the last head.
  const heads = scope.kind === 'all' ? allHeads : allHeads.filter((h, k) => h === final || indexes.some((i) => allHeads.findIndex((x) => x.size > i) === k));
  const files: Files = new Map();
  files.set(BUNDLE_FILES.entries, utf8(indexes.map((i) => jsonLine(entryLine(i))).join('')));
  files.set(BUNDLE_FILES.heads, utf8(heads.map((h) => jsonLine(h)).join('')));
  if (scope.kind === 'campaign') {
    const proofs: BundleProofs = {
      treeSize: final.size,
      inclusion: indexes.map((i) => ({ leafIndex: i, proof: hex(inclusionProof(i, final.size, subtree)) })),
      consistency: heads.slice(1).flatMap((h, k) => (heads[k]!.size === h.size ? [] : [{ from: heads[k]!.size, to: h.size, proof: hex(consistencyProof(heads[k]!.size, h.size, subtree)) }])),
    };
    files.set(BUNDLE_FILES.proofs, utf8(JSON.stringify(proofs)));
    files.set(certificateFile(101), utf8(JSON.stringify(certificate(101, final))));
  }
  const commitments = [...new Set(indexes.flatMap((i) => commitmentsOf(leaves[i]!.kind, leaves[i]!.d)))];
  files.set(BUNDLE_FILES.contents, utf8(commitments.map((c) => jsonLine({ commitment: c, ...sealed.get(c)! })).join('')));
  const createdAt = new Date(final.at).toISOString();
  files.set(BUNDLE_FILES.readme, utf8(bundleReadme(scope, createdAt, key.keyId)));
  const manifest: BundleManifest = {
    format: 'todoku-evidence-bundle',
    version: 1,
    createdAt,
    scope,
    counts: { entries: indexes.length, heads: heads.length, stampedHeads: 0, contents: commitments.length, certificates: scope.kind === 'campaign' ? 1 : 0 },
    key: { keyId: key.keyId, publicKeyPem: key.publicKeyPem },
    tsa: null,
    files: Object.fromEntries([...files].map(([name, bytes]) => [name, sha(bytes)])),
  };
  sign(files, manifest);
  return files;
}

function sign(files: Files, manifest: BundleManifest): void {
  const body = manifestText(manifest);
  files.set(BUNDLE_FILES.manifest, utf8(body));
  files.set(BUNDLE_FILES.signature, utf8(`${key.sign(body)}\n`));
}

/** Changes one file; `fixManifest` also rewrites the manifest's hash for it (the signature then no longer matches). */
function tamper(files: Files, name: string, change: (text: string) => string, fixManifest = true): Files {
  const out = new Map(files);
  out.set(name, utf8(change(text(files, name))));
  if (fixManifest) {
    const manifest = JSON.parse(text(files, BUNDLE_FILES.manifest)) as BundleManifest;
    manifest.files[name] = sha(out.get(name)!);
    out.set(BUNDLE_FILES.manifest, utf8(manifestText(manifest)));
  }
  return out;
}

const lines = (t: string) => t.split('\n').filter(Boolean);
const editLines = (edit: (ls: string[]) => string[]) => (t: string) => edit(lines(t)).map((l) => `${l}\n`).join('');

async function fails(files: Files, check: BundleCheck, named: RegExp): Promise<BundleReport & { ok: false }> {
  const report = await verifyBundle(files);
  assert.equal(report.ok, false, 'the bundle should not verify');
  if (report.ok) throw new Error('unreachable');
  assert.equal(report.failure.check, check, failureLine(report.failure, 'en'));
  assert.match(failureLine(report.failure, 'en'), named);
  assert.ok(failureLine(report.failure, 'ja').length > 0);
  return report;
}

const campaignScope: BundleScope = { kind: 'campaign', campaign: { id: CAMPAIGN, name: '学費' } };
const good = bundle(campaignScope);
const whole = bundle({ kind: 'all' });
const campaignIndexes = leaves.flatMap((l, i) => (l.c === CAMPAIGN ? [i] : []));

test('a campaign bundle as exported verifies: its entries, the heads that cover them, the certificate and the contents', async () => {
  const report = await verifyBundle(good);
  assert.ok(report.ok, report.ok ? '' : failureLine(report.failure, 'en'));
  const s = report.summary;
  assert.equal(s.entries, campaignIndexes.length);
  assert.deepEqual(s.scope, campaignScope);
  assert.equal(s.certificates, 1);
  assert.equal(s.contents, 5); // the template, and the text and number of each of two messages
  assert.equal(s.lastHead?.size, FACTS.length);
  assert.equal(s.stampedHeads, 0);
  assert.equal(s.tsaRoots, 'none');
  assert.equal(s.keyId, key.keyId);
});

test('the whole ledger as handed over verifies: every root recomputed from the leaves', async () => {
  const report = await verifyBundle(whole);
  assert.ok(report.ok, report.ok ? '' : failureLine(report.failure, 'en'));
  assert.equal(report.summary.entries, FACTS.length);
  assert.equal(report.summary.heads, HEAD_SIZES.length);
  assert.equal(report.summary.certificates, 0);
});

test('an entry’s text changed is named: by its proof when its hash was recomputed, by its hash when not, by the file when the manifest was left alone', async () => {
  const target = 8; // message 101's receipt, line 6 of the campaign's entries
  const change = (l: string) => {
    const row = JSON.parse(l) as BundleEntryLine;
    if (row.leafIndex !== target) return l;
    const leaf = row.leaf.replace('"DELIVRD"', '"UNDELIV"');
    return JSON.stringify({ ...row, leaf, leafHash: leafHash(leaf).toString('hex') });
  };
  const r1 = await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.map(change))), 'entry-inclusion', new RegExp(`entry #${target} \\(entries.jsonl line 6, message.receipt\\)`));
  assert.equal(r1.failure.leafIndex, target);

  const keepHash = (l: string) => (JSON.parse(l).leafIndex === target ? l.replace('DELIVRD', 'UNDELIV') : l);
  await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.map(keepHash))), 'entry-hash', new RegExp(`entry #${target}`));

  const naive = await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.map(keepHash)), false), 'file-hash', /file entries\.jsonl: SHA-256 differs/);
  assert.equal(naive.detail?.check, 'entry-hash');
  assert.equal(naive.detail?.leafIndex, target);

  // In the whole ledger the changed leaf no longer gives the root of the first head covering it.
  await fails(tamper(whole, BUNDLE_FILES.entries, editLines((ls) => ls.map(change))), 'head-root', /tree head \(heads\.jsonl line 4, size 9,.*entry #6–#8/);
});

test('a non-canonical leaf (same facts, other spacing) is refused', async () => {
  const spaced = (l: string) => {
    const row = JSON.parse(l) as BundleEntryLine;
    return row.leafIndex === campaignIndexes[0] ? JSON.stringify({ ...row, leaf: row.leaf.replace('{', '{ ') }) : l;
  };
  await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.map(spaced))), 'entry-leaf', /entry #0 .*not canonical/);
});

test('an entry removed shows as a gap in the campaign’s numbers; in the whole ledger as a gap in the indexes', async () => {
  const r = await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.filter((_, i) => i !== 3))), 'entry-number', /entry #\d+ .*is number 5 of campaign 7 where 4 was due/);
  assert.equal(r.failure.leafIndex, campaignIndexes[4]);
  await fails(tamper(whole, BUNDLE_FILES.entries, editLines((ls) => ls.filter((_, i) => i !== 5))), 'entry-order', /entry #6 .*should be entry 5/);
});

test('the last entries removed leave no gap in the numbers, but their proofs (campaign) or the last head (whole ledger) name it', async () => {
  await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.slice(0, -1))), 'entry-inclusion', new RegExp(`entry #${campaignIndexes.at(-1)}: has an inclusion proof but is not in the bundle`));
  const lessWhole = tamper(whole, BUNDLE_FILES.entries, editLines((ls) => ls.slice(0, -1)));
  await fails(lessWhole, 'head-coverage', /covers 14 entries but the bundle holds 13/);
});

test('two entries reordered are named', async () => {
  const swapped = editLines((ls) => [ls[0]!, ls[2]!, ls[1]!, ...ls.slice(3)]);
  await fails(tamper(good, BUNDLE_FILES.entries, swapped), 'entry-order', /entry #2 \(entries\.jsonl line 3.*does not follow the previous one \(#3\)/);
  // Texts swapped under their indexes: the campaign's numbers run backwards.
  const swapTexts = editLines((ls) => {
    const [a, b] = [JSON.parse(ls[1]!) as BundleEntryLine, JSON.parse(ls[2]!) as BundleEntryLine];
    return [ls[0]!, JSON.stringify({ ...a, leaf: b.leaf, leafHash: b.leafHash }), JSON.stringify({ ...b, leaf: a.leaf, leafHash: a.leafHash }), ...ls.slice(3)];
  });
  await fails(tamper(good, BUNDLE_FILES.entries, swapTexts), 'entry-number', /entry #2 .*is number 3 of campaign 7 where 2 was due/);
});

test('an entry added is named: it has no proof, or (whole ledger) no head covers it', async () => {
  const fake: Leaf = { v: 1, kind: 'page.opened', at: T0 + 99_000, c: CAMPAIGN, m: 102, n: campaignIndexes.length + 1, d: { first: true } };
  const fakeLine = JSON.stringify({ leafIndex: FACTS.length, leafHash: leafHash(leafText(fake)).toString('hex'), leaf: leafText(fake) });
  await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => [...ls, fakeLine])), 'entry-inclusion', new RegExp(`entry #${FACTS.length} .*page\\.opened\\): has no inclusion proof`));
  const fakeWhole = { ...fake, n: null, c: null };
  const line = JSON.stringify({ leafIndex: FACTS.length, leafHash: leafHash(leafText(fakeWhole)).toString('hex'), leaf: leafText(fakeWhole) });
  await fails(tamper(whole, BUNDLE_FILES.entries, editLines((ls) => [...ls, line])), 'head-coverage', new RegExp(`entry #${FACTS.length} .*covered by no tree head`));
  // An entry of another campaign slipped into this campaign's bundle.
  await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => [ls[0]!, JSON.stringify(entryLine(1)), ...ls.slice(1)])), 'entry-scope', /entry #1 .*not an entry of campaign 7 \(8\)/);
});

test('a head’s root or signature changed is named: the last head by the entries’ proofs, any other by its signature', async () => {
  const headLines = lines(text(good, BUNDLE_FILES.heads));
  const last = headLines.length;
  const setRoot = (k: number) => editLines((ls) => ls.map((l, i) => (i === k ? JSON.stringify({ ...JSON.parse(l), root: 'ee'.repeat(32) }) : l)));
  await fails(tamper(good, BUNDLE_FILES.heads, setRoot(last - 1)), 'entry-inclusion', /entry #0 .*cannot be proven to be in the last tree head/);
  const r = await fails(tamper(good, BUNDLE_FILES.heads, setRoot(1)), 'head-signature', /tree head \(heads\.jsonl line 2, size \d+, 2026-12-07 10:0\d:00 JST\): its signature does not verify/);
  assert.equal(r.failure.head, 1);
  await fails(tamper(whole, BUNDLE_FILES.heads, setRoot(2)), 'head-root', /heads\.jsonl line 3/);

  const flipSig = editLines((ls) => ls.map((l, i) => (i === 2 ? JSON.stringify({ ...JSON.parse(l), signature: key.sign('something else') }) : l)));
  await fails(tamper(good, BUNDLE_FILES.heads, flipSig), 'head-signature', /heads\.jsonl line 3/);
  await fails(tamper(whole, BUNDLE_FILES.heads, flipSig), 'head-signature', /heads\.jsonl line 3/);
  // A head signed by another key than the bundle's.
  const other = signingKey(createVault(Buffer.alloc(32, 10)));
  const foreign = editLines((ls) =>
    ls.map((l, i) => {
      if (i !== 0) return l;
      const h = { ...(JSON.parse(l) as BundleHeadLine), keyId: other.keyId };
      return JSON.stringify({ ...h, signature: other.sign(headText(h)) });
    }),
  );
  await fails(tamper(good, BUNDLE_FILES.heads, foreign), 'head-signature', new RegExp(`key id ${other.keyId} is not the manifest's`));
});

test('a head removed or moved is named', async () => {
  const headLines = lines(text(good, BUNDLE_FILES.heads));
  assert.ok(headLines.length >= 3, `${headLines.length} heads`);
  await fails(tamper(good, BUNDLE_FILES.heads, editLines((ls) => ls.filter((_, i) => i !== 1))), 'head-consistency', /heads\.jsonl line 2.*no consistency proof from the head before it/);
  await fails(tamper(good, BUNDLE_FILES.heads, editLines((ls) => [ls[1]!, ls[0]!, ...ls.slice(2)])), 'head-order', /heads\.jsonl line 2.*smaller than the head before it/);
  // The whole ledger recomputes every root, so a head taken away leaves only the manifest's count.
  await fails(tamper(whole, BUNDLE_FILES.heads, editLines((ls) => ls.filter((_, i) => i !== 1))), 'counts', /counts 6 heads but the bundle holds 5/);
  // A consistency proof changed.
  const proofs = (t: string) => {
    const p = JSON.parse(t) as BundleProofs;
    p.consistency[0]!.proof[0] = '00'.repeat(32);
    return JSON.stringify(p);
  };
  await fails(tamper(good, BUNDLE_FILES.proofs, proofs), 'head-consistency', /does not extend the tree of the head before it/);
});

test('revealed contents and certificates changed are named', async () => {
  const changeContent = editLines((ls) => ls.map((l) => (l.includes(JSON.stringify(TEXT).slice(1, -1)) ? l.replace('学費', '授業料') : l)));
  await fails(tamper(good, BUNDLE_FILES.contents, changeContent), 'content', /revealed content \(contents\.jsonl line \d\): does not open its commitment/);
  const stranger = jsonLine({ commitment: commitmentOf(Buffer.alloc(16), 'x'), nonce: '00'.repeat(16), content: 'x' });
  await fails(tamper(good, BUNDLE_FILES.contents, (t) => t + stranger), 'content', /named by no entry/);

  const cert = certificateFile(101);
  await fails(tamper(good, cert, (t) => t.replace(TEXT, TEXT.replace('学費', '授業料'))), 'certificate', /certificate certificates\/101\.json: does not verify: .*sms_text/);
  await fails(
    tamper(good, cert, (t) => {
      const c = JSON.parse(t) as CertificateData;
      c.entries[1]!.proof[0] = 'ff'.repeat(32);
      return JSON.stringify(c);
    }),
    'certificate',
    /does not verify/,
  );
  await fails(tamper(good, cert, (t) => t.replace('"messageId":101', '"messageId":102')), 'certificate', /certificate of message 102/);
});

test('the manifest’s own parts: a file hash changed, a file added or missing, its signature, its counts, its key', async () => {
  const manifest = JSON.parse(text(good, BUNDLE_FILES.manifest)) as BundleManifest;
  await fails(tamper(good, BUNDLE_FILES.manifest, (t) => t.replace(manifest.files[BUNDLE_FILES.heads]!, '0'.repeat(64)), false), 'file-hash', /file heads\.jsonl: SHA-256 differs/);

  const extra = new Map(good).set('notes.txt', utf8('added later'));
  await fails(extra, 'file-extra', /file notes\.txt: is not listed in the manifest/);
  const missing = new Map(good);
  missing.delete(BUNDLE_FILES.contents);
  await fails(missing, 'file-missing', /file contents\.jsonl: is listed in the manifest but missing/);

  const otherSig = new Map(good).set(BUNDLE_FILES.signature, utf8(`${key.sign('another manifest')}\n`));
  await fails(otherSig, 'manifest-signature', /manifest\.sig: the manifest signature does not verify/);
  // Any edit of the manifest that keeps every check above ends at its signature.
  await fails(tamper(good, BUNDLE_FILES.manifest, (t) => t.replace('"学費"', '"授業料"'), false), 'manifest-signature', /manifest signature/);
  await fails(tamper(good, BUNDLE_FILES.manifest, (t) => t.replace('"certificates": 1', '"certificates": 2'), false), 'counts', /counts 2 certificates but the bundle holds 1/);
  const otherKey = signingKey(createVault(Buffer.alloc(32, 11)));
  await fails(tamper(good, BUNDLE_FILES.manifest, (t) => t.replace(`"keyId": "${key.keyId}"`, `"keyId": "${otherKey.keyId}"`), false), 'head-signature', new RegExp(`is not the manifest's \\(${otherKey.keyId}\\)`));

  await fails(new Map([...good].filter(([n]) => n !== BUNDLE_FILES.manifest)), 'manifest', /manifest\.json: missing/);
  await fails(tamper(good, BUNDLE_FILES.manifest, (t) => t.replace('"version": 1', '"version": 2'), false), 'manifest', /version 2 is not supported/);
});

test('failures read in Japanese too, naming the same entry', async () => {
  const r = await fails(tamper(good, BUNDLE_FILES.entries, editLines((ls) => ls.filter((_, i) => i !== 3))), 'entry-number', /./);
  assert.match(failureLine(r.failure, 'ja'), new RegExp(`記録 #${campaignIndexes[4]}（entries\\.jsonl 4行目、message\\.submitted）: キャンペーン 7 の通し番号が 5 ですが、4 のはずです`));
});

test('with the organisation’s published key, a bundle signed with any other key fails; with its own it passes', async () => {
  assert.equal((await verifyBundle(good, { publicKeyPem: key.publicKeyPem })).ok, true);
  const other = signingKey(createVault(Buffer.alloc(32, 12)));
  const r = await verifyBundle(good, { publicKeyPem: other.publicKeyPem });
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.failure.check, 'manifest-key');
    assert.match(failureLine(r.failure, 'en'), new RegExp(`the signing key \\(key id ${key.keyId}\\) is not the public key given \\(${other.keyId}\\)`));
  }
});

test('a certificate under a head the bundle does not hold is checked in full: its own signature and proofs', async () => {
  const final = allHeads[allHeads.length - 1]!;
  const later: TreeHead = { size: final.size, root: final.root, at: final.at + 5_000, keyId: key.keyId };
  const laterLine: BundleHeadLine = { ...later, signature: key.sign(headText(later)), tsaToken: null, tsaTime: null };
  const withCert = (cert: CertificateData): Files => {
    const files = tamper(good, certificateFile(101), () => JSON.stringify(cert));
    sign(files, JSON.parse(text(files, BUNDLE_FILES.manifest)) as BundleManifest);
    return files;
  };
  const cert = certificate(101, laterLine);
  const report = await verifyBundle(withCert(cert));
  assert.ok(report.ok, report.ok ? '' : failureLine(report.failure, 'en'));
  assert.equal(report.summary.certificates, 1);
  await fails(withCert({ ...cert, head: { ...cert.head, signature: key.sign('not this head') } }), 'certificate', /certificate certificates\/101\.json: does not verify: the tree head's signature/);
});
