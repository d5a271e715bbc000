// Evidence bundles end to end on both databases: two campaigns sent through the SMSC simulator over SMPP
// with receipts; a campaign's bundle exported through the API and through the CLI, verified by the CLI
// alone (no server, exit 0 and a summary); the zip changed on disk in several ways (an entry, a byte,
// a certificate removed, the manifest's signature, a time-stamp token) and each named with exit 1; the
// whole ledger's hand-over holding both campaigns verifies, and is for administrators only. On
// PostgreSQL a local openssl TSA stamps the heads: the bundle's tokens verify chained to its root, and
// `openssl ts -verify` accepts a token taken out of the bundle; on SQLite the summary says the times are
// the installation's own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { startOpensslTsa, type OpensslTsa } from '../support/openssl-tsa.ts';
import { todoku } from '../cli/harness.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { verifyBundle, type BundleSummary } from '../../src/core/evidence/verify-bundle.ts';
import { BUNDLE_FILES, manifestText, type BundleContentLine, type BundleEntryLine, type BundleHeadLine, type BundleManifest } from '../../src/core/evidence/bundle-format.ts';
import type { CertificateData } from '../../src/core/evidence/certificate.ts';
import { createVault, loadMasterKey } from '../../src/security/vault.ts';
import { headDigest } from '../../src/core/evidence/head.ts';
import { leafHash } from '../../src/core/evidence/merkle.ts';

const run = promisify(execFile);

const LIST_A = ['氏名,電話番号,金額,生年月日', '山田 太郎,090-7373-0001,50000,1990/01/02', '佐藤 花子,090-7373-0002,32000,1985/12/31'].join('\n');
const LIST_B = ['氏名,電話番号,金額,生年月日', '鈴木 一郎,090-7373-0003,12000,1970/05/05'].join('\n');
const LANDING = { verification: { method: 'birth_date' as const }, notice: '# 学費のお支払いについて\n\n期限までにお支払いください。', expiresAt: inDays(7) };

type Files = Map<string, Uint8Array>;
const unzip = (bytes: Uint8Array): Files => new Map(Object.entries(unzipSync(bytes)));
const text = (files: Files, name: string) => Buffer.from(files.get(name)!).toString('utf8');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Rewrites one file of a bundle; with fixManifest its hash in the manifest too (the signature then fails last). */
function rewrite(bytes: Uint8Array, name: string, change: (t: string) => string, fixManifest = true): Uint8Array {
  const files = unzip(bytes);
  files.set(name, new Uint8Array(Buffer.from(change(text(files, name)), 'utf8')));
  if (fixManifest) {
    const m = JSON.parse(text(files, BUNDLE_FILES.manifest)) as BundleManifest;
    m.files[name] = sha(files.get(name)!);
    files.set(BUNDLE_FILES.manifest, new Uint8Array(Buffer.from(manifestText(m), 'utf8')));
  }
  return zipSync(Object.fromEntries(files));
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`evidence bundles [${kind}]`, () => {
    let t: TestApp;
    let tsa: OpensslTsa | null = null;
    let dir: string;
    let a: SentCampaign;
    let b: SentCampaign;
    let bundle: Buffer;
    let bundleFile: string;
    const tsaArgs = () => (tsa ? ['--tsa-ca', tsa.caFile] : []);

    const entriesOf = (campaignId: number) => t.app.store.db.kysely.selectFrom('evidence_entries').select(['kind', 'leaf_index']).where('campaign_id', '=', campaignId).execute();
    const completed = (id: number) => until(`campaign ${id} completed in the ledger`, async () => ((await entriesOf(id)).some((e) => e.kind === 'campaign.completed' && e.leaf_index !== null) ? true : undefined), 20_000);

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'todoku-bundle-'));
      if (kind === 'postgres') tsa = await startOpensslTsa();
      t = await startTestApp(kind, { TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '100', ...(tsa ? { TODOKU_TSA_URL: tsa.url, TODOKU_TSA_CA_FILE: tsa.caFile } : {}) });
      a = await sentCampaign(t, '12月 督促 A', LIST_A, LANDING);
      b = await sentCampaign(t, '12月 督促 B', LIST_B, LANDING);
      await completed(a.id);
      await completed(b.id);
      // Taro opens his page after both campaigns completed: an entry the heads made at completion do not cover.
      const taro = a.recipients.get('山田 太郎')!;
      assert.equal((await new Visitor(t.url).get(taro.path)).status, 200);
      await until('page opened', async () => ((await entriesOf(a.id)).some((e) => e.kind === 'page.opened') ? true : undefined), 10_000);
      const r = await t.api('GET', `/campaigns/${a.id}/evidence.zip`);
      assert.equal(r.status, 200, r.raw.toString('utf8').slice(0, 300));
      assert.equal(r.headers.get('content-type'), 'application/zip');
      assert.match(r.headers.get('content-disposition') ?? '', new RegExp(`todoku-evidence-${a.id}-\\d+\\.zip`));
      bundle = r.raw;
      bundleFile = join(dir, 'a.zip');
      writeFileSync(bundleFile, bundle);
    });
    after(async () => {
      await t?.stop();
      await tsa?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('a campaign’s bundle from the API holds every entry of the campaign under its last head, and the CLI verifies it with nothing but the file', async () => {
      const report = await verifyBundle(unzip(bundle), tsa ? { trustedTsaCertsPem: [tsa.caPem] } : {});
      assert.ok(report.ok, JSON.stringify(report));
      const s = report.summary;
      const rows = (await entriesOf(a.id)).filter((e) => e.leaf_index !== null && Number(e.leaf_index) < s.lastHead!.size);
      assert.equal(s.entries, rows.length);
      for (const k of ['list.accepted', 'content.fixed', 'send.confirmed', 'message.submitted', 'message.receipt', 'campaign.completed', 'page.opened']) assert.ok(rows.some((r) => r.kind === k), k);
      assert.deepEqual(s.scope, { kind: 'campaign', campaign: { id: a.id, name: a.name } });
      assert.equal(s.certificates, 2, 'one certificate per message');
      for (const m of a.recipients.values()) {
        const cert = JSON.parse(text(unzip(bundle), `certificates/${m.messageId}.json`)) as { head: { size: number; root: string } };
        assert.deepEqual([cert.head.size, cert.head.root], [s.lastHead!.size, s.lastHead!.root], 'each certificate is proven against the bundle’s last head');
      }
      // The template, the page, and each message's text and number: every commitment the entries name, opened.
      assert.equal(s.commitments, 6);
      assert.equal(s.contents, s.commitments);
      assert.ok(s.heads >= 2, `the head at completion and the last one (${s.heads})`);

      // Offline: no --server, no key, no environment at all.
      // Options before the file too (--tsa-ca takes one file; repeat it for several).
      const human = await todoku(['evidence', 'verify', ...tsaArgs(), bundleFile]);
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, /証跡バンドルを検証しました/);
      assert.match(human.stdout, new RegExp(`記録: ${s.entries}件`));
      assert.match(human.stdout, /記録証明書: 2件を確認/);
      const json = await todoku(['evidence', 'verify', bundleFile, ...tsaArgs(), '--json', '--lang', 'en']);
      assert.equal(json.code, 0, json.stderr);
      const out = JSON.parse(json.stdout) as { ok: true; summary: BundleSummary };
      assert.equal(out.summary.entries, s.entries);
      if (tsa) {
        assert.equal(out.summary.stampedHeads, out.summary.heads, 'every head stamped');
        assert.equal(out.summary.tsaRoots, 'given');
        assert.ok(out.summary.tsaNames.some((n) => /Todoku Test TSA/.test(n)), out.summary.tsaNames.join());
        assert.match(human.stdout, /RFC 3161 タイムスタンプ/);
        assert.doesNotMatch(human.stdout, /本システム自身の時計/);
      } else {
        assert.equal(out.summary.stampedHeads, 0);
        assert.match(human.stdout, /その時刻は本システム自身の時計によるもので、第三者の時刻認証ではありません/);
      }
      const audit = await t.app.store.db.kysely.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'campaign.evidence_export').execute();
      assert.deepEqual(audit.map((x) => x.target), [`campaign:${a.id}`]);
    });

    test('the CLI exports a campaign by name, checks what it wrote and says so', async () => {
      const file = join(dir, 'cli.zip');
      const r = await todoku(['evidence', 'export', a.name, '-o', file, '--server', t.url, '--api-key', t.key]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`書き出しました: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.match(r.stdout, /証跡バンドルを検証しました/);
      const v = await todoku(['evidence', 'verify', file, ...tsaArgs()]);
      assert.equal(v.code, 0, v.stderr);
    });

    test('a bundle changed on disk fails with exit 1, naming the entry, file, certificate, signature or token', async () => {
      const verify = async (bytes: Uint8Array, name: string) => {
        const file = join(dir, name);
        writeFileSync(file, bytes);
        const r = await todoku(['evidence', 'verify', file, ...tsaArgs()]);
        assert.equal(r.code, 1, `${name}: ${r.stdout}`);
        assert.equal(r.stdout, '', 'nothing claims success');
        return r.stderr;
      };
      // A delivery receipt turned into a failure, its hash recomputed and the manifest's hash fixed.
      const entries = text(unzip(bundle), BUNDLE_FILES.entries).split('\n').filter(Boolean).map((l) => JSON.parse(l) as BundleEntryLine);
      const receipt = entries.find((e) => e.leaf.includes('"kind":"message.receipt"'))!;
      const changed = rewrite(bundle, BUNDLE_FILES.entries, (t) =>
        t
          .split('\n')
          .map((l) => {
            if (!l || (JSON.parse(l) as BundleEntryLine).leafIndex !== receipt.leafIndex) return l;
            const leaf = receipt.leaf.replace('"state":"delivered"', '"state":"undeliverable"');
            assert.notEqual(leaf, receipt.leaf);
            return JSON.stringify({ ...receipt, leaf, leafHash: leafHash(leaf).toString('hex') });
          })
          .join('\n'),
      );
      let err = await verify(changed, 'entry.zip');
      assert.match(err, new RegExp(`記録 #${receipt.leafIndex}（entries\\.jsonl \\d+行目、message\\.receipt）`));
      assert.match(err, new RegExp(`entry #${receipt.leafIndex} \\(entries\\.jsonl line \\d+, message\\.receipt\\): cannot be proven to be in the last tree head`));

      // One byte changed, the manifest left alone: the file is named, and the entry behind it.
      const byte = rewrite(bundle, BUNDLE_FILES.entries, (t) => t.replace('send.confirmed', 'send.confirmeD'), false);
      err = await verify(byte, 'byte.zip');
      assert.match(err, /ファイル entries\.jsonl: SHA-256 がマニフェストの値と違います/);
      assert.match(err, /→ 記録 #\d+（entries\.jsonl \d+行目）/);

      // A certificate taken out.
      const files = unzip(bundle);
      const cert = [...files.keys()].find((n) => n.startsWith('certificates/'))!;
      files.delete(cert);
      err = await verify(zipSync(Object.fromEntries(files)), 'no-cert.zip');
      assert.match(err, new RegExp(`ファイル ${cert}: マニフェストに載っていますが、ありません`));

      // Another signature on the manifest.
      err = await verify(rewrite(bundle, BUNDLE_FILES.signature, (t) => (t.startsWith('A') ? 'B' : 'A') + t.slice(1), false), 'sig.zip');
      assert.match(err, /manifest\.sig/);

      // A file added.
      const extra = unzip(bundle);
      extra.set('notes.txt', new Uint8Array(Buffer.from('後から追加')));
      err = await verify(zipSync(Object.fromEntries(extra)), 'extra.zip');
      assert.match(err, /ファイル notes\.txt: マニフェストに載っていないファイルです/);

      if (tsa) {
        // One byte of a time-stamp token flipped (its signature), the manifest's hash fixed.
        const flipped = rewrite(bundle, BUNDLE_FILES.heads, (t) =>
          t
            .split('\n')
            .map((l, i) => {
              if (!l || i !== 0) return l;
              const h = JSON.parse(l) as BundleHeadLine;
              const der = Buffer.from(h.tsaToken!, 'base64');
              der[der.length - 10]! ^= 0x01;
              return JSON.stringify({ ...h, tsaToken: der.toString('base64') });
            })
            .join('\n'),
        );
        err = await verify(flipped, 'token.zip');
        assert.match(err, /タイムスタンプトークン（heads\.jsonl 1行目のヘッド、サイズ \d+）/);
        assert.match(err, /time-stamp token \(of the head on heads\.jsonl line 1/);
      }
    });

    test('the whole ledger’s hand-over (--all) holds both campaigns and verifies; only administrators may take it', async () => {
      const file = join(dir, 'all.zip');
      const r = await todoku(['evidence', 'export', '--all', '-o', file, '--server', t.url, '--api-key', t.key, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { file: string; summary: BundleSummary };
      assert.deepEqual(out.summary.scope, { kind: 'all' });
      const files = unzip(readFileSync(file));
      const leaves = text(files, BUNDLE_FILES.entries)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse((JSON.parse(l) as BundleEntryLine).leaf) as { c: number | null });
      assert.equal(leaves.length, out.summary.lastHead!.size, 'every entry up to the last head, from 0');
      assert.ok(leaves.some((l) => l.c === a.id) && leaves.some((l) => l.c === b.id), 'both campaigns');
      assert.ok(!files.has(BUNDLE_FILES.proofs), 'roots are recomputed from the leaves');
      const v = await todoku(['evidence', 'verify', file, ...tsaArgs(), '--lang', 'en']);
      assert.equal(v.code, 0, v.stderr);
      assert.match(v.stdout, /Scope: the whole evidence ledger \(hand-over\)/);
      // An entry taken out of the middle of the hand-over.
      const cut = rewrite(readFileSync(file), BUNDLE_FILES.entries, (t) => t.split('\n').filter((_, i) => i !== 3).join('\n'));
      writeFileSync(join(dir, 'cut.zip'), cut);
      const c = await todoku(['evidence', 'verify', join(dir, 'cut.zip'), '--lang', 'en']);
      assert.equal(c.code, 1);
      assert.match(c.stderr, /entry #4 \(entries\.jsonl line 4, [a-z._]+\): should be entry 3/);

      const key = await t.api('POST', '/api-keys', { name: 'operator', role: 'operator' });
      assert.equal(key.status, 201, JSON.stringify(key.body));
      assert.equal((await t.api('GET', '/evidence.zip', undefined, { key: key.body.key })).status, 403);
      assert.equal((await t.api('GET', `/campaigns/${a.id}/evidence.zip`, undefined, { key: key.body.key })).status, 200);
      const audit = await t.app.store.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'evidence.export').execute();
      assert.equal(audit.length, 1);
    });

    test('the same command verifies one certificate, as a PDF or as the JSON inside a bundle, and names what was changed in it', async () => {
      const taro = a.recipients.get('山田 太郎')!;
      const pdf = await t.api('GET', `/messages/${taro.messageId}/certificate.pdf`);
      assert.equal(pdf.status, 200);
      const pdfFile = join(dir, 'cert.pdf');
      writeFileSync(pdfFile, pdf.raw);
      const ok = await todoku(['evidence', 'verify', pdfFile, ...tsaArgs(), '--lang', 'en']);
      assert.equal(ok.code, 0, ok.stderr);
      assert.match(ok.stdout, new RegExp(`Certificate of records verified: no change found\\n  Message: ${taro.messageId}`));
      assert.match(ok.stdout, tsa ? /Time stamp: .*Todoku Test TSA/ : /the time is this installation's own clock, not a third party's/);

      const json = text(unzip(bundle), `certificates/${taro.messageId}.json`);
      const jsonFile = join(dir, 'cert.json');
      writeFileSync(jsonFile, json);
      assert.equal((await todoku(['evidence', 'verify', jsonFile, ...tsaArgs()])).code, 0);
      writeFileSync(jsonFile, json.replace('山田 太郎様', '山田 次郎様'));
      const bad = await todoku(['evidence', 'verify', jsonFile, '--lang', 'en']);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /does not verify: revealed content \(sms_text\) does not open its commitment/);
    });

    test('a message’s text comes from its own ledger entry: with the message’s copy replaced, its certificate and the bundle still reveal the text handed over', async () => {
      const k = t.app.store.db.kysely;
      const vault = createVault(loadMasterKey(t.app.config.secretKey, t.app.config.dataDir));
      const taro = a.recipients.get('山田 太郎')!;
      const entry = await k.selectFrom('evidence_entries').select(['data_json', 'content_enc']).where('message_id', '=', taro.messageId).where('kind', '=', 'message.submitted').executeTakeFirstOrThrow();
      const commitment = (JSON.parse(entry.data_json) as { text: string }).text;
      const { body_enc: sent } = await k.selectFrom('messages').select('body_enc').where('id', '=', taro.messageId).executeTakeFirstOrThrow();
      const handedOver = vault.decrypt(sent!);
      assert.match(handedOver, /^山田 太郎様/u);
      assert.equal(entry.content_enc, sent, 'the entry carries the message’s sealed text');
      assert.equal(await k.selectFrom('evidence_content').select('commitment').where('commitment', '=', commitment).executeTakeFirst(), undefined, 'and only the entry');
      await k.updateTable('messages').set({ body_enc: vault.encrypt('差し替えた本文') }).where('id', '=', taro.messageId).execute();
      try {
        const r = await t.api('GET', `/campaigns/${a.id}/evidence.zip`);
        assert.equal(r.status, 200);
        const files = unzip(r.raw);
        const report = await verifyBundle(files, tsa ? { trustedTsaCertsPem: [tsa.caPem] } : {});
        assert.ok(report.ok, JSON.stringify(report));
        const contents = text(files, BUNDLE_FILES.contents).split('\n').filter(Boolean).map((l) => JSON.parse(l) as BundleContentLine);
        assert.equal(contents.find((c) => c.commitment === commitment)?.content, handedOver, 'contents.jsonl');
        const cert = JSON.parse(text(files, `certificates/${taro.messageId}.json`)) as CertificateData;
        assert.equal(cert.contents.find((c) => c.role === 'sms_text')?.content, handedOver, 'the certificate');
        // The hand-over has no certificates: its contents.jsonl reads the text from the entry alone.
        const all = unzip((await t.api('GET', '/evidence.zip')).raw);
        assert.equal(all.has(`certificates/${taro.messageId}.json`), false);
        const allContents = text(all, BUNDLE_FILES.contents).split('\n').filter(Boolean).map((l) => JSON.parse(l) as BundleContentLine);
        assert.equal(allContents.find((c) => c.commitment === commitment)?.content, handedOver, 'the hand-over’s contents.jsonl');
      } finally {
        await k.updateTable('messages').set({ body_enc: sent }).where('id', '=', taro.messageId).execute();
      }
    });

    if (kind === 'postgres') {
      test('openssl ts -verify accepts a token taken out of the bundle, for the digest of its head', async () => {
        const heads = text(unzip(bundle), BUNDLE_FILES.heads)
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as BundleHeadLine);
        const head = heads[heads.length - 1]!;
        assert.ok(head.tsaToken, 'the last head is stamped');
        const tokenFile = join(dir, 'token.der');
        writeFileSync(tokenFile, Buffer.from(head.tsaToken!, 'base64'));
        const digest = headDigest(head).toString('hex');
        const { stdout } = await run('openssl', ['ts', '-verify', '-digest', digest, '-in', tokenFile, '-token_in', '-CAfile', tsa!.caFile, '-untrusted', tsa!.tsaCertFile]);
        assert.match(stdout, /Verification: OK/);
        // For another head's digest it is refused.
        const other = headDigest({ ...head, size: head.size + 1 }).toString('hex');
        await assert.rejects(run('openssl', ['ts', '-verify', '-digest', other, '-in', tokenFile, '-token_in', '-CAfile', tsa!.caFile, '-untrusted', tsa!.tsaCertFile]));
      });
    }
  });
}
