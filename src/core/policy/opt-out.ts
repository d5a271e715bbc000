// The opt-out instruction some packs require in every text (Regulation F: "Reply STOP to opt out").
import type { PolicyPack } from './packs.ts';

// Compared without case, width or spacing differences, so "reply stop to opt out." counts.
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** True when the pack requires an opt-out instruction and the text does not carry it. */
export function lacksOptOutText(text: string, pack: Pick<PolicyPack, 'requiresOptOutText'>): boolean {
  const phrase = pack.requiresOptOutText;
  return phrase !== null && !fold(text).includes(fold(phrase));
}

/** The text with the pack's opt-out instruction on a line of its own at the end, when it lacks one. */
export function withOptOutText(text: string, pack: Pick<PolicyPack, 'requiresOptOutText'>): string {
  if (!lacksOptOutText(text, pack) || pack.requiresOptOutText === null) return text;
  return `${text.replace(/\s+$/u, '')}\n${pack.requiresOptOutText}`;
}
