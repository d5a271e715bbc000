// How password guessing is slowed. Every try is counted BEFORE the password is checked, on three
// counters at once, in one database transaction (so it holds for parallel requests and across
// processes); a try that any counter refuses is answered 429 without checking the password at all:
//
// - (account, address): the 5th try within the window locks this address out of this account for
//   1 minute; each further try once the lock is over locks it again for twice as long (2, 4, 8, 16,
//   32 min), at most 1 hour.
// - address, across every login name (a script trying many accounts; an office behind one NAT shares
//   it): the same ladder from the 20th try.
// - account, across every address: never locked, only slowed. The first 10 tries within the window
//   are free; after the 10th the next try must wait 5 seconds, and each further try doubles the wait
//   (10, 20, 40, 80, 160 s), at most 5 minutes. The owner on another address therefore waits at most
//   5 minutes, however many addresses guess (addresses that logged into this account in the last
//   30 days skip this delay: only their own (account, address) lock applies). The slot is shared:
//   a botnet that takes each one the moment it opens can keep a new address waiting longer, which
//   is why known addresses skip it and an administrator's reset clears it.
//
// A counter is forgotten 15 minutes after its last try or the end of its last lock, whichever is
// later (so a long lock does not reset the ladder). The right password gives its own try back on the
// account and the address counters, and clears the (account, address) one and trusts that address for
// 30 days; earlier failures on the account and the address stay, so one valid login buys no guesses
// at another account. Tries refused with 429 are not counted. An administrator's password reset
// clears every counter of the account.
import type { LoginAttempt } from '../store/schema-accounts.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export type CounterKind = 'pair' | 'account' | 'address';

interface Ladder {
  /** The try that sets the first block. */
  from: number;
  firstMs: number;
  maxMs: number;
}

export const THROTTLE = {
  quietMs: 15 * MINUTE,
  trustMs: 30 * 24 * 60 * MINUTE,
  ladders: {
    pair: { from: 5, firstMs: MINUTE, maxMs: 60 * MINUTE },
    address: { from: 20, firstMs: MINUTE, maxMs: 60 * MINUTE },
    account: { from: 10, firstMs: 5 * SECOND, maxMs: 5 * MINUTE },
  } satisfies Record<CounterKind, Ladder>,
} as const;

/** How long a counter blocks after its `tries`-th try; 0: not at all. */
export function blockMs(kind: CounterKind, tries: number): number {
  const l = THROTTLE.ladders[kind];
  if (tries < l.from) return 0;
  return Math.min(l.firstMs * 2 ** Math.min(tries - l.from, 30), l.maxMs);
}

/** The tries a counter still remembers at `t`. */
function liveTries(row: LoginAttempt, t: number): number {
  return t - Math.max(row.last_at, row.blocked_until) >= THROTTLE.quietMs ? 0 : row.failures;
}

export interface Counter {
  kind: CounterKind;
  row: LoginAttempt;
}

export type TryDecision = { allowed: true; spent: CounterKind[]; write: LoginAttempt[] } | { allowed: false; retryAfterMs: number; write: [] };

/**
 * Whether a try may go ahead at `t` and, if so, the counters with the try counted. The account
 * counter is left out when the pair's address is trusted.
 */
export function decideTry(t: number, counters: Counter[]): TryDecision {
  const pair = counters.find((c) => c.kind === 'pair');
  const trusted = pair !== undefined && pair.row.trusted_until > t;
  const applying = counters.filter((c) => !(trusted && c.kind === 'account'));
  const blockedUntil = Math.max(0, ...applying.map((c) => c.row.blocked_until));
  if (blockedUntil > t) return { allowed: false, retryAfterMs: blockedUntil - t, write: [] };
  return {
    allowed: true,
    spent: applying.map((c) => c.kind),
    write: applying.map(({ kind, row }) => {
      const tries = liveTries(row, t) + 1;
      const ms = blockMs(kind, tries);
      return { ...row, failures: tries, last_at: t, blocked_until: ms > 0 ? t + ms : row.blocked_until };
    }),
  };
}

/** The right password, given the counters its try was counted on: the pair is cleared and trusted, the others get the try back. */
export function refundTry(t: number, spent: Counter[]): LoginAttempt[] {
  return spent.map(({ kind, row }) =>
    kind === 'pair' ? { ...row, failures: 0, last_at: t, blocked_until: 0, trusted_until: t + THROTTLE.trustMs } : { ...row, failures: Math.max(0, row.failures - 1) },
  );
}
