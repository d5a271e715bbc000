// How the CLI speaks: human lines in the chosen language (Japanese by default) or, with --json, only
// machine output on stdout; errors on stderr; simple tables that line up Japanese text.
import type { CliError } from './errors.ts';

export type Lang = 'ja' | 'en';

export interface Streams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

export class Output {
  constructor(
    readonly json: boolean,
    readonly lang: Lang,
    private readonly streams: Streams = { out: process.stdout, err: process.stderr },
  ) {}

  /** The text for the chosen language. */
  t(ja: string, en: string): string {
    return this.lang === 'ja' ? ja : en;
  }

  /** A line of human output on stdout; nothing with --json. */
  say(ja: string, en: string = ja): void {
    if (!this.json) this.streams.out.write(`${this.t(ja, en)}\n`);
  }

  /** Lines already in the right language (tables, samples). */
  lines(lines: readonly string[]): void {
    if (!this.json) for (const line of lines) this.streams.out.write(`${line}\n`);
  }

  /** A hint or warning for people on stderr; nothing with --json. */
  note(ja: string, en: string = ja): void {
    if (!this.json) this.streams.err.write(`${this.t(ja, en)}\n`);
  }

  /** The machine output of a command: written only with --json. */
  data(value: unknown): void {
    if (this.json) this.streams.out.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Whether a progress bar can be drawn: people are watching stderr and did not ask for JSON. */
  get interactive(): boolean {
    return !this.json && this.streams.err.isTTY === true;
  }

  get errStream(): NodeJS.WritableStream {
    return this.streams.err;
  }

  /** An error: Japanese then English on stderr (English first with --lang en), plus detail lines; with --json also { error } on stdout. */
  error(err: CliError): void {
    const titles = this.lang === 'ja' ? [err.ja, err.message] : [err.message, err.ja];
    const shown = titles[0] === titles[1] ? [titles[0]] : titles;
    const extra = err.lines.filter((l) => l !== err.ja && l !== err.message);
    this.streams.err.write([...shown, ...extra.map((l) => `  ${l}`)].join('\n') + '\n');
    if (this.json) {
      const error = { code: err.code, title: err.ja, title_en: err.message, ...(err.status ? { status: err.status } : {}), ...(err.details === undefined ? {} : { details: err.details }) };
      this.streams.out.write(`${JSON.stringify({ error }, null, 2)}\n`);
    }
  }
}

// Full-width characters (CJK, kana, full-width forms) take two columns in a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Rows under a header, columns separated by two spaces; the last column is not padded (it may be long). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = header.map((_, i) => '-'.repeat(Math.min(widths[i] ?? 0, i === header.length - 1 ? 40 : Infinity)));
  return [line(header), line(rule), ...rows.map(line)];
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An ISO time as local 'YYYY-MM-DD HH:MM:SS' (what an office in Japan reads). */
export function localTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
