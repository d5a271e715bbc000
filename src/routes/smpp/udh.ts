// User data headers for concatenated SMS (3GPP TS 23.040 §9.2.3.24): split a body into header and
// payload, read and write the 8-bit (IEI 0x00) or 16-bit (IEI 0x08) concatenation element.

export interface ConcatInfo {
  /** Reference shared by every part of one message. */
  ref: number;
  total: number;
  /** 1-based position of this part. */
  seq: number;
}

const IEI_CONCAT_8 = 0x00;
const IEI_CONCAT_16 = 0x08;

/** Separates the UDH (length octet included) from the payload; a malformed header is treated as none. */
export function splitUserData(body: Buffer, hasUdh: boolean): { udh: Buffer | null; payload: Buffer } {
  if (!hasUdh || body.length === 0) return { udh: null, payload: body };
  const end = 1 + (body[0] ?? 0);
  if (end > body.length) return { udh: null, payload: body };
  return { udh: body.subarray(0, end), payload: body.subarray(end) };
}

/** The concatenation element of a UDH (length octet included), if it has a valid one. */
export function readConcat(udh: Buffer): ConcatInfo | null {
  let i = 1;
  while (i + 1 < udh.length) {
    const iei = udh[i] ?? -1;
    const len = udh[i + 1] ?? 0;
    const data = udh.subarray(i + 2, i + 2 + len);
    if (data.length < len) return null;
    if (iei === IEI_CONCAT_8 && len === 3) return valid(data.readUInt8(0), data.readUInt8(1), data.readUInt8(2));
    if (iei === IEI_CONCAT_16 && len === 4) return valid(data.readUInt16BE(0), data.readUInt8(2), data.readUInt8(3));
    i += 2 + len;
  }
  return null;
}

function valid(ref: number, total: number, seq: number): ConcatInfo | null {
  return total >= 1 && seq >= 1 && seq <= total ? { ref, total, seq } : null;
}

/** The 6-octet header `05 00 03 ref total seq` that starts every part of a concatenated message. */
export function concatUdh(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x05, IEI_CONCAT_8, 0x03, ref & 0xff, total, seq]);
}

/** The 7-octet header `06 08 04 refHi refLo total seq`: the 16-bit reference variant. */
export function concatUdh16(ref: number, total: number, seq: number): Buffer {
  return Buffer.from([0x06, IEI_CONCAT_16, 0x04, (ref >> 8) & 0xff, ref & 0xff, total, seq]);
}
