// The 記録証明書 as the API and the console ask for it: one message's data (checked before it leaves) and
// the PDF drawn from exactly that data.
import type { CertificateData } from '../../core/evidence/certificate.ts';
import { certificateData, type CertificateDeps } from './data.ts';
import { renderCertificate } from './pdf.ts';

export interface Certificates {
  data(messageId: number): Promise<CertificateData>;
  pdf(messageId: number): Promise<{ data: CertificateData; bytes: Uint8Array }>;
}

export function createCertificates(deps: CertificateDeps): Certificates {
  return {
    data: (messageId) => certificateData(deps, messageId),
    async pdf(messageId) {
      const data = await certificateData(deps, messageId);
      return { data, bytes: await renderCertificate(data) };
    },
  };
}
