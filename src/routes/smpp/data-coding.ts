// SMPP data_coding values and turning received message bytes into text. What we send is always
// GSM-7 (0) or UCS-2 (8); what we receive may also be IA5, Latin-1 or a GSM message-class coding.
import { decodeGsm7, decodeUcs2 } from '../../core/segments.ts';

export const DATA_CODING = {
  /** SMSC default alphabet: GSM 03.38, unpacked, one septet per byte. */
  GSM7: 0x00,
  IA5: 0x01,
  LATIN1: 0x03,
  UCS2: 0x08,
} as const;

/** Decodes a whole (already reassembled) message body. Unknown codings are shown byte for byte. */
export function decodeText(bytes: Buffer, dataCoding: number): string {
  switch (dataCoding) {
    case DATA_CODING.GSM7:
      return decodeGsm7(bytes);
    case DATA_CODING.IA5:
      return bytes.toString('ascii');
    case DATA_CODING.UCS2:
      return decodeUcs2(bytes);
    case DATA_CODING.LATIN1:
      return bytes.toString('latin1');
  }
  // 0xF0–0xFF: GSM data coding with a message class; bit 2 set means 8-bit data, clear means GSM-7.
  if ((dataCoding & 0xf0) === 0xf0) return dataCoding & 0x04 ? bytes.toString('latin1') : decodeGsm7(bytes);
  // 0x10–0x3F: general data coding groups; bits 2–3 give the alphabet (00 GSM-7, 01 8-bit, 10 UCS-2).
  if (dataCoding >= 0x10 && dataCoding <= 0x3f) {
    const alphabet = (dataCoding >> 2) & 0x03;
    if (alphabet === 0) return decodeGsm7(bytes);
    if (alphabet === 2) return decodeUcs2(bytes);
  }
  return bytes.toString('latin1');
}
