// A route's health as its dispatcher sees it: a route that keeps refusing (or cannot be reached) steps
// aside for a while, so the next route of the same sender profile takes its traffic (failover).
export class RouteHealth {
  private refusals = 0;
  private until = 0;

  constructor(
    private readonly now: () => number,
    /** Consecutive refusals before the route steps aside. */
    private readonly threshold = 20,
    private readonly cooldownMs = 30_000,
  ) {}

  accepted(): void {
    this.refusals = 0;
  }

  refused(): void {
    this.refusals++;
    if (this.refusals >= this.threshold) {
      this.until = this.now() + this.cooldownMs;
      this.refusals = 0;
    }
  }

  healthy(): boolean {
    return this.now() >= this.until;
  }
}
