// Is this file really a PDF? The header says so and pdf-lib can read at least one page from it.
// Password-protected PDFs are accepted: the recipient's viewer asks for the password, not us.
import { PDFDocument } from 'pdf-lib';

export type PdfCheck = { ok: true; pages: number } | { ok: false; reason: 'not_pdf' | 'unreadable' };

export async function checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
  // The header may follow a little junk (some generators prepend a BOM); the spec allows 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) return { ok: false, reason: 'not_pdf' };
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    const pages = doc.getPageCount();
    return pages > 0 ? { ok: true, pages } : { ok: false, reason: 'unreadable' };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
