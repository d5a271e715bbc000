// The route's send-rate limit, adapted to what the carrier allows (AIMD, as TCP does): unlimited, or
// the configured ceiling, until the SMSC says slow down (ESME_RTHROTTLED, ESME_RMSGQFUL) to a real
// share of the last second's submits; then the limit is halved (from the rate actually sent, when
// there was no limit) and grows back additively, reaching where it was cut from after
// `recoverySeconds`. Without a ceiling, twice that rate lifts the limit. A stray refusal among many
// acceptances is the SMSC's own hiccup, not our pace: it does not cut (repeated, it would collapse
// the rate to the floor).
//
// Sends are spaced by a token bucket holding a tenth of a second's worth. A caller asking for a slot
// that would come later than its time budget is told so at once rather than queued.
import { RateMeter } from './rate-meter.ts';

export interface PacerOptions {
  /** Configured ceiling in submits per second; unset: none. */
  maxPerSecond?: number | undefined;
  /** A cut never goes below this. */
  minPerSecond: number;
  recoverySeconds: number;
  now?: () => number;
}

export type Pace = 'now' | 'too-long' | Promise<'go' | 'closed'>;

/** Carriers count submits per second: throttle answers within a second of a cut reflect the old rate. */
const CUT_COOLDOWN_MS = 1_000;
/**
 * To cut the rate, slow-down answers in the last second must be at least this share of all answers and
 * at least this many (a few stray refusals at a low rate say nothing about our pace). Below that, each
 * refused PDU's own growing pause slows it down.
 */
const CUT_SHARE = 0.1;
const CUT_MIN_SLOW_DOWNS = 5;
const BURST_SECONDS = 0.1;

export class Pacer {
  private readonly now: () => number;
  private readonly sent: RateMeter;
  private readonly answers: RateMeter;
  private readonly slowDowns: RateMeter;
  private base = Infinity;
  private cutFrom = Infinity;
  private cutAt = -Infinity;
  /** Starts full; take() caps it at the bucket's size. */
  private tokens = Number.MAX_VALUE;
  private refilledAt: number;
  private readonly sleepers = new Map<NodeJS.Timeout, (result: 'go' | 'closed') => void>();
  private closed = false;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now;
    this.sent = new RateMeter(this.now);
    this.answers = new RateMeter(this.now);
    this.slowDowns = new RateMeter(this.now);
    this.refilledAt = this.now();
  }

  /** Submits per second allowed now; Infinity when none is set. */
  limit(at: number = this.now()): number {
    const ceiling = this.options.maxPerSecond ?? Infinity;
    if (this.cutAt === -Infinity) return ceiling;
    const step = Math.max(this.cutFrom - this.base, this.options.minPerSecond) / this.options.recoverySeconds;
    const grown = this.base + (step * (at - this.cutAt)) / 1000;
    if (ceiling === Infinity && grown >= 2 * this.cutFrom) return Infinity;
    return Math.min(ceiling, grown);
  }

  /** A slot for one PDU: now, a promise of one, or 'too-long' when it would come after budgetMs. */
  take(budgetMs: number): Pace {
    if (this.closed) return Promise.resolve('closed');
    const at = this.now();
    const limit = this.limit(at);
    if (limit === Infinity) {
      this.sent.add();
      return 'now';
    }
    this.tokens = Math.min(Math.max(1, limit * BURST_SECONDS), this.tokens + ((at - this.refilledAt) * limit) / 1000);
    this.refilledAt = at;
    const waitMs = this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / limit;
    if (waitMs > budgetMs) return 'too-long';
    this.tokens -= 1;
    this.sent.add();
    if (waitMs === 0) return 'now';
    return this.sleep(Math.ceil(waitMs));
  }

  /** Every answer to a submit: whether the SMSC said slow down. */
  answered(slowDown: boolean): void {
    this.answers.add();
    if (!slowDown) return;
    this.slowDowns.add();
    const at = this.now();
    if (at - this.cutAt < CUT_COOLDOWN_MS) return;
    if (this.slowDowns.count() < Math.max(CUT_MIN_SLOW_DOWNS, CUT_SHARE * this.answers.count())) return;
    const current = this.limit(at);
    const from = current === Infinity ? this.sent.count() : current;
    this.cutFrom = Math.max(this.options.minPerSecond, from);
    this.base = Math.max(this.options.minPerSecond, from / 2);
    this.cutAt = at;
    this.tokens = Math.min(this.tokens, 0);
    this.refilledAt = at;
  }

  /** Waits ms, unless closed first. */
  sleep(ms: number): Promise<'go' | 'closed'> {
    if (this.closed) return Promise.resolve('closed');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve('go');
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  /** Wakes every waiting caller with 'closed'; later callers get 'closed' at once. */
  close(): void {
    this.closed = true;
    for (const [timer, resolve] of this.sleepers) {
      clearTimeout(timer);
      resolve('closed');
    }
    this.sleepers.clear();
  }
}
