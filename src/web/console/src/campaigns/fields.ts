// How the console names the fields Todoku knows (the CSV header aliases' canonical names).
import type { Key } from '../i18n/index.tsx';

export const FIELD_KEYS: Record<string, Key> = {
  name: 'field.name',
  phone: 'field.phone',
  amount: 'field.amount',
  due_date: 'field.due_date',
  external_id: 'field.external_id',
  birth_date: 'field.birth_date',
  postal_code: 'field.postal_code',
  pin: 'field.pin',
  kana: 'field.kana',
  consent_date: 'field.consent_date',
  consent_method: 'field.consent_method',
};

/** "氏名 (name)" for a known field; the custom column's own name otherwise. */
export function fieldLabel(field: string, t: (k: Key) => string): string {
  const key = FIELD_KEYS[field];
  return key ? `${t(key)} (${field})` : field;
}
