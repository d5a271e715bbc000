// Whether a request got as far as the wire. When a send fails without an answer, that decides between
// "never sent, send again" (NOT_SENT) and "may have reached the provider, wait for a late callback
// before sending again" (CONNECTION_LOST / TIMEOUT). Node's fetch (undici) reports each request whose
// headers it writes on the `undici:client:sendHeaders` diagnostics channel; each of our requests carries
// a random X-Todoku-Request id so the report can be matched to it.
import { randomBytes } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';

export const REQUEST_ID_HEADER = 'x-todoku-request';
const CHANNEL = 'undici:client:sendHeaders';

/** undici has passed request headers as a flat [name, value, …] array and as one raw string. */
function requestIdOf(message: unknown): string | undefined {
  const headers = (message as { request?: { headers?: unknown } } | null)?.request?.headers;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      if (String(headers[i]).toLowerCase() === REQUEST_ID_HEADER) return String(headers[i + 1]);
    }
    return undefined;
  }
  if (typeof headers === 'string') return new RegExp(`^${REQUEST_ID_HEADER}: *(\\S+)`, 'im').exec(headers)?.[1];
  return undefined;
}

export class WriteTracker {
  /** id → written yet */
  private readonly pending = new Map<string, boolean>();
  /** Set once a report has matched one of our requests: from then on, no report means not written. */
  private reporting = false;
  private readonly onHeaders = (message: unknown): void => {
    const id = requestIdOf(message);
    if (id !== undefined && this.pending.has(id)) {
      this.pending.set(id, true);
      this.reporting = true;
    }
  };

  constructor() {
    diagnostics.subscribe(CHANNEL, this.onHeaders);
  }

  /** A new request id, to be sent as the X-Todoku-Request header. */
  begin(): string {
    const id = randomBytes(9).toString('base64url');
    this.pending.set(id, false);
    return id;
  }

  /**
   * Whether the request's headers were written: true, false, or undefined when this Node reports
   * nothing (then it must be presumed written).
   */
  written(id: string): boolean | undefined {
    if (this.pending.get(id)) return true;
    return this.reporting ? false : undefined;
  }

  end(id: string): void {
    this.pending.delete(id);
  }

  close(): void {
    diagnostics.unsubscribe(CHANNEL, this.onHeaders);
  }
}
