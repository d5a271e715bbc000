// What an operator sets for a campaign's generated invoices (請求書): the issuer, the wording, optional
// item columns, payment instructions. Free texts may use merge fields ({{amount|yen}}, {{学籍番号}}).
import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max);

export const invoiceTemplateSchema = z.object({
  title: text(40).min(1).default('請求書'),
  /** Document number, may use merge fields: 'INV-{{external_id}}'. */
  number: text(100).optional(),
  issuer: z
    .object({
      /** Default: the organisation's name from the landing-page settings. */
      name: text(100).min(1).optional(),
      department: text(100).optional(),
      address: text(200).optional(),
      phone: text(40).optional(),
      /** 適格請求書発行事業者登録番号 */
      registrationNumber: z.string().regex(/^T\d{13}$/, 'T followed by 13 digits / Tと13桁の数字').optional(),
    })
    .default({}),
  greeting: text(1000).default('下記のとおりご請求申し上げます。お支払期限までにお支払いくださいますようお願いいたします。'),
  /** A table of items, one per column; a row's empty cells leave that item out. */
  items: z
    .array(z.object({ label: text(60).min(1), column: text(100).min(1) }))
    .max(30)
    .default([]),
  paymentInstructions: text(2000).min(1),
  notes: text(2000).optional(),
});

export type InvoiceTemplate = z.infer<typeof invoiceTemplateSchema>;
