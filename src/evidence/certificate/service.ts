// The 記録証明書 as the API and the console ask for it: one message's data (checked before it leaves) and
// the PDF drawn from exactly that data.
import type { CertificateData } from '../../core/evidence/certificate.ts';
import { certificateData, type CertificateDeps, type CertificateOptions } from './data.ts';
import { renderCertificate } from './pdf.ts';

export interface Certificates {
  /** The data; `head` proves against that head rather than sealing the ledger (an export's own last head). */
  data(messageId: number, opts?: CertificateOptions): Promise<CertificateData>;
  pdf(messageId: number): Promise<{ data: CertificateData; bytes: Uint8Array }>;
}

export function createCertificates(base: CertificateDeps): Certificates {
  // A head is checked in full once (its token's signature is the slow part), then trusted by id.
  const deps: CertificateDeps = { ...base, headCache: base.headCache ?? new Map() };
  return {
    data: (messageId, opts) => certificateData(deps, messageId, opts),
    async pdf(messageId) {
      const data = await certificateData(deps, messageId);
      return { data, bytes: await renderCertificate(data) };
    },
  };
}
