// A 記録証明書's data checks with nothing but itself, and any change to it is named: built here from a small
// ledger held in memory (the same Merkle functions and head signature as the installation's), then
// tampered with part by part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { leafText, type EvidenceKind } from '../../../src/core/evidence/entry.ts';
import { inclusionProof, leafHash, rootOf, subtreeOf } from '../../../src/core/evidence/merkle.ts';
import { headText, keyIdOf } from '../../../src/core/evidence/head.ts';
import { commitmentOf } from '../../../src/core/evidence/commitment.ts';
import { CERTIFICATE_VERSION, jstTime, type CertificateData } from '../../../src/core/evidence/certificate.ts';
import { verifyCertificate, verifyCertificateBody, type CertificateCheck } from '../../../src/core/evidence/verify-certificate.ts';
import { readCertificateFile } from '../../../src/core/evidence/certificate-file.ts';

const T0 = Date.UTC(2026, 11, 7, 5, 3, 4, 250); // 2026-12-07 14:03:04.250 JST

function commit(content: string) {
  const nonce = randomBytes(16);
  return { commitment: commitmentOf(nonce, content), nonce: nonce.toString('hex'), content };
}

const SMS = '【さくら債権回収】山田太郎様 お支払いのご案内です https://l.example/AbC12dEf34G';
const NUMBER = '+819012345678';
const LANDING = '# ご請求のお知らせ\n\n下記のとおりご請求いたします。';

function ledger() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const sms = commit(SMS);
  const number = commit(NUMBER);
  const landing = commit(LANDING);
  const template = commit('{{name}}様 お支払いのご案内です {{url}}');
  const facts: { kind: EvidenceKind; c: number | null; m: number | null; d: unknown }[] = [
    { kind: 'list.accepted', c: 9, m: null, d: { fileSha256: 'ab'.repeat(32), rows: 3, accepted: 3, rejected: 0, mode: 'import', by: 1 } },
    { kind: 'list.accepted', c: 1, m: null, d: { fileSha256: 'cd'.repeat(32), rows: 2, accepted: 2, rejected: 0, mode: 'import', by: 1 } },
    { kind: 'content.fixed', c: 1, m: null, d: { template: template.commitment, landing: landing.commitment, recipients: 2, by: 1 } },
    { kind: 'send.confirmed', c: 1, m: null, d: { by: 1, scheduledAt: null, test: false, approval: null } },
    { kind: 'message.submitted', c: 1, m: 5, d: { route: 'sim', smscId: 'S1', parts: 1, text: sms.commitment, recipient: number.commitment } },
    { kind: 'message.submitted', c: 1, m: 6, d: { route: 'sim', smscId: 'S2', parts: 1, text: 'ee'.repeat(32), recipient: 'ff'.repeat(32) } },
    { kind: 'message.receipt', c: 1, m: 5, d: { stat: 'DELIVRD', doneDate: '2612071403', err: '000', state: 'delivered', smscId: 'S1' } },
    { kind: 'page.opened', c: 1, m: 5, d: { first: true } },
    { kind: 'identity.failed', c: 1, m: 5, d: { method: 'birth_date', attempt: 1 } },
    { kind: 'identity.passed', c: 1, m: 5, d: { method: 'birth_date' } },
    { kind: 'page.opened', c: 9, m: 77, d: { first: true } },
  ];
  const numbers = new Map<number, number>();
  const leaves = facts.map((f, i) => {
    const n = f.c === null ? null : (numbers.get(f.c) ?? 0) + 1;
    if (f.c !== null) numbers.set(f.c, n!);
    return leafText({ v: 1, kind: f.kind, at: T0 + i * 1500, c: f.c, m: f.m, n, d: f.d });
  });
  const hashes = leaves.map((l) => leafHash(l));
  const subtree = subtreeOf(hashes);
  const size = leaves.length;
  const head = { size, root: rootOf(hashes).toString('hex'), at: T0 + 60_000, keyId: keyIdOf(publicKeyPem) };
  const signature = sign(null, Buffer.from(headText(head), 'utf8'), privateKey).toString('base64');
  const mine = facts.map((f, i) => ({ f, i })).filter(({ f }) => f.m === 5 || (f.m === null && f.c === 1));
  const data: CertificateData = {
    version: CERTIFICATE_VERSION,
    issuedAt: T0 + 70_000,
    messageId: 5,
    test: false,
    sender: { name: 'さくら債権回収', nameEn: null, legalName: 'さくら債権回収株式会社', address: '東京都千代田区1-1', registrationNumbers: ['法務大臣許可第123号'], officialSenders: ['0120-000-000'], officialLinkBases: ['https://l.example'], contactPhone: null, verifyUrl: 'https://l.example/verify' },
    recipient: { name: '山田太郎', maskedNumber: '090-****-5678', line: 1 },
    campaign: { id: 1, name: '12月督促', noticeKind: 'first', formality: null },
    entries: mine.map(({ i }) => ({ leafIndex: i, leaf: leaves[i]!, leafHash: hashes[i]!.toString('hex'), proof: inclusionProof(i, size, subtree).map((p) => p.toString('hex')) })),
    contents: [
      { role: 'template', ...template },
      { role: 'landing_page', ...landing },
      { role: 'sms_text', ...sms },
      { role: 'recipient_number', ...number },
    ],
    head: { ...head, signature, publicKeyPem, tsa: null },
    timeSource: 'installation',
  };
  return { data, publicKeyPem };
}

const copy = (d: CertificateData): CertificateData => structuredClone(d);

function failed(check: CertificateCheck): { part: string; leafIndex?: number; role?: string; ja: string; en: string }[] {
  assert.equal(check.ok, false, 'the changed certificate must not verify');
  return check.ok ? [] : check.failures;
}

test('a certificate built from the ledger verifies: every entry included in the signed head, every content opened', async () => {
  const { data, publicKeyPem } = ledger();
  const check = await verifyCertificate(data, { publicKeyPem });
  assert.deepEqual(check, { ok: true, messageId: 5, entries: 8, revealed: 4, withheld: 0, head: { size: 11, at: data.head.at, keyId: data.head.keyId }, timeSource: 'installation', tsa: null });
  // The same, read back from its JSON file.
  assert.equal((await verifyCertificate(await readCertificateFile(Buffer.from(JSON.stringify(data))))).ok, true);
});

test('the notice text changed: the SMS content no longer opens its commitment', async () => {
  const { data } = ledger();
  const d = copy(data);
  d.contents.find((c) => c.role === 'sms_text')!.content = SMS.replace('お支払い', 'お振込み');
  const [f, ...rest] = failed(await verifyCertificate(d));
  assert.equal(rest.length, 0);
  assert.equal(f!.part, 'content');
  assert.equal(f!.role, 'sms_text');
  assert.match(f!.ja, /改変/);
});

test('a proof element changed: the entry is named by its ledger number', async () => {
  const { data } = ledger();
  const d = copy(data);
  const e = d.entries[4]!;
  e.proof[1] = e.proof[1]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const failures = failed(await verifyCertificate(d));
  assert.deepEqual(failures.map((x) => [x.part, x.leafIndex]), [['entry', e.leafIndex]]);
  assert.match(failures[0]!.ja, new RegExp(`台帳の記録 #${e.leafIndex}.*包含証明`));
});

test('a recorded time changed: the leaf no longer matches its hash, or (hash recomputed) its proof', async () => {
  const { data } = ledger();
  const d = copy(data);
  const delivered = d.entries.find((e) => e.leaf.includes('message.receipt'))!;
  const at = (JSON.parse(delivered.leaf) as { at: number }).at;
  delivered.leaf = delivered.leaf.replace(`"at":${at}`, `"at":${at - 3_600_000}`);
  const [f] = failed(await verifyCertificate(d));
  assert.equal(f!.leafIndex, delivered.leafIndex);
  assert.match(f!.en, /does not match its hash/);
  assert.ok(f!.ja.includes(jstTime(at - 3_600_000)), 'names the entry with the time it now claims');

  delivered.leafHash = leafHash(delivered.leaf).toString('hex');
  const [g] = failed(await verifyCertificate(d));
  assert.equal(g!.leafIndex, delivered.leafIndex);
  assert.match(g!.en, /inclusion proof does not lead to the tree head/);
});

test("the head's signature, root or key changed; another key than the published one", async () => {
  const { data, publicKeyPem } = ledger();
  const signed = copy(data);
  signed.head.signature = Buffer.from(randomBytes(64)).toString('base64');
  assert.deepEqual(failed(await verifyCertificate(signed)).map((f) => f.part), ['head']);

  const root = copy(data);
  root.head.root = 'ab'.repeat(32);
  const parts = failed(await verifyCertificate(root)).map((f) => f.part);
  assert.equal(parts[0], 'head');
  assert.equal(parts.filter((p) => p === 'entry').length, data.entries.length, 'no entry leads to another root');

  const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const [f] = failed(await verifyCertificate(data, { publicKeyPem: other }));
  assert.match(f!.en, /not signed with the given public key/);
  assert.equal((await verifyCertificate(data, { publicKeyPem })).ok, true);

  const swapped = copy(data);
  swapped.head.publicKeyPem = other;
  assert.ok(failed(await verifyCertificate(swapped)).some((x) => /key id .* is not its public key's/.test(x.en)));
});

test("another message's entry slipped in, entries reordered, a content no entry names, a masked number that is not the recorded one", async () => {
  const { data } = ledger();
  const foreign = copy(data);
  foreign.entries.push({ ...foreign.entries[0]!, leafIndex: 10, leaf: leafText({ v: 1, kind: 'page.opened', at: T0, c: 9, m: 77, n: 2, d: { first: true } }) });
  assert.ok(failed(await verifyCertificate(foreign)).some((f) => f.leafIndex === 10 && /not this message's/.test(f.en)));

  const reordered = copy(data);
  [reordered.entries[4], reordered.entries[5]] = [reordered.entries[5]!, reordered.entries[4]!];
  assert.ok(failed(await verifyCertificate(reordered)).some((f) => /out of order/.test(f.en)));

  const extra = copy(data);
  extra.contents.push({ role: 'reply_text', ...commit('払いました') });
  assert.deepEqual(failed(await verifyCertificate(extra)).map((f) => [f.part, f.role]), [['content', 'reply_text']]);

  const masked = copy(data);
  masked.recipient.maskedNumber = '080-****-5678';
  assert.deepEqual(failed(await verifyCertificate(masked)).map((f) => f.part), ['recipient']);
});

test('a time-stamp claimed without a token, a wrong version: named; content past retention is withheld, not a failure', async () => {
  const { data } = ledger();
  const claimed = copy(data);
  claimed.timeSource = 'tsa';
  assert.deepEqual(failed(await verifyCertificate(claimed)).map((f) => f.part), ['tsa']);

  const version = { ...copy(data), version: 'todoku-certificate/0' };
  assert.deepEqual(failed(await verifyCertificate(version)).map((f) => f.part), ['format']);
  assert.deepEqual(failed(await verifyCertificate('not json at all')).map((f) => f.part), ['format']);

  const withheld = copy(data);
  const landing = withheld.contents.find((c) => c.role === 'landing_page')!;
  landing.content = null;
  landing.nonce = null;
  const check = await verifyCertificate(withheld);
  assert.ok(check.ok);
  assert.equal(check.withheld, 1);
  assert.equal(check.revealed, 3);
});

test("the body alone (for an issuer that checked the head once): entries and contents, not the head's signature", () => {
  const { data } = ledger();
  assert.deepEqual(verifyCertificateBody(data), []);
  const resigned = copy(data);
  resigned.head.signature = Buffer.from(randomBytes(64)).toString('base64');
  assert.deepEqual(verifyCertificateBody(resigned), [], 'the head is not its business');
  const changed = copy(data);
  changed.contents.find((c) => c.role === 'sms_text')!.content = 'ほかの本文';
  assert.deepEqual(verifyCertificateBody(changed).map((f) => [f.part, f.role]), [['content', 'sms_text']]);
  assert.deepEqual(verifyCertificateBody({}).map((f) => f.part), ['format']);
});

test('jstTime writes Japan time to the second', () => {
  assert.equal(jstTime(T0), '2026年12月07日 14:03:04');
  assert.equal(jstTime(Date.UTC(2026, 11, 31, 15, 0, 0)), '2027年01月01日 00:00:00');
});
