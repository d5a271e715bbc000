// SMSC message ids, made comparable. Most SMSCs use the same id in submit_sm_resp and in the receipt;
// some answer the submit in hex but write the receipt's `id:` in decimal. For those (idFormat
// 'decimal') every id the route reports is decimal, so that a receipt finds its message.

export type SmscIdFormat = 'same' | 'decimal';

/** An id as given by submit_sm_resp or by the receipted_message_id TLV (same format by the spec). */
export function idFromSubmit(id: string, format: SmscIdFormat): string {
  if (format === 'same' || !/^[0-9a-f]+$/i.test(id)) return id;
  return BigInt(`0x${id}`).toString(10);
}

/** An id as written in a receipt's text (`id:…`). */
export function idFromReceiptText(id: string, format: SmscIdFormat): string {
  if (format === 'same' || !/^[0-9]+$/.test(id)) return id;
  return BigInt(id).toString(10);
}
