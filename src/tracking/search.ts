// Finding a person in a campaign's recipient table, and what a viewer may see of a name. Operators
// search by any part of a name, number or column as typed (全角/半角 and hyphens don't matter);
// viewers, who see no personal data, only by line number.
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s\-‐－ー―()（）]/g, '');

/** Digits of a phone number as people write it at home: 090… for +8190…. */
function nationalDigits(e164: string): string {
  return e164.startsWith('+81') ? `0${e164.slice(3)}` : e164.replace(/^\+/, '');
}

export function recipientMatches(r: { line: number; phone: string; fields: Record<string, string> }, query: string, personal: boolean): boolean {
  const q = fold(query);
  if (q === '') return true;
  if (/^\d+$/.test(q) && String(r.line) === q) return true;
  if (!personal) return false;
  if (/^\+?\d+$/.test(q) && (r.phone.includes(q) || nationalDigits(r.phone).includes(q))) return true;
  return Object.values(r.fields).some((v) => fold(v).includes(q));
}

/** 山田 太郎 → 山＊＊＊＊: the first character only, so a viewer can tell rows apart without reading names. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '＊'.repeat(Math.min(4, Math.max(1, chars.length - 1)));
}
