// Finding listed words in text: Japanese as plain substrings, English as whole words, longest first so
// 差押え is reported once and not also as 差押.
import type { Span } from './span.ts';

export interface WordHit extends Span {
  word: string;
}

const isLatin = (word: string): boolean => /^[a-z0-9 '-]+$/.test(word);

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a word list once; the text given to the matcher must already be lower-cased ASCII. */
export function wordMatcher(words: readonly string[]): (lower: string) => WordHit[] {
  const sorted = [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
  const alternatives = sorted.map((w) => {
    // Spaces in an English phrase match any run of spaces; letters around it must not continue the word.
    const body = escape(w).replace(/ /g, '\\s+');
    return isLatin(w) ? `(?<![a-z0-9])${body}(?![a-z0-9])` : body;
  });
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (lower) => [...lower.matchAll(pattern)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
}
