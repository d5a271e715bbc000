// Generated invoices (請求書): Japanese text drawn with the Noto Sans JP subset, read back by pdftotext
// as a person's viewer would; a row that cannot fill the invoice is reported, never printed blank.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { invoiceContent } from '../../src/documents/invoice/content.ts';
import { invoiceTemplateSchema } from '../../src/documents/invoice/template.ts';
import { renderInvoice } from '../../src/documents/invoice/render.ts';
import { wrapText } from '../../src/documents/invoice/wrap.ts';
import { japaneseDate } from '../../src/documents/invoice/format.ts';
import { checkPdf } from '../../src/documents/pdf-check.ts';
import { PDFDocument } from 'pdf-lib';
import { japaneseFont, subsetSafeFontkit } from '../../src/documents/invoice/font.ts';
import { inkPerPage, pdfText } from './fixtures.ts';

const TEMPLATE = invoiceTemplateSchema.parse({
  number: 'INV-{{external_id}}',
  issuer: { name: '東都大学 財務課', address: '東京都千代田区1-1', phone: '03-1234-5678', registrationNumber: 'T1234567890123' },
  items: [
    { label: '授業料', column: '授業料' },
    { label: '施設設備費', column: '施設費' },
  ],
  paymentInstructions: '下記口座へ{{due_date|date}}までに{{amount|yen}}をお振り込みください。\n東都銀行 本店 普通 1234567 トウトダイガク',
  notes: '行き違いでお支払い済みの場合はご容赦ください。',
});

const YAMADA = { name: '山田 太郎', amount: '12,345', due_date: '2026-12-01', external_id: 'S0001', 授業料: '10000', 施設費: '2345' };
const ITEMS = [
  { label: '授業料', field: '授業料' },
  { label: '施設設備費', field: '施設費' },
];
const ISSUED = Date.UTC(2026, 10, 20, 3, 0);

describe('invoice PDF', () => {
  test('a PDF generated for 山田 太郎 shows his name, the amount in yen, the due date in Japanese and the items (pdftotext)', async () => {
    const content = invoiceContent(TEMPLATE, { fields: YAMADA, items: ITEMS, organisationName: null, issuedAt: ISSUED });
    assert.ok(content.ok, JSON.stringify(content));
    const pdf = await renderInvoice(content.content, { author: '東都大学 財務課' });
    assert.deepEqual(await checkPdf(pdf), { ok: true, pages: 1 });
    const text = pdfText(pdf);
    assert.match(text, /山田 太郎 様/u);
    assert.match(text, /請\s*求\s*書/u);
    assert.match(text, /¥12,345/u);
    assert.match(text, /2026年12月1日（火）/u);
    assert.match(text, /発行日 2026年11月20日/u);
    assert.match(text, /番号 INV-S0001/u);
    assert.match(text, /東都大学 財務課/u);
    assert.match(text, /登録番号 T1234567890123/u);
    assert.match(text, /授業料\s+¥10,000/u);
    assert.match(text, /施設設備費\s+¥2,345/u);
    assert.match(text, /合計\s+¥12,345/u);
    assert.match(text, /2026年12月1日までに¥12,345をお振り込みください/u);
    // The 5 MB font is subset to the glyphs used: an invoice stays small enough for a slow phone.
    assert.ok(pdf.length < 80_000, `invoice is ${pdf.length} bytes`);
  });

  test('every glyph of the subset font is drawn, not only extractable (each character on its own page has ink)', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(subsetSafeFontkit);
    const font = await doc.embedFont(await japaneseFont(), { subset: true });
    const characters = [...'請求書山田太郎様東都大学財務課授業料施設設備費合計お支払期限¥0123456789'];
    for (const ch of characters) doc.addPage([40, 40]).drawText(ch, { x: 6, y: 10, size: 26, font });
    const ink = inkPerPage(await doc.save());
    assert.equal(ink.length, characters.length);
    const blank = characters.filter((_, i) => ink[i] === 0);
    assert.deepEqual(blank, [], 'characters that render blank');
  });

  test('a row without some items leaves them out of the table; without any, there is no table', async () => {
    const some = invoiceContent(TEMPLATE, { fields: { ...YAMADA, 施設費: '' }, items: ITEMS, organisationName: null, issuedAt: ISSUED });
    assert.ok(some.ok);
    assert.deepEqual(some.content.items, [{ label: '授業料', amount: '¥10,000' }]);
    const none = invoiceContent(invoiceTemplateSchema.parse({ paymentInstructions: 'お振込みください' }), { fields: YAMADA, items: [], organisationName: '東都大学', issuedAt: ISSUED });
    assert.ok(none.ok);
    assert.equal(none.content.issuer.name, '東都大学', "the organisation's name when the template names no issuer");
    const text = pdfText(await renderInvoice(none.content, { author: '東都大学' }));
    assert.doesNotMatch(text, /ご請求内訳|合計/u);
    assert.match(text, /ご請求金額\s+¥12,345/u);
  });

  test('a missing amount, an unreadable date or a missing merge field is reported, not printed blank', () => {
    const out = invoiceContent(TEMPLATE, { fields: { name: '佐藤 花子', amount: '', due_date: '12月頃', external_id: 'S0002' }, items: ITEMS, organisationName: null, issuedAt: ISSUED });
    assert.equal(out.ok, false);
    const fields = out.ok ? [] : out.problems.map((p) => p.field);
    assert.ok(fields.includes('amount'));
    assert.ok(fields.includes('due_date'));
    const noIssuer = invoiceContent(invoiceTemplateSchema.parse({ paymentInstructions: 'x' }), { fields: YAMADA, items: [], organisationName: null, issuedAt: ISSUED });
    assert.equal(noIssuer.ok, false);
  });

  test('long Japanese text wraps inside the page and never starts a line with 。 or 、', () => {
    const width = (s: string) => [...s].length * 10;
    const lines = wrapText('お支払いは、期限までにお願いいたします。お支払いが確認できない場合は、改めてご連絡いたします。', width, 100);
    assert.ok(lines.length > 3);
    for (const line of lines) {
      assert.ok(!/^[、。]/u.test(line), line);
      assert.ok(width(line) <= 110, `${line} is too wide`);
    }
    assert.deepEqual(wrapText('Account 1234567 Tokyo', width, 120), ['Account', '1234567', 'Tokyo']);
  });

  test('due dates read in Japanese with the weekday', () => {
    assert.equal(japaneseDate('2026/12/1'), '2026年12月1日（火）');
    assert.equal(japaneseDate('令和8年12月1日'), undefined);
  });
});
