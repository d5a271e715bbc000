// Where a submit_sm or deliver_sm keeps its message: short_message or the message_payload TLV, with
// or without a user data header, and which part of a concatenated message it is (UDH or sar_* TLVs).
import { readConcat, splitUserData, type ConcatInfo } from './udh.ts';
import { ESM_CLASS, type Pdu } from './wire.ts';

export interface MessageBody {
  /** The message bytes of this PDU, header removed, still encoded. */
  payload: Buffer;
  dataCoding: number;
  /** Set when this PDU is one part of a concatenated message. */
  concat: ConcatInfo | null;
}

const EMPTY = Buffer.alloc(0);

export function messageBody(pdu: Pdu): MessageBody {
  const short = pdu.short_message ?? EMPTY;
  const body = short.length > 0 ? short : (pdu.message_payload ?? EMPTY);
  const { udh, payload } = splitUserData(body, ((pdu.esm_class ?? 0) & ESM_CLASS.UDHI) !== 0);
  return { payload, dataCoding: pdu.data_coding ?? 0, concat: (udh && readConcat(udh)) ?? sarConcat(pdu) };
}

function sarConcat(pdu: Pdu): ConcatInfo | null {
  const { sar_msg_ref_num: ref, sar_total_segments: total, sar_segment_seqnum: seq } = pdu;
  if (ref === undefined || total === undefined || seq === undefined) return null;
  return total >= 1 && seq >= 1 && seq <= total ? { ref, total, seq } : null;
}
