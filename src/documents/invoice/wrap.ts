// Line breaking for Japanese and mixed text on paper: a line may break between any two Japanese
// characters, Latin words are kept whole where they fit, and closing punctuation (、。）」…) never
// starts a line (禁則処理, the simple "hang it on the line before" form).
const NO_LINE_START = new Set([...'、。，．,.)）」』】〕〉》”’ー・：；:;!！?？ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々']);

/** Tokens that are not split: a Latin word with its digits, a run of spaces, or one other character. */
function tokens(line: string): string[] {
  return line.match(/[\p{Script=Latin}\p{N}\-_@./:%]+|\s+|./gsu) ?? [];
}

export function wrapText(text: string, width: (s: string) => number, maxWidth: number): string[] {
  const out: string[] = [];
  const flush = (line: string) => {
    let rest = line.trimEnd();
    // A word wider than the whole line is cut by characters rather than running off the page.
    while (rest.length > 1 && width(rest) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && width(rest.slice(0, cut)) > maxWidth) cut--;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    out.push(rest);
  };
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const token of tokens(paragraph)) {
      if (line === '' || width(line + token) <= maxWidth || NO_LINE_START.has(token)) {
        line += token;
      } else if (/^\s+$/.test(token)) {
        flush(line);
        line = '';
      } else {
        flush(line);
        line = token;
      }
    }
    flush(line);
  }
  return out;
}
