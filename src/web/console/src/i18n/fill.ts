// Fills a dictionary text: {name} placeholders, and English plural forms written as
// {n, plural, one {# person answered} other {# people answered}} (# is the value as given, e.g. "1,234"),
// chosen with Intl.PluralRules for the language. A value ending in a full stop ("Co., Ltd.") takes the
// sentence's own: never "Ltd..".
import type { Lang } from '../../../../core/labels.ts';

export type Vars = Record<string, string | number>;

const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/gu;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/gu;
const rules: Partial<Record<Lang, Intl.PluralRules>> = {};

/** "1,234" as the console formats it → 1234, for choosing the form. */
const numberOf = (v: string | number): number => (typeof v === 'number' ? v : Number(v.replace(/[,\s]/gu, '')));

function plural(lang: Lang, value: string | number, branches: string): string {
  const forms = new Map([...branches.matchAll(BRANCH)].map((m) => [m[1]!, m[2]!]));
  const n = numberOf(value);
  const exact = forms.get(`=${n}`);
  const category = Number.isFinite(n) ? (rules[lang] ??= new Intl.PluralRules(lang)).select(n) : 'other';
  const form = exact ?? forms.get(category) ?? forms.get('other') ?? '';
  return form.replace(/#/gu, String(value));
}

export function fill(lang: Lang, s: string, vars?: Vars): string {
  if (!vars) return s;
  return s
    .replace(PLURAL, (m, k: string, branches: string) => (k in vars ? plural(lang, vars[k]!, branches) : m))
    .replace(/\{(\w+)\}(\.?)/gu, (m, k: string, stop: string) => (k in vars ? String(vars[k]) + (String(vars[k]).endsWith('.') ? '' : stop) : m));
}
