// JSON shapes of a recipient's prior consent to notices by SMS (core/consent.ts), as the API shows and takes it.
import { z } from 'zod';
import { CONSENT_METHODS, MAX_CONSENT_NOTE } from '../../core/consent.ts';

export const consentView = z
  .object({
    date: z.string().describe('the day consent was given, YYYY-MM-DD'),
    method: z.enum(CONSENT_METHODS).describe('written 書面 | electronic 電子 | oral_record 口頭記録 | other その他'),
    note: z.string().nullable().describe('how it was obtained, in the office\'s words'),
  })
  .meta({ id: 'Consent' });

export const consentBody = z.object({
  date: z.string().trim().min(1).max(40).describe('the day consent was given: 2024-04-01, 2024/4/1, 令和6年4月1日 …; not after today'),
  method: z.enum(CONSENT_METHODS).describe('written 書面 | electronic 電子 | oral_record 口頭記録 | other その他'),
  note: z.string().max(MAX_CONSENT_NOTE).nullish().describe('how it was obtained, e.g. 契約書第12条 (sealed; never in the ledger in clear)'),
});
