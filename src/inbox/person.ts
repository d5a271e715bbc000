// Who a conversation is with, as the list they were imported from names them: the person's name and
// customer number (顧客番号 / 学籍番号 …, the external_id field). Operators and administrators see them
// in full; a viewer sees them masked, as a viewer sees no message texts.
import type { InboxDeps } from './deps.ts';

export interface Person {
  name: string | null;
  customerNumber: string | null;
}

const present = (v: string | undefined): string | null => (v !== undefined && v.trim() !== '' ? v.trim() : null);

export function personOf(fields: Readonly<Record<string, string>>): Person {
  return { name: present(fields.name), customerNumber: present(fields.external_id) };
}

/** 「山田 太郎」 → 「山＊＊＊」; "S0012345" → "******45": enough to tell two apart on the screen, not to name anyone. */
export function maskPerson(p: Person): Person {
  const chars = (s: string) => [...s];
  return {
    name: p.name === null ? null : chars(p.name)[0]! + '＊'.repeat(Math.max(2, chars(p.name).length - 1)),
    customerNumber: p.customerNumber === null ? null : '*'.repeat(Math.max(2, chars(p.customerNumber).length - 2)) + chars(p.customerNumber).slice(-2).join(''),
  };
}

/** The people behind some recipient rows, read (and unsealed) in one query. */
export async function peopleOf(deps: Pick<InboxDeps, 'store'>, recipientIds: readonly number[]): Promise<Map<number, Person>> {
  const rows = await deps.store.recipients.byIds([...new Set(recipientIds)]);
  return new Map([...rows].map(([id, r]) => [id, personOf(r.fields)]));
}
