// The verified page's sections for what a recipient can do after reading: PDF, survey, payment,
// self-service (promise, instalments, dispute, not me), in that order. app.ts hands this list to the recipient pages (their extension point, ../sections.ts).
import type { LandingSection } from '../sections.ts';
import type { RecipientActions } from '../../recipient-actions.ts';
import { pdfSection } from './pdf.ts';
import { surveySection } from './survey.ts';
import { paymentSection } from './payment.ts';
import { selfServiceSection } from './self-service.ts';

/** `publicUrl`: where recipients reach this server (configured, never read from a request). */
export function recipientActionSections(a: RecipientActions, publicUrl: () => string): LandingSection[] {
  return [pdfSection(a.documents), surveySection(a.surveys), paymentSection(a.payments, publicUrl), selfServiceSection(a.selfService)];
}
