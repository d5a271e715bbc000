// What the rest of the code may ask of the personal-data vault (sealing, blind indexes, derived tokens);
// the AES-GCM implementation is src/security/vault.ts. Kept in core so the store depends on no adapter.

export interface Vault {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed hash, hex, for equality lookups. */
  blindIndex(value: string): string;
  /** Deterministic keyed token for a purpose (e.g. short link codes), as bytes. */
  derive(purpose: string, value: string, bytes: number): Buffer;
  /**
   * The key this vault was made from, for a worker thread of this process to make the same vault and
   * seal rows there (the CSV import). A thread shares the process's memory anyway; never store, log or
   * send it anywhere else.
   */
  threadKey?(): Buffer;
}
