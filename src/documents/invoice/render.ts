// Draws an invoice (A4 portrait) with pdf-lib: title, recipient, issuer, the amount and due date in a
// box, the items table when the row has items, payment instructions and notes. Text is embedded with
// a subset of the Japanese font, so it can be searched and copied (pdftotext finds the name).
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { InvoiceContent } from './content.ts';
import { japaneseFont, subsetSafeFontkit } from './font.ts';
import { wrapText } from './wrap.ts';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.4, 0.44);
export const RULE = rgb(0.7, 0.72, 0.75);
export const SHADE = rgb(0.94, 0.95, 0.97);

/** Writes down an A4 page, starting a new page where the next line would not fit (the 記録証明書 draws with it too). */
export class Writer {
  y: number;
  page: PDFPage;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  get width(): number {
    return A4[0] - 2 * MARGIN;
  }
  /** Room for `h` more points, or a new page. */
  need(h: number): void {
    if (this.y - h >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  textWidth(s: string, size: number): number {
    return this.font.widthOfTextAtSize(s, size);
  }
  text(s: string, x: number, size: number, color = INK): void {
    this.page.drawText(s, { x, y: this.y - size, size, font: this.font, color });
  }
  right(s: string, xRight: number, size: number, color = INK): void {
    this.text(s, xRight - this.textWidth(s, size), size, color);
  }
  paragraph(s: string, size: number, x = MARGIN, width = this.width, color = INK): void {
    for (const line of wrapText(s, (t) => this.textWidth(t, size), width)) {
      this.need(size * 1.6);
      this.text(line, x, size, color);
      this.y -= size * 1.6;
    }
  }
  rule(x1 = MARGIN, x2 = MARGIN + this.width, thickness = 0.6, color = RULE): void {
    this.page.drawLine({ start: { x: x1, y: this.y }, end: { x: x2, y: this.y }, thickness, color });
  }
  heading(s: string): void {
    this.need(40);
    this.y -= 10;
    this.text(s, MARGIN, 12);
    this.y -= 17;
    this.rule();
    this.y -= 8;
  }
}

export async function renderInvoice(c: InvoiceContent, meta: { author: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(subsetSafeFontkit);
  const font = await doc.embedFont(await japaneseFont(), { subset: true });
  doc.setTitle(`${c.title} ${c.recipientName} 様`);
  doc.setAuthor(meta.author);
  doc.setCreator('Todoku');
  doc.setProducer('Todoku (pdf-lib)');
  doc.setLanguage('ja-JP');
  const w = new Writer(doc, font);
  const right = MARGIN + w.width;

  // Title, spaced out as Japanese forms are.
  const title = [...c.title].join(c.title.length <= 4 ? '　' : '');
  w.text(title, MARGIN + (w.width - w.textWidth(title, 22)) / 2, 22);
  w.y -= 40;
  w.right(`発行日 ${c.issuedOn}`, right, 9.5, MUTED);
  if (c.number) {
    w.y -= 14;
    w.right(`番号 ${c.number}`, right, 9.5, MUTED);
  }
  w.y -= 26;

  // Recipient on the left, issuer on the right.
  const top = w.y;
  const name = `${c.recipientName} 様`;
  const nameSize = w.textWidth(name, 16) > w.width * 0.52 ? 12 : 16;
  w.text(name, MARGIN, nameSize);
  w.y -= nameSize + 6;
  w.rule(MARGIN, MARGIN + w.width * 0.55, 0.9, INK);
  const afterName = w.y;
  w.y = top;
  const issuerX = MARGIN + w.width * 0.6;
  w.paragraph(c.issuer.name, 11, issuerX, w.width * 0.4);
  for (const line of c.issuer.lines) w.paragraph(line, 8.5, issuerX, w.width * 0.4, MUTED);
  w.y = Math.min(w.y, afterName) - 18;

  w.paragraph(c.greeting, 10);
  w.y -= 10;

  // The amount and the due date, in a shaded box.
  const boxHeight = c.dueDate ? 64 : 40;
  w.need(boxHeight + 10);
  w.page.drawRectangle({ x: MARGIN, y: w.y - boxHeight, width: w.width, height: boxHeight, color: SHADE, borderColor: RULE, borderWidth: 0.6 });
  w.y -= 12;
  w.text('ご請求金額', MARGIN + 14, 11);
  w.right(c.amount, right - 14, 18);
  if (c.dueDate) {
    w.y -= 28;
    w.text('お支払期限', MARGIN + 14, 11);
    w.right(c.dueDate, right - 14, 13);
  }
  w.y -= c.dueDate ? 36 : 40;

  if (c.items.length > 0) {
    w.heading('ご請求内訳');
    for (const item of c.items) {
      w.need(20);
      w.text(item.label, MARGIN + 4, 10);
      w.right(item.amount, right - 4, 10);
      w.y -= 16;
      w.rule();
      w.y -= 4;
    }
    w.need(20);
    w.y -= 2;
    w.text('合計', MARGIN + 4, 10.5);
    w.right(c.amount, right - 4, 10.5);
    w.y -= 22;
  }

  w.heading('お支払い方法');
  w.paragraph(c.paymentInstructions, 10);
  if (c.notes) {
    w.heading('備考');
    w.paragraph(c.notes, 9.5, MARGIN, w.width, MUTED);
  }
  return doc.save({ useObjectStreams: true });
}
