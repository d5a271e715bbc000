// Counts events over the last second (or any window) in a few fixed buckets: cheap enough to call on
// every PDU, precise to one bucket. The route measures its own send rate with it; the simulator its
// accepted submits, to throttle above a rate.

export class RateMeter {
  private readonly counts: number[];
  private readonly bucketMs: number;
  private current = 0;

  constructor(
    private readonly now: () => number = Date.now,
    windowMs = 1_000,
    buckets = 10,
  ) {
    this.counts = new Array<number>(buckets).fill(0);
    this.bucketMs = windowMs / buckets;
    this.current = Math.floor(now() / this.bucketMs);
  }

  add(n = 1): void {
    this.advance();
    const i = this.current % this.counts.length;
    this.counts[i] = (this.counts[i] ?? 0) + n;
  }

  /** Events in the last window. */
  count(): number {
    this.advance();
    let sum = 0;
    for (const c of this.counts) sum += c;
    return sum;
  }

  private advance(): void {
    const index = Math.floor(this.now() / this.bucketMs);
    const steps = Math.min(index - this.current, this.counts.length);
    for (let s = 1; s <= steps; s += 1) this.counts[(this.current + s) % this.counts.length] = 0;
    if (index > this.current) this.current = index;
  }
}
