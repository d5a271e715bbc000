// The accounts use-cases as one object for the web edge and the CLI, over a store and a vault.
import type { Store } from '../store/index.ts';
import type { Vault } from '../security/vault.ts';
import { DEFAULT_SESSION_POLICY, type AccountsContext, type PasswordCheck, type SessionPolicy } from './context.ts';
import { verifyDecoy, verifyPassword } from '../security/passwords.ts';
import { changePassword, login, type LoginAttempt } from './login.ts';
import { closeSession, resolveSession } from './sessions.ts';
import { changeAccount, createAccount, ensureFirstAdministrator, resetPassword, type AccountChange, type NewAccount } from './users.ts';
import type { Principal } from './principal.ts';

export interface AccountsOptions {
  sessions?: SessionPolicy;
  now?: () => number;
  /** argon2id unless given (tests count how often the expensive check runs). */
  passwords?: PasswordCheck;
}

export function accountsContext(store: Pick<Store, 'accounts' | 'audit'>, vault: Pick<Vault, 'blindIndex'>, options: AccountsOptions = {}): AccountsContext {
  return {
    accounts: store.accounts,
    audit: store.audit,
    keyedHash: (v) => vault.blindIndex(v),
    now: options.now ?? Date.now,
    sessions: options.sessions ?? DEFAULT_SESSION_POLICY,
    passwords: options.passwords ?? { verify: verifyPassword, decoy: verifyDecoy },
  };
}

export function createAccounts(store: Pick<Store, 'accounts' | 'audit'>, vault: Pick<Vault, 'blindIndex'>, options: AccountsOptions = {}) {
  const ctx = accountsContext(store, vault, options);
  return {
    sessionPolicy: ctx.sessions,
    login: (attempt: LoginAttempt) => login(ctx, attempt),
    resolveSession: (id: string) => resolveSession(ctx, id),
    logout: (id: string) => closeSession(ctx, id),
    changePassword: (who: Principal & { kind: 'user' }, current: string, next: string) => changePassword(ctx, who, current, next),
    list: () => ctx.accounts.listUsers(),
    get: (id: number) => ctx.accounts.userById(id),
    create: (actor: string, a: NewAccount) => createAccount(ctx, actor, a),
    change: (actor: string, id: number, c: AccountChange) => changeAccount(ctx, actor, id, c),
    resetPassword: (actor: string, id: number) => resetPassword(ctx, actor, id),
    ensureFirstAdministrator: () => ensureFirstAdministrator(ctx),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
