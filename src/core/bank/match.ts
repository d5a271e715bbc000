// Which recipient a credit pays for, by two rules and nothing looser (issue 13):
//  (1) the customer number (the list's external_id) written in the payer name (「1234567ﾔﾏﾀﾞ ﾀﾛｳ」), the
//      EDI field or the 振込依頼人コード. The amount then says whether the debt is paid in full, in part or
//      over; a customer with several open debts is matched to the one of that amount (the latest campaign
//      when the same debt was notified twice), and left to an operator when none is of that amount.
//  (2) the payer name in kana, normalised (kana.ts), equal to a list's フリガナ, with the amount equal to
//      what that person still owes, and only when exactly one open debt fits: two people of one name and
//      amount are never guessed between.
// Everything else is unmatched, with the reason an operator needs to resolve it. Pure.
import { codeRuns, customerNumberKey, nameKey } from './kana.ts';

/** A person's debt as the list says, with what has already come in. */
export interface Debt {
  campaignId: number;
  messageId: number;
  recipientId: number;
  /** external_id as on the list ('' when none). */
  customerNumber: string;
  /** フリガナ as on the list ('' when none). */
  kana: string;
  /** Still owed, whole yen: the list's amount less what was received; null when the list has no amount. */
  owed: number | null;
  /** Paid already (by card, by an earlier transfer, or marked by an operator): never matched again. */
  paid: boolean;
}

export type MatchRule = 'customer_number' | 'kana_name' | 'operator';
export const UNMATCHED_REASONS = ['no_candidate', 'ambiguous_customer_number', 'ambiguous_name', 'amount_differs', 'already_paid'] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];
/** How the credit compares with what was owed. */
export type Balance = 'exact' | 'partial' | 'over' | 'unknown';

export type Match =
  | { kind: 'matched'; debt: Debt; rule: Exclude<MatchRule, 'operator'>; balance: Balance }
  | { kind: 'unmatched'; reason: UnmatchedReason; candidates: number[] };

/** Customer numbers shorter than this are never looked for in a payer name: 「12」 is found everywhere. */
export const MIN_CUSTOMER_NUMBER = 4;
/** Kana names shorter than this (after normalising) are never matched by name. */
export const MIN_NAME_KEY = 2;

export interface DebtIndex {
  byNumber: ReadonlyMap<string, readonly Debt[]>;
  byName: ReadonlyMap<string, readonly Debt[]>;
}

function push(map: Map<string, Debt[]>, key: string, debt: Debt): void {
  const list = map.get(key);
  if (list) list.push(debt);
  else map.set(key, [debt]);
}

export function indexDebts(debts: Iterable<Debt>): DebtIndex {
  const byNumber = new Map<string, Debt[]>();
  const byName = new Map<string, Debt[]>();
  for (const d of debts) {
    const number = customerNumberKey(d.customerNumber);
    if (number.length >= MIN_CUSTOMER_NUMBER) push(byNumber, number, d);
    const name = nameKey(d.kana);
    if (name.length >= MIN_NAME_KEY) push(byName, name, d);
  }
  return { byNumber, byName };
}

/** The balance of a credit against what was owed. */
export function balanceOf(amount: number, owed: number | null): Balance {
  if (owed === null) return 'unknown';
  return amount === owed ? 'exact' : amount < owed ? 'partial' : 'over';
}

const latest = (debts: readonly Debt[]): Debt => debts.reduce((a, b) => (b.messageId > a.messageId ? b : a));
const ids = (debts: readonly Debt[]): number[] => [...new Set(debts.map((d) => d.messageId))].sort((a, b) => a - b);

export function matchCredit(credit: { amount: number; payerName: string; payerCode: string; edi: string }, index: DebtIndex): Match {
  // Rule 1: a customer number anywhere the payer could have written it.
  const keys = new Set(
    [...codeRuns(credit.payerName), ...codeRuns(credit.edi), credit.payerCode]
      .map(customerNumberKey)
      .filter((k) => k.length >= MIN_CUSTOMER_NUMBER),
  );
  const byNumber = [...keys].flatMap((k) => (index.byNumber.get(k) ?? []).map((d) => ({ key: k, debt: d })));
  if (byNumber.length > 0) {
    const open = byNumber.filter((c) => !c.debt.paid);
    if (open.length === 0) return { kind: 'unmatched', reason: 'already_paid', candidates: ids(byNumber.map((c) => c.debt)) };
    const customers = new Set(open.map((c) => c.key));
    const debts = open.map((c) => c.debt);
    if (customers.size > 1) return { kind: 'unmatched', reason: 'ambiguous_customer_number', candidates: ids(debts) };
    const exact = debts.filter((d) => d.owed === credit.amount);
    if (exact.length > 0) return { kind: 'matched', debt: latest(exact), rule: 'customer_number', balance: 'exact' };
    if (ids(debts).length > 1) return { kind: 'unmatched', reason: 'ambiguous_customer_number', candidates: ids(debts) };
    const debt = debts[0]!;
    return { kind: 'matched', debt, rule: 'customer_number', balance: balanceOf(credit.amount, debt.owed) };
  }
  // Rule 2: the kana name, the amount owed, and only one such debt.
  const name = nameKey(credit.payerName);
  const byName = name.length >= MIN_NAME_KEY ? (index.byName.get(name) ?? []) : [];
  if (byName.length === 0) return { kind: 'unmatched', reason: 'no_candidate', candidates: [] };
  const open = byName.filter((d) => !d.paid);
  if (open.length === 0) return { kind: 'unmatched', reason: 'already_paid', candidates: ids(byName) };
  const exact = open.filter((d) => d.owed === credit.amount);
  if (exact.length === 1) return { kind: 'matched', debt: exact[0]!, rule: 'kana_name', balance: 'exact' };
  if (exact.length > 1) return { kind: 'unmatched', reason: 'ambiguous_name', candidates: ids(exact) };
  return { kind: 'unmatched', reason: 'amount_differs', candidates: ids(open) };
}
