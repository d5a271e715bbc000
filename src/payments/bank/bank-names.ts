// Bank and branch names for the codes in a bank file (みずほ 東京営業部 for 0001-001), from the zengin-code
// package: its data ships inside the package (no download at run time), about 5 MB of JavaScript, so it is
// loaded the first time a name is asked for, not at start.
export interface BankNames {
  bank: string | null;
  branch: string | null;
}

let loading: Promise<Record<string, { name: string; branches: Record<string, { name: string }> }>> | null = null;

export async function bankNames(bankCode: string, branchCode: string): Promise<BankNames> {
  loading ??= import('zengin-code').then((m) => m.default);
  const banks = await loading;
  const bank = banks[bankCode];
  return { bank: bank?.name ?? null, branch: bank?.branches[branchCode]?.name ?? null };
}
