// How a reply's text is folded before any rule looks at it, so that the way a phone or a person typed
// it (full-width ｓｔｏｐ, half-width ｽﾄｯﾌﾟ, capitals, spaces, a trailing 「。」 or 「！」) does not matter.

/** NFKC (full-width ASCII and half-width katakana to their usual forms), lower case, one space between words. */
export function foldSpaced(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

// Punctuation and symbols around a message ("停止。", "「停止」", "STOP!!", "停止🙏") carry no meaning for a
// whole-message match. The long-vowel mark ー is a letter modifier (Lm), so ストップー stays as typed.
const EDGES = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/** foldSpaced without any whitespace, and without punctuation or symbols at either end. */
export function foldCompact(text: string): string {
  return foldSpaced(text).replace(/\s+/gu, '').replace(EDGES, '');
}
