// 本人認証 answers: what the recipient types and what the list holds, each brought to one normal form
// per method, so that 〒１２３－４５６７ and 1234567 (or 平成2年1月2日 and 1990/01/02) are the same answer.
import type { VerificationMethod } from '../store/schema-landing.ts';
import { normaliseBirthDate } from './birth-date.ts';

export type { VerificationMethod };

export const VERIFICATION_METHODS = ['birth_date', 'id_suffix', 'postal_code', 'pin'] as const satisfies readonly VerificationMethod[];

/** The list column each method reads unless the campaign names another. */
export const DEFAULT_COLUMN: Record<VerificationMethod, string> = {
  birth_date: 'birth_date',
  id_suffix: 'external_id',
  postal_code: 'postal_code',
  pin: 'pin',
};

export const DEFAULT_DIGITS = 4;

export interface AnswerRule {
  method: VerificationMethod;
  /** id_suffix only: how many trailing digits. */
  digits: number | null;
}

const DASHES = /[-‐‑‒–—―−ー－]/gu;
const onlyDigits = (s: string) => s.normalize('NFKC').replace(/\D/gu, '');

function postalCode(raw: string): string | undefined {
  const text = raw.normalize('NFKC').replace(/[〒\s]/gu, '').replace(DASHES, '');
  return /^\d{7}$/u.test(text) ? text : undefined;
}

function pin(raw: string): string | undefined {
  const text = raw.normalize('NFKC').replace(/\s/gu, '').replace(DASHES, '').toUpperCase();
  return text === '' ? undefined : text;
}

/**
 * What the recipient typed, normalised; undefined when it is not even in the right form (e.g. a date
 * that does not exist), which the page reports without spending one of the tries.
 */
export function givenAnswer(rule: AnswerRule, input: string): string | undefined {
  switch (rule.method) {
    case 'birth_date':
      return normaliseBirthDate(input);
    case 'postal_code':
      return postalCode(input);
    case 'pin':
      return pin(input);
    case 'id_suffix': {
      const text = input.normalize('NFKC').replace(/\s/gu, '').replace(DASHES, '');
      const digits = rule.digits ?? DEFAULT_DIGITS;
      return /^\d+$/u.test(text) && text.length === digits ? text : undefined;
    }
  }
}

/**
 * The answer held in the recipient's row, normalised the same way; undefined when the row has none
 * usable (then nobody can verify, and the page says whom to call).
 */
export function expectedAnswer(rule: AnswerRule, value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (rule.method === 'id_suffix') {
    // Student and contract numbers may carry letters (S0001): the trailing digits are what is asked.
    const digits = onlyDigits(value);
    const n = rule.digits ?? DEFAULT_DIGITS;
    return digits.length >= n ? digits.slice(-n) : undefined;
  }
  return givenAnswer(rule, value);
}
