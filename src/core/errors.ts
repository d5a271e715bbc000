// Domain errors: a stable code plus a message for people in Japanese and English. No HTTP here;
// the web edge maps codes to status codes (src/web/api/problem.ts).

export interface Bilingual {
  ja: string;
  en: string;
}

export class TodokuError extends Error {
  readonly code: string;
  readonly ja: string;
  readonly details: unknown;

  constructor(code: string, message: Bilingual, details?: unknown) {
    super(message.en);
    this.name = 'TodokuError';
    this.code = code;
    this.ja = message.ja;
    this.details = details;
  }
}

/** Normalise anything thrown into an Error, once, at an edge. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}
