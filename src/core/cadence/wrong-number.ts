// A receipt that says the number reaches nobody: the person leaves the cadence (「宛先不明」). Receipt
// `err:` 001 (unknown subscriber, core/carrier-errors.ts) as the aggregators send it, with or without
// leading zeros, and an SMSC's refusal of the destination address.
export const WRONG_NUMBER_CODES: readonly string[] = ['001', '01', '1', 'ESME_RINVDSTADR'];
