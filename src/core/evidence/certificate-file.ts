// A certificate as a file: its JSON (certificate.json), or its PDF, which carries that JSON as an
// attachment (PDF embedded file). Pure: takes the file's bytes, so `todoku evidence verify cert.pdf`
// works offline and a bundle's verifier can read certificates without touching the disk.
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream, type PDFObject } from 'pdf-lib';
import { CERTIFICATE_ATTACHMENT } from './certificate.ts';

const isPdf = (bytes: Uint8Array): boolean => bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';

/** The embedded files of a PDF, by name (walking the EmbeddedFiles name tree, its Kids included). */
export async function pdfAttachments(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const out = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const root = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const name: PDFObject | undefined = pairs.lookup(i);
      const spec = pairs.lookupMaybe(i + 1, PDFDict);
      const file = spec?.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
      if (!(file instanceof PDFRawStream) || !(name instanceof PDFString || name instanceof PDFHexString)) continue;
      out.set(name.decodeText(), decodePDFRawStream(file).decode());
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
  };
  walk(root);
  return out;
}

/**
 * The certificate's data from a .json or .pdf file, parsed but not checked (verifyCertificate does that).
 * Throws, in Japanese and English, when a PDF has no certificate.json or the JSON cannot be read.
 */
export async function readCertificateFile(bytes: Uint8Array): Promise<unknown> {
  let json: Uint8Array = bytes;
  if (isPdf(bytes)) {
    const attached = (await pdfAttachments(bytes)).get(CERTIFICATE_ATTACHMENT);
    if (!attached) throw new Error(`このPDFには ${CERTIFICATE_ATTACHMENT} が添付されていません / the PDF carries no ${CERTIFICATE_ATTACHMENT}`);
    json = attached;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as unknown;
  } catch {
    throw new Error('記録証明書のJSONとして読めません / not readable as a certificate JSON');
  }
}
