// How the CLI speaks: human lines in the chosen language (Japanese by default) or, with --json, only
// machine output on stdout; errors on stderr; simple tables that line up Japanese text.
import type { CliError } from './errors.ts';
import { localParts } from '../core/policy/time.ts';

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

  /** An error in the chosen language on stderr, plus detail lines; with --json also { error } (both languages) on stdout. */
  error(err: CliError): void {
    const title = this.t(err.ja, err.message);
    const extra = err.lines.filter((l) => l !== err.ja && l !== err.message);
    this.streams.err.write([title, ...extra.map((l) => `  ${l}`)].join('\n') + '\n');
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

/**
 * The organisation's time zone: every time the CLI prints is in it, whatever the machine's TZ (a server
 * in UTC must not show 02:09 for what the console shows as 11:09). The console and recipient pages use it too.
 */
export const OFFICE_TIME_ZONE = 'Asia/Tokyo';

/** The zone as printed after a time. */
const ZONE_NAMES: Record<string, string> = { 'Asia/Tokyo': 'JST' };

/** An ISO time as 'YYYY-MM-DD HH:MM:SS JST', in the organisation's zone and naming it. */
export function localTime(iso: string | null): string {
  if (!iso) return '';
  const p = localParts(new Date(iso), OFFICE_TIME_ZONE);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.date} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} ${ZONE_NAMES[OFFICE_TIME_ZONE] ?? OFFICE_TIME_ZONE}`;
}

/**
 * `todoku status X | head -1`: when the reader closes the pipe, writing fails with EPIPE. That is not
 * an error of the command: end at once and quietly, as a program killed by SIGPIPE would, instead of a
 * stack trace. Installed once, on stdout and stderr (cli/main.ts).
 */
export function quietWhenReaderLeaves(stream: NodeJS.WriteStream, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
    else throw err;
  });
}
