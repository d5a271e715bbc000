// What can go wrong in the CLI, as one error type with an exit code and a message for people in
// Japanese and English; the server's problem+json answers become this too (see api.ts).

export const EXIT = { ok: 0, user: 1, unreachable: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CliErrorInit {
  ja: string;
  en: string;
  /** Stable code: the server's TODOKU_E_… code, or a TODOKU_CLI_… one. */
  code: string;
  exitCode?: ExitCode;
  /** Extra lines for people, e.g. the rows a template cannot fill. */
  lines?: string[];
  /** The server's problem details (or the CLI's own), shown as they are with --json. */
  details?: unknown;
  status?: number;
}

export class CliError extends Error {
  readonly ja: string;
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly lines: string[];
  readonly details: unknown;
  readonly status: number | undefined;

  constructor(init: CliErrorInit) {
    super(init.en);
    this.name = 'CliError';
    this.ja = init.ja;
    this.code = init.code;
    this.exitCode = init.exitCode ?? EXIT.user;
    this.lines = init.lines ?? [];
    this.details = init.details;
    this.status = init.status;
  }
}

/** A user mistake the CLI itself notices (bad option, missing file …): exit code 1. */
export function userError(code: string, ja: string, en: string, lines?: string[]): CliError {
  return new CliError({ code: `TODOKU_CLI_${code}`, ja, en, ...(lines ? { lines } : {}) });
}
