// The send's preview as the CLI prints it: sample texts on real rows, people and parts, the longest text;
// what the server would refuse (blockers, rows that cannot be filled) ends the command before anything
// is sent. Shared by send, demo and approve (the approver sees what the sender saw).
import { CliError } from './errors.ts';
import { columnIssueLines } from './problem.ts';
import type { Cli } from './context.ts';
import type { Schema } from '../api-client/client.ts';

export type PreviewResult = Schema<'Preview'>;

/** Prints the preview; throws (exit 1) when any row cannot be turned into a message. */
export function showPreview(cli: Cli, preview: PreviewResult): void {
  const { out } = cli;
  for (const s of preview.samples) {
    out.say(`── 見本（${s.line}行目・${s.characters}文字・${s.parts}通）`, `── sample (line ${s.line}, ${s.characters} characters, ${s.parts} parts)`);
    out.lines(s.text.split('\n').map((l) => `  ${l}`));
  }
  out.say(`宛先: ${preview.recipients}人 / 合計: ${preview.totalParts}通`, `Recipients: ${preview.recipients}, total parts: ${preview.totalParts}`);
  if (preview.longest) {
    const l = preview.longest;
    out.say(`最も長い本文: ${l.line}行目（${l.characters}文字・${l.parts}通）`, `Longest: line ${l.line} (${l.characters} characters, ${l.parts} parts)`);
  }
  const blocker = preview.blockers[0];
  if (blocker) {
    // E.g. {{url}} with no recipient page: the server would refuse the send, so say why before asking.
    throw new CliError({ code: blocker.code, ja: blocker.message, en: blocker.message_en, details: { blockers: preview.blockers } });
  }
  if (preview.rowsWithIssues === 0) return;
  throw new CliError({
    code: 'TODOKU_E_TEMPLATE_ROWS',
    ja: `${preview.rowsWithIssues}行で本文を作れないため送信しません。CSVかテンプレートを直してください:`,
    en: `${preview.rowsWithIssues} rows cannot be turned into a message, so nothing was sent; fix the CSV or the template:`,
    lines: columnIssueLines(preview.columnIssues, preview.headers, out.lang),
    details: { rowsWithIssues: preview.rowsWithIssues, issues: preview.issues, columnIssues: preview.columnIssues, headers: preview.headers },
  });
}
