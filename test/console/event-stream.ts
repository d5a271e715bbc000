// A Server-Sent Events client for tests, over fetch: frames parsed as they arrive (event, data, and
// comment lines such as heartbeats), and a way to wait for the first one that matches.
export interface StreamFrame {
  event: string | null;
  data: string | null;
  comment: string | null;
}

export interface EventStream {
  status: number;
  contentType: string;
  frames: StreamFrame[];
  /** Resolves with the first frame (already received or yet to come) after `from` that matches. */
  next(match: (f: StreamFrame) => boolean, opts?: { timeoutMs?: number; from?: number }): Promise<StreamFrame>;
  /** The stream ended (the server closed it). */
  ended: Promise<void>;
  close(): void;
}

function parse(block: string): StreamFrame {
  const frame: StreamFrame = { event: null, data: null, comment: null };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else if (line.startsWith('event:')) frame.event = line.slice(6).trim();
    else if (line.startsWith('data:')) frame.data = (frame.data === null ? '' : `${frame.data}\n`) + line.slice(5).trimStart();
  }
  return frame;
}

export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const abort = new AbortController();
  const r = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: StreamFrame[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of waiters) w();
  };
  const ended = (async () => {
    if (!r.body) return;
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let cut = buffer.indexOf('\n\n'); cut !== -1; cut = buffer.indexOf('\n\n')) {
          frames.push(parse(buffer.slice(0, cut)));
          buffer = buffer.slice(cut + 2);
          wake();
        }
      }
    } catch {
      // aborted by close()
    }
    wake();
  })();
  return {
    status: r.status,
    contentType: r.headers.get('content-type') ?? '',
    frames,
    ended,
    close: () => abort.abort(),
    next(match, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 20_000;
      let from = opts.from ?? 0;
      return new Promise((resolve, reject) => {
        const look = () => {
          for (; from < frames.length; from++) {
            if (match(frames[from]!)) {
              cleanup();
              resolve(frames[from]!);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(frames.slice(-3))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(look);
        };
        waiters.add(look);
        look();
      });
    },
  };
}

/** The funnel reading of a `funnel` event. */
export function funnelOf(f: StreamFrame): { status: string; funnel: Record<string, number>; states: Record<string, number> } {
  return JSON.parse(f.data ?? 'null');
}
