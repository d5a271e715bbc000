// The login-try counters as the use cases spend them: which counters a try touches, counting it before
// the password is checked (429 when the rule in throttle.ts refuses), giving it back on success.
import type { AccountsContext } from './context.ts';
import { THROTTLE, decideTry, refundTry, type CounterKind } from './throttle.ts';
import { loginThrottled } from './errors.ts';
import type { LoginAttemptKey } from '../store/login-attempts.ts';

/** One counter a try is counted on: its kind (which ladder) and its row's key. */
export interface TryCounter {
  kind: CounterKind;
  key: LoginAttemptKey;
}

/** The counters a login try spends (see throttle.ts); keys are keyed hashes, never a name or an IP. */
export function loginCounters(ctx: AccountsContext, name: string, address: string): TryCounter[] {
  const account = ctx.keyedHash(`login-throttle:account:${name}`);
  return [
    { kind: 'pair', key: { key: `pair:${ctx.keyedHash(`login-throttle:pair:${name}\0${address}`)}`, account } },
    { kind: 'account', key: { key: `account:${account}`, account } },
    { kind: 'address', key: { key: `address:${ctx.keyedHash(`login-throttle:address:${address}`)}`, account: null } },
  ];
}

/** A wrong current password is counted like guesses from one place at one account: the pair's ladder. */
export function passwordChangeCounters(ctx: AccountsContext, userId: number, login: string): TryCounter[] {
  const account = ctx.keyedHash(`login-throttle:account:${login}`);
  return [{ kind: 'pair', key: { key: `password-change:${ctx.keyedHash(`login-throttle:password-change:${userId}`)}`, account } }];
}

/**
 * Counts a try on every counter before anything expensive happens, or throws 429 when one refuses
 * it. Returns the counters the try was counted on, for the refund when the password is right.
 */
export async function reserveTry(ctx: AccountsContext, counters: TryCounter[]): Promise<TryCounter[]> {
  const t = ctx.now();
  const decision = await ctx.accounts.loginAttempts.decide(
    counters.map((c) => c.key),
    (rows) => {
      const d = decideTry(t, counters.map((c) => ({ kind: c.kind, row: rows.get(c.key.key)! })));
      return { result: d, write: d.write };
    },
  );
  if (!decision.allowed) throw loginThrottled(decision.retryAfterMs);
  return counters.filter((c) => decision.spent.includes(c.kind));
}

export async function refund(ctx: AccountsContext, spent: TryCounter[]): Promise<void> {
  const t = ctx.now();
  await ctx.accounts.loginAttempts.decide(
    spent.map((c) => c.key),
    (rows) => ({ result: undefined, write: refundTry(t, spent.map((c) => ({ kind: c.kind, row: rows.get(c.key.key)! }))) }),
  );
}

/** Counters nobody has touched for a quiet period, and that neither block nor trust, are dropped. */
export async function pruneCounters(ctx: AccountsContext): Promise<void> {
  const t = ctx.now();
  await ctx.accounts.loginAttempts.prune(t - THROTTLE.quietMs, t);
}

/** An administrator's reset also lifts the account's locks and delay: that is how a locked-out person gets back in. */
export async function clearAccountLock(ctx: AccountsContext, login: string): Promise<void> {
  await ctx.accounts.loginAttempts.clearAccount(ctx.keyedHash(`login-throttle:account:${login}`));
}
