// Real files for the document tests, made by code: small PDFs (pdf-lib), ZIPs (fflate) of them, and a
// campaign with recipients keyed by 学籍番号.
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { zipSync, strToU8 } from 'fflate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store/index.ts';

export async function makePdf(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  // Fixed dates: the same text gives the same bytes, so a file can be compared with what was sent.
  doc.setCreationDate(new Date(Date.UTC(2026, 0, 1)));
  doc.setModificationDate(new Date(Date.UTC(2026, 0, 1)));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 200]).drawText(text, { x: 20, y: 100, size: 14, font });
  return doc.save();
}

export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data])));
}

/** Hands a buffer over in small chunks, as a request body arrives. */
export async function* chunked(bytes: Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The text pdftotext (poppler-utils) reads from a PDF: what a person's viewer would show. */
export function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-pdf-'));
  try {
    const file = join(dir, 'file.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Dark pixels on each page as poppler renders it: a glyph that extracts but does not draw has none. */
export function inkPerPage(bytes: Uint8Array, dpi = 36): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-ink-'));
  try {
    const file = join(dir, 'file.pdf');
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const pgm = readFileSync(join(dir, f));
        // P5 <width> <height> 255, then one byte per pixel.
        const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/u.exec(pgm.subarray(0, 40).toString('latin1'))!;
        return pgm.subarray(header[0].length).reduce((n, v) => n + (v < 128 ? 1 : 0), 0);
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const STUDENTS = [
  { line: 2, phone: '+819011110001', fields: { name: '山田 太郎', phone: '+819011110001', amount: '12345', due_date: '2026-12-01', external_id: 'S0001', 授業料: '10000', 施設費: '2345' } },
  { line: 3, phone: '+819011110002', fields: { name: '佐藤 花子', phone: '+819011110002', amount: '5000', due_date: '2026/12/1', external_id: 'S0002', 授業料: '5000', 施設費: '' } },
  { line: 4, phone: '+819011110003', fields: { name: '鈴木 一郎', phone: '+819011110003', amount: '8000', due_date: '2026-12-01', external_id: 'S0003', 授業料: '8000', 施設費: '' } },
  { line: 5, phone: '+819011110004', fields: { name: '高橋 次郎', phone: '+819011110004', amount: '9000', due_date: '2026-12-01', external_id: 'S0004', 授業料: '9000', 施設費: '' } },
  { line: 6, phone: '+819011110005', fields: { name: '田中 三郎', phone: '+819011110005', amount: '7000', due_date: '2026-12-01', external_id: 'S0005', 授業料: '7000', 施設費: '' } },
];

export const COLUMNS = [
  { header: '氏名', field: 'name' },
  { header: '電話番号', field: 'phone' },
  { header: '金額', field: 'amount' },
  { header: '支払期限', field: 'due_date' },
  { header: '学籍番号', field: 'external_id' },
  { header: '授業料', field: '授業料' },
  { header: '施設費', field: '施設費' },
];

/** A campaign whose list was imported: recipients stored, columns recorded, one message each. */
export async function studentCampaign(store: Store, name: string, extra: typeof STUDENTS = []) {
  const c = await store.campaigns.create({ name });
  await store.recipients.insertBatch(c.id, [...STUDENTS, ...extra]);
  const campaign = (await store.campaigns.update(c.id, { columns_json: JSON.stringify(COLUMNS), accepted_count: STUDENTS.length + extra.length }))!;
  await store.messages.materialise(c.id);
  const recipients = new Map<string, { id: number; line: number; fields: Record<string, string> }>();
  for await (const batch of store.recipients.batches(c.id)) for (const r of batch) recipients.set(r.fields.external_id!, r);
  const messages = await store.messages.list(c.id, { limit: 100 });
  const messageOf = (recipientId: number) => messages.find((m) => m.recipient_id === recipientId)!.id;
  return { campaign, recipients, messageOf };
}
