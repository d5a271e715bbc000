// Draws a 記録証明書 (A4, Japanese first, English in small type) with the invoice's writer and embedded
// Japanese font: the sender and the recipient, the recorded facts with their times in JST to the second
// and their ledger entry numbers, the notice text, where the times come from (a time-stamp authority, or
// plainly the installation's own clock), the signed tree head, each entry's leaf and inclusion proof, the
// commitments and what opens them, how to verify, and the landing page's content in an annex. The data
// itself rides inside as the attachment certificate.json, so the PDF alone can be verified.
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { createHash } from 'node:crypto';
import { CERTIFICATE_ATTACHMENT, CERTIFICATE_VERSION, jstTime, type CertificateData, type RevealedContent, type RevealedRole } from '../../core/evidence/certificate.ts';
import { NOTICE_KIND_LABELS, REVEALED_ROLE_LABELS, labelOf } from '../../core/labels.ts';
import { japaneseFont, subsetSafeFontkit } from '../../documents/invoice/font.ts';
import { A4, INK, MARGIN, MUTED, RULE, SHADE, Writer } from '../../documents/invoice/render.ts';
import { wrapText } from '../../documents/invoice/wrap.ts';
import { certificateRows } from './rows.ts';

/** The sentence every certificate without a time-stamp authority carries (issue 12). */
export const OWN_CLOCK = {
  ja: 'この時刻は本システム自身の時計によるもので、第三者の時刻認証ではありません。',
  en: "The time is this installation's own, not a third party's.",
};

const FORMALITY: Record<string, { ja: string; en: string }> = {
  assignment: { ja: '債権譲渡通知', en: 'Notice of assignment of claims' },
  formal: { ja: '正式な通知', en: 'Formal notice' },
};

/** Lines of `s` at `size` within `width`. */
const linesOf = (font: PDFFont, s: string, size: number, width: number): string[] => wrapText(s, (t) => font.widthOfTextAtSize(t, size), width);

class CertificateWriter extends Writer {
  constructor(
    doc: PDFDocument,
    readonly f: PDFFont,
  ) {
    super(doc, f);
  }
  /** Japanese in body type, the English under it in small muted type. */
  bilingual(ja: string, en: string, size = 9.5, x = MARGIN, width = this.width): void {
    this.paragraph(ja, size, x, width);
    this.paragraph(en, size * 0.72, x, width, MUTED);
  }
  /** A section heading: Japanese, then the English beside it in small type. */
  section(ja: string, en: string): void {
    this.heading(ja);
    // Back up to the heading's baseline (heading() moved 35 points down from it, less the type's size).
    this.y += 20.5;
    this.text(en, MARGIN + this.textWidth(ja, 12) + 10, 7.5, MUTED);
    this.y -= 20.5;
  }
  /** "label: value" lines, the label in muted small type on the left. */
  field(label: string, value: string, size = 9, labelWidth = 118): void {
    const lines = linesOf(this.f, value, size, this.width - labelWidth);
    this.need(size * 1.6 * Math.min(lines.length, 3));
    this.text(label, MARGIN, size * 0.8, MUTED);
    for (const line of lines) {
      this.need(size * 1.6);
      this.text(line, MARGIN + labelWidth, size);
      this.y -= size * 1.6;
    }
  }
  /** Hex and base64 in small type, wrapped anywhere. */
  code(s: string, size = 6.8, x = MARGIN, width = this.width): void {
    this.paragraph(s, size, x, width, MUTED);
  }
}

function senderBlock(w: CertificateWriter, d: CertificateData, x: number, width: number): void {
  const s = d.sender;
  w.paragraph('差出人 / Sender', 7.5, x, width, MUTED);
  w.paragraph(s.legalName ?? s.name, 11, x, width);
  if (s.legalName && s.legalName !== s.name) w.paragraph(s.name, 8.5, x, width, MUTED);
  if (s.nameEn) w.paragraph(s.nameEn, 7.5, x, width, MUTED);
  if (s.address) w.paragraph(s.address, 8.5, x, width, MUTED);
  for (const line of s.registrationNumbers) w.paragraph(line, 8, x, width, MUTED);
  if (s.officialSenders.length > 0) w.paragraph(`発信番号 / Sender: ${s.officialSenders.join('、')}`, 8, x, width, MUTED);
  if (s.officialLinkBases.length > 0) w.paragraph(`公式リンク / Links: ${s.officialLinkBases.join('  ')}`, 8, x, width, MUTED);
  if (s.contactPhone) w.paragraph(`お問い合わせ / Contact: ${s.contactPhone}`, 8, x, width, MUTED);
  w.paragraph(`差出人の確認 / Check the sender: ${s.verifyUrl}`, 8, x, width, MUTED);
}

function recipientBlock(w: CertificateWriter, d: CertificateData, x: number, width: number): void {
  const r = d.recipient;
  w.paragraph('宛先 / Recipient', 7.5, x, width, MUTED);
  const name = r.name ? `${r.name} 様` : '（氏名の記載なし / no name）';
  w.paragraph(name, w.textWidth(name, 15) > width ? 11 : 15, x, width);
  w.y -= 2;
  w.rule(x, x + width, 0.9, INK);
  w.y -= 8;
  w.paragraph(`電話番号 / Number: ${r.maskedNumber}`, 9, x, width);
  w.paragraph(`キャンペーン / Campaign: ${d.campaign.name}${r.line !== null ? `（${r.line}行目 / line ${r.line}）` : ''}`, 8.5, x, width, MUTED);
  const kind = `通知の種類 / Notice: ${labelOf(NOTICE_KIND_LABELS, d.campaign.noticeKind, 'ja')}（${labelOf(NOTICE_KIND_LABELS, d.campaign.noticeKind, 'en')}）`;
  w.paragraph(kind, 8.5, x, width, MUTED);
  const formality = d.campaign.formality ? FORMALITY[d.campaign.formality] : undefined;
  if (formality) w.paragraph(`${formality.ja} / ${formality.en}`, 9, x, width);
}

function factsTable(w: CertificateWriter, d: CertificateData): void {
  w.section('記録された事実と時刻（日本時間）', 'Recorded facts and times (JST, to the second)');
  const timeX = MARGIN + 2;
  const labelX = MARGIN + 118;
  const labelWidth = w.width - 118 - 58;
  const right = MARGIN + w.width - 2;
  w.need(18);
  w.text('日時（JST） / Time', timeX, 7.5, MUTED);
  w.text('事項 / Fact', labelX, 7.5, MUTED);
  w.right('台帳番号 / Entry', right, 7.5, MUTED);
  w.y -= 12;
  w.rule();
  w.y -= 5;
  for (const row of certificateRows(d)) {
    const ja = linesOf(w.f, row.label.ja, 9, labelWidth);
    const en = linesOf(w.f, row.label.en, 6.5, labelWidth);
    const detail = row.detail.ja ? linesOf(w.f, row.detail.ja, 6.8, labelWidth) : [];
    const height = ja.length * 13 + en.length * 9 + detail.length * 9.5 + 6;
    w.need(height);
    w.text(row.time, timeX, 9);
    w.right(`#${row.leafIndex}`, right, 8.5);
    for (const line of ja) {
      w.text(line, labelX, 9);
      w.y -= 13;
    }
    for (const line of en) {
      w.text(line, labelX, 6.5, MUTED);
      w.y -= 9;
    }
    for (const line of detail) {
      w.text(line, labelX, 6.8, MUTED);
      w.y -= 9.5;
    }
    w.y -= 2;
    w.rule(MARGIN, MARGIN + w.width, 0.3);
    w.y -= 4;
  }
}

const contentOf = (d: CertificateData, role: RevealedRole): RevealedContent[] => d.contents.filter((c) => c.role === role);

function withheldNote(w: CertificateWriter, c: RevealedContent): void {
  w.bilingual('この内容は保存期間を過ぎたため保持していません。記録にはそのコミットメントのみが残っています。', 'This content is no longer kept (past its retention); the record holds its commitment only.', 9);
  w.code(`commitment ${c.commitment}`);
}

function noticeText(w: CertificateWriter, d: CertificateData): void {
  w.section('通知の本文（送信したSMS）', 'Notice text, as sent (SMS)');
  const texts = contentOf(d, 'sms_text');
  if (texts.length === 0) w.bilingual('このメッセージの本文は記録されていません（携帯電話会社に引き渡されていません）。', 'No text was recorded for this message (it was not handed to a carrier).', 9);
  for (const c of texts) {
    if (c.content === null) {
      withheldNote(w, c);
      continue;
    }
    w.need(30);
    const lines = linesOf(w.f, c.content, 10, w.width - 24);
    const boxHeight = lines.length * 16 + 14;
    if (boxHeight < 700) {
      w.need(boxHeight + 4);
      w.page.drawRectangle({ x: MARGIN, y: w.y - boxHeight, width: w.width, height: boxHeight, color: SHADE, borderColor: RULE, borderWidth: 0.6 });
    }
    w.y -= 8;
    w.paragraph(c.content, 10, MARGIN + 12, w.width - 24);
    w.y -= 8;
    w.code(`commitment ${c.commitment}`);
  }
  const landing = contentOf(d, 'landing_page')[0];
  if (landing) {
    w.y -= 4;
    w.bilingual('通知ページ（リンク先）の内容は別紙のとおりです。', 'The landing page content (behind the link) is in the annex.', 9);
  }
}

function timeSource(w: CertificateWriter, d: CertificateData): void {
  w.section('時刻の根拠', 'Time source');
  const tsa = d.head.tsa;
  if (tsa) {
    w.bilingual(
      `下記のツリーヘッドは、時刻認証局（TSA）「${tsa.name}」により ${jstTime(tsa.time)}（日本時間）にタイムスタンプが付与されています（RFC 3161）。各記録はこのツリーヘッドに含まれるため、この時刻より前に記録されたことが第三者により証明されます。`,
      `The tree head below was time-stamped by the Time-Stamp Authority "${tsa.name}" at ${new Date(tsa.time).toISOString()} (RFC 3161): every entry it includes existed before that time, as a third party attests.`,
    );
  } else {
    w.bilingual(OWN_CLOCK.ja, OWN_CLOCK.en, 10);
    w.bilingual(
      '各記録の時刻とツリーヘッドの時刻は、本システムの時計で記録し、本システムの鍵で署名したものです。',
      "Entry times and the tree head's time were taken from this installation's clock and signed with its key.",
      8.5,
    );
  }
}

function treeHead(w: CertificateWriter, d: CertificateData): void {
  const h = d.head;
  w.section('ツリーヘッド（署名付き）', 'Signed tree head');
  w.field('記録数 / Tree size', String(h.size));
  w.field('ルート / Root (SHA-256)', h.root, 7.5);
  w.field('時刻 / Time', `${jstTime(h.at)}（JST） ${new Date(h.at).toISOString()}`);
  w.field('鍵ID / Key id', h.keyId);
  w.field('署名 / Signature (Ed25519)', h.signature, 7);
  if (h.tsa) {
    const token = Buffer.from(h.tsa.token, 'base64');
    w.field('時刻認証局 / TSA', `${h.tsa.name}${h.tsa.url ? `（${h.tsa.url}）` : ''}`);
    w.field('タイムスタンプ / TSA time', `${jstTime(h.tsa.time)}（JST） ${new Date(h.tsa.time).toISOString()}`);
    w.field('トークン / Token', `${token.length} bytes, SHA-256 ${createHash('sha256').update(token).digest('hex')}`, 7);
  }
  w.need(20);
  w.text('公開鍵 / Public key', MARGIN, 7.2, MUTED);
  w.y -= 11;
  for (const line of h.publicKeyPem.trim().split('\n')) w.code(line, 6.8, MARGIN + 118, w.width - 118);
}

function proofs(w: CertificateWriter, d: CertificateData): void {
  w.section('各記録と包含証明', 'Entries and inclusion proofs (RFC 9162)');
  w.bilingual(
    `各記録の内容（葉）、その葉ハッシュ SHA-256(0x00‖葉) と、ツリーヘッド（記録数 ${d.head.size}）のルートへの包含証明です。`,
    `Each entry's leaf as hashed, its leaf hash SHA-256(0x00 ‖ leaf), and its inclusion proof up to the root of the tree head (size ${d.head.size}).`,
    8,
  );
  for (const e of d.entries) {
    w.need(40);
    w.y -= 3;
    w.text(`#${e.leafIndex}`, MARGIN, 8.5);
    w.y -= 12;
    w.code(e.leaf, 6.5, MARGIN + 14, w.width - 14);
    w.code(`leaf hash ${e.leafHash}`, 6.5, MARGIN + 14, w.width - 14);
    e.proof.forEach((p, i) => w.code(`proof[${i}] ${p}`, 6.5, MARGIN + 14, w.width - 14));
  }
}

function commitments(w: CertificateWriter, d: CertificateData): void {
  w.section('コミットメントと開示した内容', 'Commitments and what opens them');
  w.bilingual(
    '記録には本文や番号を平文で含めず、コミットメント SHA-256("todoku-commit/1" 0x00 ‖ ノンス ‖ 内容) のみを記録しています。以下のノンスと内容から同じ値を計算できます。',
    'Entries hold no text or number in clear, only the commitment SHA-256("todoku-commit/1" 0x00 ‖ nonce ‖ content); the nonce and content below give the same value.',
    8,
  );
  for (const c of d.contents) {
    const label = REVEALED_ROLE_LABELS[c.role];
    w.need(36);
    w.y -= 3;
    w.text(`${label.ja} / ${label.en}`, MARGIN, 8.5);
    w.y -= 12;
    w.code(`commitment ${c.commitment}`, 6.5, MARGIN + 14, w.width - 14);
    w.code(c.nonce === null ? 'nonce — (no longer kept / 保持期間経過)' : `nonce ${c.nonce}`, 6.5, MARGIN + 14, w.width - 14);
    // Short contents are shown here; the notice text has its own section and long ones their annex.
    if (c.content !== null && c.role !== 'sms_text' && c.role !== 'landing_page' && c.role !== 'recipient_number' && c.content.length <= 2000) {
      w.paragraph(c.content, 8, MARGIN + 14, w.width - 14);
    }
    if (c.role === 'recipient_number') w.code('content: 添付データ（certificate.json）に記載 / in the attached certificate.json', 6.5, MARGIN + 14, w.width - 14);
  }
}

function howToVerify(w: CertificateWriter, d: CertificateData): void {
  w.section('検証の方法', 'How to verify');
  w.bilingual(
    `この PDF には検証用のデータ（${CERTIFICATE_ATTACHMENT}、形式 ${CERTIFICATE_VERSION}）が添付されています。Todoku があれば、サーバーもデータベースも使わずに次のコマンドで検証できます。すべて正しければ終了コード 0 を、どこかが改変されていれば終了コード 1 と、失敗した記録を示します。`,
    `This PDF carries its data as the attachment ${CERTIFICATE_ATTACHMENT} (format ${CERTIFICATE_VERSION}). With Todoku, verify it offline (no server, no database) with the command below: exit 0 when everything checks, exit 1 naming the entry that fails when anything was changed.`,
    9,
  );
  w.y -= 4;
  w.paragraph('npx todoku evidence verify この証明書.pdf   （または certificate.json）', 9.5, MARGIN + 12);
  w.paragraph('npx todoku evidence verify certificate.pdf   (or certificate.json)', 7.5, MARGIN + 12, w.width - 12, MUTED);
  w.y -= 4;
  w.bilingual(
    `署名の鍵ID「${d.head.keyId}」が、差出人が公表している鍵IDと一致することも確かめてください。Todoku を使わずに確かめる場合: 各記録の葉ハッシュを計算し、RFC 9162 §2.1.3.2 の手順で包含証明をたどってルートと一致すること、ツリーヘッドの Ed25519 署名、タイムスタンプトークン（openssl ts -verify）、各コミットメントを確かめます。`,
    `Also check that the key id "${d.head.keyId}" is the one the sender publishes. Without Todoku: hash each leaf, follow its inclusion proof to the root (RFC 9162 §2.1.3.2), check the head's Ed25519 signature, the time-stamp token (openssl ts -verify) and each commitment.`,
    8.5,
  );
}

/** The landing page content as people read it: the notice's text when the sealed content is a structure holding it. */
export function landingText(content: string): string {
  try {
    const v = JSON.parse(content) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const key = ['notice', 'markdown', 'body', 'text', 'content'].find((k) => typeof o[k] === 'string');
      if (key) {
        const rest = Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
        return Object.keys(rest).length > 0 ? `${o[key] as string}\n\n――\n${JSON.stringify(rest, null, 2)}` : (o[key] as string);
      }
      return JSON.stringify(v, null, 2);
    }
  } catch {
    // Not JSON: the content is the page's text itself.
  }
  return content;
}

function annexes(w: CertificateWriter, doc: PDFDocument, d: CertificateData): void {
  const annex: { title: { ja: string; en: string }; c: RevealedContent; text: (s: string) => string }[] = [
    ...contentOf(d, 'landing_page').map((c) => ({ title: { ja: '別紙\u3000通知ページの内容', en: 'Annex: landing page content' }, c, text: landingText })),
  ];
  for (const a of annex) {
    w.page = doc.addPage(A4);
    w.y = A4[1] - MARGIN;
    w.text(a.title.ja, MARGIN, 14);
    w.y -= 20;
    w.text(a.title.en, MARGIN, 8, MUTED);
    w.y -= 12;
    w.code(`commitment ${a.c.commitment}`);
    w.rule();
    w.y -= 10;
    if (a.c.content === null) withheldNote(w, a.c);
    else w.paragraph(a.text(a.c.content), 9);
  }
}

export async function renderCertificate(d: CertificateData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(subsetSafeFontkit);
  const font = await doc.embedFont(await japaneseFont(), { subset: true });
  const issued = new Date(d.issuedAt);
  doc.setTitle(`記録証明書 / Certificate of records — message ${d.messageId}`);
  doc.setAuthor(d.sender.legalName ?? d.sender.name);
  doc.setSubject(`${d.campaign.name}`);
  doc.setCreator('Todoku');
  doc.setProducer('Todoku (pdf-lib)');
  doc.setLanguage('ja-JP');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const w = new CertificateWriter(doc, font);
  const right = MARGIN + w.width;

  const title = [...'記録証明書'].join('\u3000');
  w.text(title, MARGIN + (w.width - w.textWidth(title, 22)) / 2, 22);
  w.y -= 30;
  const sub = 'Certificate of records';
  w.text(sub, MARGIN + (w.width - w.textWidth(sub, 9)) / 2, 9, MUTED);
  w.y -= 22;
  w.right(`発行日時 / Issued ${jstTime(d.issuedAt)}（JST）`, right, 8.5, MUTED);
  w.y -= 13;
  w.right(`メッセージ / Message ${d.messageId}\u3000台帳の記録数 / Ledger size ${d.head.size}`, right, 8.5, MUTED);
  w.y -= 24;
  if (d.test) {
    // Marked as a test everywhere: this went to the organisation's own test number, not to the person named.
    w.bilingual('テスト送信: 組織自身のテスト用番号への送信であり、宛先の方への通知ではありません。', "Test send: to the organisation's own test number, not a notice to the recipient named.", 11);
    w.y -= 8;
  }

  // Recipient on the left, sender on the right, as letters are laid out.
  const top = w.y;
  recipientBlock(w, d, MARGIN, w.width * 0.52);
  const afterRecipient = w.y;
  w.y = top;
  senderBlock(w, d, MARGIN + w.width * 0.58, w.width * 0.42);
  w.y = Math.min(w.y, afterRecipient) - 14;

  w.bilingual(
    '本書は、下記の各事項が記載の時刻に Todoku の証跡台帳（追記のみの改ざん検知可能な記録。RFC 9162 方式の Merkle 木）に記録されたことを証明するものです。各記録は台帳番号と包含証明により、末尾の署名付きツリーヘッドに結び付いています。差出人・宛先・キャンペーンの名称は発行時点の設定によります。',
    "This certifies that each fact below was recorded at the time stated in Todoku's evidence ledger (an append-only, tamper-evident Merkle tree log as in RFC 9162). Each entry is bound by its number and inclusion proof to the signed tree head at the end. Names of sender, recipient and campaign are as configured when issued.",
    9,
  );
  factsTable(w, d);
  noticeText(w, d);
  timeSource(w, d);
  treeHead(w, d);
  howToVerify(w, d);
  proofs(w, d);
  commitments(w, d);
  annexes(w, doc, d);

  // A footer on every page: which certificate, which page.
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const footer = `記録証明書 / Certificate of records — message ${d.messageId} — ${i + 1} / ${pages.length}`;
    page.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 7, font, color: MUTED });
  });

  await doc.attach(Buffer.from(JSON.stringify(d, null, 2), 'utf8'), CERTIFICATE_ATTACHMENT, {
    mimeType: 'application/json',
    description: `Todoku ${CERTIFICATE_VERSION}: verify with \`npx todoku evidence verify\``,
    creationDate: issued,
    modificationDate: issued,
  });
  return doc.save({ useObjectStreams: true });
}
