// shouting: capitals and exclamation marks read as alarm or spam. Runs of capital words of six letters or
// more are flagged, except familiar abbreviations and the organisation's own name.
import type { LintRule, RuleFinding } from '../types.ts';

export const CAPITALS_ALLOWED: readonly string[] = [
  'URL', 'SMS', 'ATM', 'PIN', 'STOP', 'HELP', 'ID', 'PDF', 'FAQ', 'QR', 'OK', 'JP', 'USD', 'JPY', 'TEL', 'FAX',
  'AM', 'PM', 'HTTP', 'HTTPS', 'WWW', 'NPO', 'JR', 'NTT', 'KDDI', 'PC', 'IC', 'NHK', 'EMAIL', 'MAIL', 'USA',
];

const MIN_LETTERS = 6;
const MAX_EXCLAMATIONS = 2;

function capitalRuns(text: string, source: string, allowed: ReadonlySet<string>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  let run: { start: number; end: number; letters: number } | undefined;
  const close = (): void => {
    if (run && run.letters >= MIN_LETTERS) {
      const written = source.slice(run.start, run.end);
      findings.push({
        span: { start: run.start, end: run.end },
        message: {
          ja: `大文字の連続「${written}」は強い口調で、迷惑メールのようにも見えます`,
          en: `Capitals ("${written}") read as shouting and look like spam`,
        },
        suggestion: { ja: '通常の大文字・小文字で書いてください', en: 'Write it in normal sentence case' },
      });
    }
    run = undefined;
  };
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const word = m[0];
    const shouted = word.length >= 2 && word === word.toUpperCase() && !allowed.has(word);
    // Any other letter between two capital words (Japanese included) ends the run.
    const joined = run !== undefined && !/\p{L}/u.test(text.slice(run.end, m.index));
    if (!shouted || !joined) close();
    if (!shouted) continue;
    run ??= { start: m.index, end: m.index, letters: 0 };
    run.end = m.index + word.length;
    run.letters += word.length;
  }
  close();
  return findings;
}

function exclamations(text: string): RuleFinding[] {
  const marks = [...text.matchAll(/!/g)];
  const excess = marks[MAX_EXCLAMATIONS];
  if (!excess) return [];
  return [{
    span: { start: excess.index, end: excess.index + 1 },
    message: {
      ja: `感嘆符（！）が${marks.length}個あります。煽っているように見え、迷惑メールと誤解されやすくなります`,
      en: `${marks.length} exclamation marks make the text look pushy, like spam`,
    },
    suggestion: { ja: '感嘆符は使わないか、1つまでにしてください', en: 'Use none, or one at most' },
  }];
}

export const shouting: LintRule = {
  id: 'shouting',
  title: { ja: '大文字の連続・多すぎる感嘆符', en: 'All capitals or many exclamation marks' },
  check(scan, ctx) {
    // The organisation's own name may be written in capitals ("ABC UNIVERSITY").
    const ownWords = ctx.senderNames.flatMap((n) => n.normalize('NFKC').match(/[A-Za-z]+/g) ?? []);
    const allowed = new Set([...CAPITALS_ALLOWED, ...ownWords.map((w) => w.toUpperCase())]);
    return [...capitalRuns(scan.words, scan.source, allowed), ...exclamations(scan.words)];
  },
};
