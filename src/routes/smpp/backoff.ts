// How long to wait before the next reconnect: doubling from minMs up to maxMs, with "equal jitter"
// (half fixed, half random) so many binds that dropped together do not come back together.

export interface BackoffPolicy {
  minMs: number;
  maxMs: number;
}

/** @param attempt 0 for the first retry after a loss; reset to 0 once bound again. */
export function reconnectDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
