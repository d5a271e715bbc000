// What carriers send back, in our words: delivery receipts and mobile-originated replies. Routes
// produce them, the store keeps them, the message state machine reads them.

export type ReceiptStatus =
  | 'delivered'
  | 'undeliverable'
  | 'expired'
  | 'rejected'
  | 'deleted'
  | 'accepted'
  | 'unknown';

/** A delivery receipt from the carrier. */
export interface Receipt {
  smscId: string;
  /** Our message ref, when the SMSC echoed user_message_reference. */
  ref?: string;
  /** The original recipient (the receipt's source address), E.164 with '+'. */
  to?: string;
  status: ReceiptStatus;
  /** Carrier's own state word, e.g. DELIVRD */
  carrierState: string;
  /** Carrier's error code (err:…), if any other than 000. */
  errorCode?: string;
  doneAt?: Date;
  /** The done date as the carrier wrote it (SMPP receipt text, YYMMDDhhmm[ss]), kept for the evidence ledger. */
  doneDate?: string;
}

/** A mobile-originated message (a reply). */
export interface InboundSms {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
}
