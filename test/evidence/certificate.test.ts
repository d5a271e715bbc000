// A 記録証明書 for one recipient, end to end on both databases: a campaign sent through the SMSC simulator
// over SMPP with receipts, the page opened, the identity check failed then passed, the PDF downloaded;
// then the certificate from the API (PDF and JSON) and from the CLI. Read with pdftotext, the PDF holds
// every recorded time in Japan time to the second (computed here from the ledger's rows, independently of
// the code under test), the sender, the masked number, the notice text and the whole 10,830-character
// landing page; its attached certificate.json verifies offline, and each change to it is named. On
// SQLite the times are the installation's own (and the PDF says so); on PostgreSQL a local openssl TSA
// stamps the head, and the PDF names it and its time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { startOpensslTsa, type OpensslTsa } from '../support/openssl-tsa.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { todoku } from '../cli/harness.ts';
import { readCertificateFile } from '../../src/core/evidence/certificate-file.ts';
import { verifyCertificate } from '../../src/core/evidence/verify-certificate.ts';
import { leafHash } from '../../src/core/evidence/merkle.ts';
import type { CertificateData } from '../../src/core/evidence/certificate.ts';

const run = promisify(execFile);

const TARO = { name: '山田 太郎', phone: '090-7272-0001', birth: '1990/01/02' };
const HANAKO = { name: '佐藤 花子', phone: '090-7272-0002', birth: '1985/12/31' };
// Each person's prior consent to notices by SMS, as a formal notice (債権譲渡通知) requires.
const LIST = ['氏名,電話番号,金額,生年月日,同意日,同意方法', ...[TARO, HANAKO].map((p) => `${p.name},${p.phone},50000,${p.birth},2025/04/01,書面`)].join('\n');
const TEMPLATE = '{{name}}様 さくら債権回収からのご連絡です {{url}}';
const ORGANISATION = {
  name: 'さくら債権回収',
  legalName: 'さくら債権回収株式会社',
  address: '東京都千代田区丸の内1-1-1',
  registrationNumbers: ['債権回収会社 法務大臣許可番号 第999号'],
  officialSenders: ['0120-111-222'],
  contact: { phone: '03-1111-2222', hours: '平日 9:00〜17:00' },
};
const END = '【通知ページ本文の終わり】';

/** A landing page of exactly 10,830 characters: paragraphs of Japanese text, then a line that closes it. */
function longNotice(): string {
  const paragraph = '貴殿に対する債権について、下記のとおりご通知いたします。お支払いの期限までにお手続きをお願いいたします。';
  let text = '# 債権譲渡のご通知\n\n';
  for (let i = 1; ; i++) {
    const next = `第${i}項\u3000${paragraph}\n\n`;
    if (text.length + next.length > 10_830 - END.length - 10) break;
    text += next;
  }
  text += '以上'.padEnd(10_830 - END.length - text.length - 2, '。') + '\n\n' + END;
  assert.equal(text.length, 10_830);
  return text;
}

/** Japan time to the second, written here without the code under test. */
function jst(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}:${p.second}`;
}

async function pdftotext(pdf: Buffer, dir: string): Promise<string> {
  const file = join(dir, `c-${Date.now()}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

/** pdftotext's lines joined without breaks or spaces, so text the PDF wrapped is found whole. */
const flat = (s: string) => s.replace(/\s+/g, '');

const CAMPAIGN_KINDS = ['list.accepted', 'content.fixed', 'approval.requested', 'approval.approved', 'approval.rejected', 'send.confirmed'];

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`記録証明書 [${kind}]`, () => {
    let t: TestApp;
    let tsa: OpensslTsa | null = null;
    let c: SentCampaign;
    let dir: string;
    let messageId: number;
    let smsText: string;
    let pdf: Buffer;
    let text: string;
    let data: CertificateData;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'todoku-certificate-'));
      // PostgreSQL's run has its heads stamped by a local openssl TSA; SQLite's keeps the installation's clock.
      if (kind === 'postgres') tsa = await startOpensslTsa();
      t = await startTestApp(kind, { TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '200', ...(tsa ? { TODOKU_TSA_URL: tsa.url, TODOKU_TSA_CA_FILE: tsa.caFile } : {}) });
      const org = await t.api('PUT', '/organisation', ORGANISATION);
      assert.equal(org.status, 200, JSON.stringify(org.body));
      c = await sentCampaign(t, '12月 債権譲渡通知', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: longNotice() }, {
        template: TEMPLATE,
        beforeSend: async (id) => {
          const formal = await t.api('PATCH', `/campaigns/${id}`, { formality: 'assignment' });
          assert.equal(formal.status, 200, JSON.stringify(formal.body));
          const invoice = await t.api('PUT', `/campaigns/${id}/documents/invoice`, { paymentInstructions: '期限までにお支払いください。' });
          assert.equal(invoice.status, 200, JSON.stringify(invoice.body));
        },
      });
      const taro = c.recipients.get(TARO.name)!;
      messageId = taro.messageId;
      // Lines count as the file does: the header is line 1, Taro line 2.
      const listed = await t.api('GET', `/campaigns/${c.id}/messages?line=2`);
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.deepEqual(listed.body.messages.map((m: { id: number }) => m.id), [messageId], '?line=2 finds the first row’s message');
      smsText = listed.body.messages[0].text;

      const entries = () => t.app.store.db.kysely.selectFrom('evidence_entries').select(['kind', 'message_id']).where('message_id', '=', messageId).execute();
      await until('delivered', async () => (await entries()).some((e) => e.kind === 'message.receipt') || undefined, 15_000);
      // Taro opens his page, answers wrong, then right, and downloads his PDF.
      const v = new Visitor(t.url);
      const page = await v.get(taro.path);
      assert.notEqual((await v.post(`${taro.path}/verify`, page, { answer: '2000-01-01' })).status, 303);
      assert.equal((await v.post(`${taro.path}/verify`, await v.get(taro.path), { answer: '1990-01-02' })).status, 303);
      await v.get(taro.path);
      assert.equal((await v.get(`${taro.path}/pdf/file`)).status, 200);
      await until('downloaded', async () => (await entries()).some((e) => e.kind === 'document.downloaded') || undefined, 10_000);

      const r = await t.api('GET', `/messages/${messageId}/certificate.pdf`);
      assert.equal(r.status, 200, r.raw.toString('utf8').slice(0, 500));
      assert.match(r.headers.get('content-type') ?? '', /^application\/pdf/);
      pdf = r.raw;
      text = await pdftotext(pdf, dir);
      data = (await readCertificateFile(pdf)) as CertificateData;
    });
    after(async () => {
      await t?.stop();
      await tsa?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('every fact recorded for the message, and the campaign facts it depends on, with its time in JST to the second and its entry number', async () => {
      const rows = await t.app.store.db.kysely
        .selectFrom('evidence_entries')
        .select(['kind', 'at', 'leaf_index', 'message_id', 'campaign_id'])
        .where('leaf_index', 'is not', null)
        .where('leaf_index', '<', data.head.size)
        .where((eb) => eb.or([eb('message_id', '=', messageId), eb.and([eb('campaign_id', '=', c.id), eb('message_id', 'is', null), eb('kind', 'in', CAMPAIGN_KINDS as never[])])]))
        .orderBy('leaf_index')
        .execute();
      // Taro's consent, not Hanako's.
      const recipientId = (await t.app.store.db.kysely.selectFrom('messages').select('recipient_id').where('id', '=', messageId).executeTakeFirstOrThrow()).recipient_id;
      const consent = await t.app.store.db.kysely
        .selectFrom('evidence_entries')
        .select(['kind', 'at', 'leaf_index', 'message_id', 'campaign_id', 'data_json'])
        .where('campaign_id', '=', c.id)
        .where('kind', '=', 'consent.recorded')
        .execute();
      assert.equal(consent.length, 2, 'one consent entry per row');
      rows.push(...consent.filter((r) => JSON.parse(r.data_json).recipient === Number(recipientId)));
      rows.sort((a, b) => Number(a.leaf_index) - Number(b.leaf_index));
      const kinds = rows.map((r) => r.kind);
      for (const k of ['list.accepted', 'consent.recorded', 'content.fixed', 'send.confirmed', 'message.submitted', 'message.receipt', 'page.opened', 'identity.failed', 'identity.passed', 'document.downloaded']) {
        assert.ok(kinds.includes(k as never), `${k} is in the certificate (${kinds.join(', ')})`);
      }
      assert.deepEqual(data.entries.map((e) => e.leafIndex), rows.map((r) => Number(r.leaf_index)), 'the certificate holds exactly these entries');
      for (const r of rows) {
        assert.ok(text.includes(jst(Number(r.at))), `${r.kind}'s time ${jst(Number(r.at))} is in the PDF`);
        assert.ok(text.includes(`#${r.leaf_index}`), `${r.kind}'s entry number #${r.leaf_index} is in the PDF`);
      }
      for (const label of ['受付（宛先リスト）', '受信の同意の記録', '同意日 2025-04-01', '内容確定', '送信確定', '送信（携帯電話会社への引渡し・受付）', '到達（携帯電話への配達）', '初回閲覧', '本人確認（失敗）', '本人確認（成功）', 'PDF取得']) {
        assert.ok(flat(text).includes(flat(label)), `the table names ${label}`);
      }
    });

    test('the sender as the organisation names itself, the recipient with a masked number, the notice text and the whole landing page', () => {
      const f = flat(text);
      assert.ok(f.includes('記録証明書') || f.includes(flat('記　録　証　明　書')), 'the title');
      for (const s of ['債権譲渡通知 / Notice of assignment of claims', ORGANISATION.legalName, ORGANISATION.address, ORGANISATION.registrationNumbers[0]!, '0120-111-222', `${t.url}/verify`, `${TARO.name}様`, '090-****-0001', '12月債権譲渡通知']) {
        assert.ok(f.includes(flat(s)), `the PDF names ${s}`);
      }
      assert.ok(!f.includes('09072720001') && !f.includes('090-7272-0001'), 'the number is masked on paper');
      assert.ok(f.includes(flat(smsText)), 'the SMS text as sent');
      assert.ok(f.includes(flat(END)), 'the 10,830-character landing page reaches its last line in the annex');
      const paragraphs = text.match(/第\d+項/g) ?? [];
      assert.ok(paragraphs.length >= 100, `every paragraph of the page is there (${paragraphs.length})`);
      assert.ok(f.includes(flat('npx todoku evidence verify')), 'how to verify');
    });

    test(kind === 'sqlite' ? 'without a TSA the PDF says the time is the installation’s own' : 'with the openssl TSA the PDF names the authority and its time', () => {
      const f = flat(text);
      if (kind === 'sqlite') {
        assert.equal(data.timeSource, 'installation');
        assert.equal(data.head.tsa, null);
        assert.ok(f.includes(flat('この時刻は本システム自身の時計によるもので、第三者の時刻認証ではありません')), 'the own-clock sentence');
        assert.ok(f.includes(flat("The time is this installation's own, not a third party's")));
      } else {
        assert.equal(data.timeSource, 'tsa');
        assert.ok(data.head.tsa, 'the head carries a token');
        assert.match(data.head.tsa!.name, /Todoku Test TSA/);
        assert.ok(f.includes(flat(data.head.tsa!.name)), 'names the TSA');
        assert.ok(text.includes(jst(data.head.tsa!.time)), 'and its time in JST');
        assert.ok(Math.abs(data.head.tsa!.time - Date.now()) < 120_000);
        assert.ok(!f.includes(flat('この時刻は本システム自身の時計')), 'no own-clock sentence');
      }
    });

    test('the attached certificate.json verifies offline (under the installation key), and matches certificate.json from the API', async () => {
      const check = await verifyCertificate(data, tsa ? { trustedCertsPem: [tsa.caPem] } : {});
      assert.ok(check.ok, JSON.stringify(check));
      assert.equal(check.messageId, messageId);
      assert.equal(check.timeSource, kind === 'sqlite' ? 'installation' : 'tsa');
      if (tsa) assert.equal(check.tsa?.chained, true);
      assert.equal(data.sender.legalName, ORGANISATION.legalName);
      assert.equal(data.recipient.maskedNumber, '090-****-0001');
      assert.equal(data.contents.find((c) => c.role === 'recipient_number')?.content, '+819072720001');
      assert.equal(data.contents.find((c) => c.role === 'sms_text')?.content, smsText);
      assert.ok(data.contents.find((c) => c.role === 'landing_page')?.content?.includes(END));

      const json = await t.api('GET', `/messages/${messageId}/certificate.json`);
      assert.equal(json.status, 200, JSON.stringify(json.body));
      assert.ok((await verifyCertificate(json.body)).ok);
      assert.equal(json.body.messageId, messageId);
      assert.equal(json.body.head.keyId, data.head.keyId);
      // poppler sees the attachment too.
      const file = join(dir, 'attached.pdf');
      writeFileSync(file, pdf);
      const { stdout } = await run('pdfdetach', ['-list', file]);
      assert.match(stdout, /certificate\.json/);
    });

    test('a changed certificate fails naming what: the text, a proof element, a recorded time', async () => {
      const sms = structuredClone(data);
      const content = sms.contents.find((c) => c.role === 'sms_text')!;
      content.content = content.content!.replace('さくら', 'さくら銀行');
      const a = await verifyCertificate(sms);
      assert.ok(!a.ok && a.failures.some((f) => f.part === 'content' && f.role === 'sms_text'), JSON.stringify(a));

      const proof = structuredClone(data);
      const e = proof.entries.find((x) => x.proof.length > 0)!;
      e.proof[0] = e.proof[0]!.slice(0, -1) + (e.proof[0]!.endsWith('0') ? '1' : '0');
      const b = await verifyCertificate(proof);
      assert.ok(!b.ok && b.failures.some((f) => f.part === 'entry' && f.leafIndex === e.leafIndex && /inclusion proof/.test(f.en)), JSON.stringify(b));

      const time = structuredClone(data);
      const receipt = time.entries.find((x) => x.leaf.includes('"message.receipt"'))!;
      const at = (JSON.parse(receipt.leaf) as { at: number }).at;
      receipt.leaf = receipt.leaf.replace(`"at":${at}`, `"at":${at - 86_400_000}`);
      const c1 = await verifyCertificate(time);
      assert.ok(!c1.ok && c1.failures.some((f) => f.leafIndex === receipt.leafIndex && /does not match its hash/.test(f.en)), JSON.stringify(c1));
      receipt.leafHash = leafHash(receipt.leaf).toString('hex');
      const c2 = await verifyCertificate(time);
      assert.ok(!c2.ok && c2.failures.some((f) => f.leafIndex === receipt.leafIndex && /inclusion proof/.test(f.en)), JSON.stringify(c2));
    });

    test("a test send's certificate says it went to the organisation's own test number", async () => {
      const sending = await t.api('PUT', '/organisation/sending', { approvalRequired: false, testNumbers: ['090-7272-0999'] });
      assert.equal(sending.status, 200, JSON.stringify(sending.body));
      const sent = await t.api('POST', `/campaigns/${c.id}/test-send`, {});
      assert.equal(sent.status, 202, JSON.stringify(sent.body));
      const id = sent.body.messages[0].id as number;
      await until('the test send handed over', async () => {
        const rows = await t.app.store.db.kysely.selectFrom('evidence_entries').select('kind').where('message_id', '=', id).execute();
        return rows.some((r) => r.kind === 'message.submitted') || undefined;
      }, 15_000);
      const r = await t.api('GET', `/messages/${id}/certificate.pdf`);
      assert.equal(r.status, 200, r.raw.toString('utf8').slice(0, 300));
      const d = (await readCertificateFile(r.raw)) as CertificateData;
      assert.equal(d.test, true);
      assert.equal(d.recipient.maskedNumber, '090-****-0999', 'the number it really went to');
      assert.ok((await verifyCertificate(d)).ok);
      const f = flat(await pdftotext(r.raw, dir));
      assert.ok(f.includes(flat('テスト送信: 組織自身のテスト用番号への送信であり、宛先の方への通知ではありません。')), 'marked as a test');
      assert.equal(data.test, false, "Taro's was not");
    });

    test('operators and admins only, audited; an unknown message is not found', async () => {
      assert.equal((await t.api('GET', '/messages/999999/certificate.pdf')).status, 404);
      assert.equal((await t.api('GET', '/messages/999999/certificate.json')).status, 404);
      const viewer = await t.api('POST', '/api-keys', { name: 'viewer-cert', role: 'viewer' });
      assert.equal(viewer.status, 201, JSON.stringify(viewer.body));
      assert.equal((await t.api('GET', `/messages/${messageId}/certificate.pdf`, undefined, { key: viewer.body.key })).status, 403);
      const audit = await t.api('GET', '/audit?limit=50');
      const lines = (audit.body.entries ?? audit.body.items ?? []) as { action: string; target: string }[];
      assert.ok(lines.some((l) => l.action === 'message.certificate' && l.target === `message:${messageId}`), JSON.stringify(audit.body).slice(0, 500));
    });

    test('`todoku evidence certificate CAMPAIGN --line 2 -o FILE` writes the PDF (and a .json), checked as it is written', async () => {
      const out = join(dir, 'cert.pdf');
      const r = await todoku(['evidence', 'certificate', String(c.id), '--line', '2', '-o', out, '--server', t.url, '--api-key', t.key]);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.match(r.stdout, /記録証明書を書き出しました/);
      const written = readFileSync(out);
      assert.equal(written.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok((await verifyCertificate(await readCertificateFile(written))).ok);

      const json = join(dir, 'cert.json');
      const j = await todoku(['evidence', 'certificate', String(c.id), '--line', '3', '-o', json, '--server', t.url, '--api-key', t.key, '--json']);
      assert.equal(j.code, 0, j.stderr + j.stdout);
      const summary = JSON.parse(j.stdout) as { message: number; format: string };
      assert.equal(summary.message, c.recipients.get(HANAKO.name)!.messageId);
      assert.equal(summary.format, 'json');
      const d = JSON.parse(readFileSync(json, 'utf8')) as CertificateData;
      assert.equal(d.recipient.maskedNumber, '090-****-0002');

      // What a court clerk or the recipient runs: the PDF alone, offline; then a changed copy of its data.
      const verified = await todoku(['evidence', 'verify', out]);
      assert.equal(verified.code, 0, verified.stderr + verified.stdout);
      d.contents.find((x) => x.role === 'sms_text')!.content = 'ほかの本文';
      const tampered = join(dir, 'tampered.json');
      writeFileSync(tampered, JSON.stringify(d));
      const refused = await todoku(['evidence', 'verify', tampered]);
      assert.equal(refused.code, 1, refused.stderr + refused.stdout);
      assert.match(refused.stderr, /sms_text/);

      const none = await todoku(['evidence', 'certificate', String(c.id), '--line', '9', '-o', join(dir, 'x.pdf'), '--server', t.url, '--api-key', t.key]);
      assert.notEqual(none.code, 0);
      assert.match(none.stderr, /9行目にはメッセージがありません/);
    });
  });
}
