// node-smpp as Todoku uses it: the library frames PDUs, Todoku owns every byte of message text.
//
// Left alone, node-smpp decodes short_message and message_payload itself on receipt, part by part,
// with its own tables (and guesses an encoding on send when data_coding is unset). A part boundary
// can fall inside a UCS-2 surrogate pair or a GSM escape, so text must be decoded only after the
// parts are joined, with our own codecs. We therefore make its message filter pass bytes through
// unchanged in both directions. This is process-wide (the library keeps one filter table), which
// is what we want: every user of node-smpp in Todoku goes through this module.
import smpp, { type Session } from 'smpp';

export type { Pdu, PduFields, Session, Server } from 'smpp';

smpp.filters.message.decode = (value) => value;
// Encoding already passes Buffers through; we only ever hand it Buffers (see submit-parts.ts).

export { smpp };

/**
 * Gathers the PDUs written in this tick into one TCP write: one syscall per PDU is most of the cost
 * of a busy bind. Call before each send.
 */
export function batchWrites(session: Session): void {
  const socket = session.socket;
  if (socket.writableCorked > 0) return;
  socket.cork();
  process.nextTick(() => socket.uncork());
}

/** SMPP interface version 3.4, sent in our binds. */
export const INTERFACE_VERSION_34 = 0x34;

export const ESM_CLASS = {
  /** Message type bits: an SMSC delivery receipt. */
  RECEIPT: 0x04,
  /** Message type bits: an intermediate delivery notification. */
  INTERMEDIATE: 0x20,
  /** The body starts with a user data header. */
  UDHI: 0x40,
} as const;
