// One recipient's invoice as text: the template's merge fields filled from the recipient's row, the
// amount in yen, the due date in Japanese, the items that row has. Pure: no font, no PDF, no clock.
// Like the SMS, a missing or unreadable value is a problem to report, never a blank on paper.
import type { Bilingual } from '../../core/errors.ts';
import { parseTemplate, renderTemplate } from '../../core/template.ts';
import type { InvoiceTemplate } from './template.ts';
import { japaneseDate, japaneseDay, yen } from './format.ts';

export interface InvoiceContent {
  title: string;
  number: string | null;
  issuedOn: string;
  recipientName: string;
  amount: string;
  dueDate: string | null;
  items: { label: string; amount: string }[];
  issuer: { name: string; lines: string[] };
  greeting: string;
  paymentInstructions: string;
  notes: string | null;
}

export interface InvoiceProblem {
  field: string;
  message: Bilingual;
}

export interface InvoiceInput {
  fields: Readonly<Record<string, string>>;
  /** The template's item columns, resolved to recipient fields. */
  items: readonly { label: string; field: string }[];
  /** The organisation's name, when the template names no issuer. */
  organisationName: string | null;
  issuedAt: number;
}

export type InvoiceResult = { ok: true; content: InvoiceContent } | { ok: false; problems: InvoiceProblem[] };

export function invoiceContent(t: InvoiceTemplate, input: InvoiceInput): InvoiceResult {
  const problems: InvoiceProblem[] = [];
  const merged = (source: string | undefined): string | null => {
    if (source === undefined || source === '') return null;
    let parsed;
    try {
      parsed = parseTemplate(source);
    } catch {
      problems.push({ field: '(template)', message: { ja: `差込の書き方に誤りがあります: ${source.slice(0, 40)}`, en: `merge field syntax error in: ${source.slice(0, 40)}` } });
      return null;
    }
    const out = renderTemplate(parsed, input.fields);
    if (out.ok) return out.text;
    problems.push(...out.problems.map((p) => ({ field: p.field, message: p.message })));
    return null;
  };

  const name = input.fields.name?.trim();
  if (!name) problems.push({ field: 'name', message: { ja: '氏名がありません', en: 'no name' } });
  const amount = yen(input.fields.amount);
  if (!amount) problems.push({ field: 'amount', message: { ja: '金額を円の金額として読めません', en: 'the amount is not a whole-yen amount' } });
  const rawDue = input.fields.due_date?.trim();
  const dueDate = rawDue ? japaneseDate(rawDue) : null;
  if (dueDate === undefined) problems.push({ field: 'due_date', message: { ja: '支払期限を日付として読めません', en: 'the due date is not a date' } });

  const items: { label: string; amount: string }[] = [];
  for (const item of input.items) {
    const raw = input.fields[item.field]?.trim();
    if (!raw) continue;
    const value = yen(raw);
    if (value) items.push({ label: item.label, amount: value.text });
    else problems.push({ field: item.field, message: { ja: `「${item.label}」の金額を読めません`, en: `the amount of "${item.label}" cannot be read` } });
  }

  const issuerName = t.issuer.name ?? input.organisationName;
  if (!issuerName) problems.push({ field: 'issuer.name', message: { ja: '発行者名（組織名）が設定されていません', en: 'no issuer (organisation) name is set' } });

  const number = merged(t.number);
  const greeting = merged(t.greeting) ?? '';
  const paymentInstructions = merged(t.paymentInstructions) ?? '';
  const notes = merged(t.notes);
  if (problems.length > 0 || !name || !amount || dueDate === undefined || !issuerName) return { ok: false, problems };

  const issuer = t.issuer;
  const lines = [
    issuer.department,
    issuer.address,
    issuer.phone ? `TEL ${issuer.phone}` : undefined,
    issuer.registrationNumber ? `登録番号 ${issuer.registrationNumber}` : undefined,
  ].filter((l): l is string => !!l);
  return {
    ok: true,
    content: {
      title: t.title,
      number,
      issuedOn: japaneseDay(input.issuedAt),
      recipientName: name,
      amount: amount.text,
      dueDate,
      items,
      issuer: { name: issuerName, lines },
      greeting,
      paymentInstructions,
      notes,
    },
  };
}
