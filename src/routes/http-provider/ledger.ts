// What the route remembers about the messages it sent, to tell a fresh status callback from a stale one.
//
// "Stale" here means exactly this. A status callback is stale, and refused, when
//  1. it carries X-Todoku-Timestamp (signed) further than callbackMaxAgeMs from our clock (checked by
//     the route, see callbacks.ts), or the route requires a timestamp and there is none; or
//  2. its MessageSid is unknown: not answered to one of this route's sends within ledgerTtlMs (24 h,
//     beyond the provider's 10-hour validity), nor adopted (below); or
//  3. its status goes backwards: it ranks below the last status accepted for that MessageSid (sent after
//     delivered), or the MessageSid already has a different final status (undelivered after delivered).
// The same status again is a repeat: acknowledged, not passed on twice. A send whose answer was lost
// (connection dropped after the request went out) leaves an expectation for its To number: the first
// callback for that number with an unknown MessageSid is adopted, so the message is not sent twice.
// An inbound message whose MessageSid was already received is a replay: acknowledged, not passed on.
//
// The memory is per process and bounded (oldest first out). Callbacks must reach the process whose route
// sent the message; after a restart, callbacks for earlier sends are refused as unknown.
import { messageStatus } from './status.ts';

interface Entry {
  rank: number;
  final: boolean;
  status: string;
  at: number;
}

export type Judgement =
  | { verdict: 'fresh'; adopted: boolean }
  | { verdict: 'repeat' }
  | { verdict: 'stale'; why: 'unknown' | 'regressed' | 'after-final' };

export interface LedgerOptions {
  ttlMs: number;
  maxEntries: number;
  now: () => number;
}

/** A status's place in a message's life; an unknown word ranks with 'sent' (neither first nor final). */
function place(status: string): { rank: number; final: boolean } {
  const row = messageStatus(status);
  return row ? { rank: row.rank, final: row.final } : { rank: 3, final: false };
}

export class SidLedger {
  private readonly sent = new Map<string, Entry>();
  /** To number → times of sends whose answer was lost, oldest first. */
  private readonly lostAnswers = new Map<string, number[]>();
  private readonly inbound = new Map<string, number>();

  constructor(private options: LedgerOptions) {}

  /** New limits (a route rebuilt with other settings); entries are kept. */
  configure(options: LedgerOptions): void {
    this.options = options;
  }

  size(): number {
    return this.sent.size;
  }

  /** A send was answered with this MessageSid and status. */
  remember(sid: string, status: string): void {
    const now = this.options.now();
    this.sent.set(sid, { ...place(status), status: status.toLowerCase(), at: now });
    this.prune(this.sent, now, (e) => e.at);
  }

  /** A send to `to` may have reached the provider but its answer (and so its MessageSid) was lost. */
  expectLostAnswer(to: string): void {
    const now = this.options.now();
    this.lostAnswers.set(to, [...(this.lostAnswers.get(to) ?? []), now]);
  }

  /** Whether a status callback is fresh, a repeat, or stale (rules 2 and 3 above). Changes nothing. */
  judge(sid: string, status: string, to: string | undefined): Judgement {
    const entry = this.sent.get(sid);
    if (!entry || entry.at < this.options.now() - this.options.ttlMs) {
      return to !== undefined && this.liveLostAnswer(to) !== undefined ? { verdict: 'fresh', adopted: true } : { verdict: 'stale', why: 'unknown' };
    }
    const next = place(status);
    if (status.toLowerCase() === entry.status) return { verdict: 'repeat' };
    if (next.rank < entry.rank) return { verdict: 'stale', why: 'regressed' };
    // A read receipt may follow delivered; nothing else follows a final status.
    if (entry.final && next.rank === entry.rank) return { verdict: 'stale', why: 'after-final' };
    return { verdict: 'fresh', adopted: false };
  }

  /** A fresh callback was stored: its status becomes the one to compare later callbacks with. */
  accept(sid: string, status: string, to: string | undefined, adopted: boolean): void {
    const now = this.options.now();
    const entry = this.sent.get(sid);
    if (adopted && to !== undefined) {
      const times = this.lostAnswers.get(to) ?? [];
      times.shift();
      if (times.length === 0) this.lostAnswers.delete(to);
    }
    const next = place(status);
    // Concurrent callbacks for one message may be stored out of order: only ever move forward.
    if (entry && next.rank < entry.rank) return;
    this.sent.set(sid, { ...next, status: status.toLowerCase(), at: entry?.at ?? now });
    this.prune(this.sent, now, (e) => e.at);
  }

  /** True the first time an inbound MessageSid is seen (within the TTL), false for a replay. */
  firstInbound(sid: string): boolean {
    const now = this.options.now();
    const seen = this.inbound.get(sid);
    if (seen !== undefined && seen >= now - this.options.ttlMs) return false;
    this.inbound.set(sid, now);
    this.prune(this.inbound, now, (t) => t);
    return true;
  }

  /** Forgets an inbound MessageSid whose message could not be stored, so the provider's retry gets through. */
  forgetInbound(sid: string): void {
    this.inbound.delete(sid);
  }

  private liveLostAnswer(to: string): number | undefined {
    const cutoff = this.options.now() - this.options.ttlMs;
    const times = (this.lostAnswers.get(to) ?? []).filter((t) => t >= cutoff);
    if (times.length === 0) this.lostAnswers.delete(to);
    else this.lostAnswers.set(to, times);
    return times[0];
  }

  /** Maps keep insertion order, so the oldest entries are at the front. */
  private prune<V>(map: Map<string, V>, now: number, at: (v: V) => number): void {
    const cutoff = now - this.options.ttlMs;
    for (const [key, value] of map) {
      if (map.size <= this.options.maxEntries && at(value) >= cutoff) break;
      map.delete(key);
    }
  }
}
