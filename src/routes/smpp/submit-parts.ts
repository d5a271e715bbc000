// The bodies of the submit_sm PDUs for one text: data_coding chosen by us (never by node-smpp), bytes
// encoded by the core, and long texts cut into parts that share one 8-bit UDH concatenation reference.
import { encodeGsm7, encodeUcs2, isGsm7, splitForConcatenation } from '../../core/segments.ts';
import { DATA_CODING } from './data-coding.ts';
import { concatUdh } from './udh.ts';
import { ESM_CLASS } from './wire.ts';

export interface SubmitPart {
  dataCoding: number;
  esmClass: number;
  /** Exactly the bytes of short_message, UDH included. */
  shortMessage: Buffer;
}

/** Bytes that fit one SMS without a header: 160 unpacked septets, or 70 UCS-2 code units. */
const SINGLE_MAX_BYTES = 140;
const SINGLE_MAX_SEPTETS = 160;
/** A concatenation header counts parts in one octet. */
const MAX_PARTS = 255;

/**
 * @param concatRef the reference written in every part's header; derive it from the message's own id
 *   (concatReference) so a retried message carries the same one.
 */
export function submitParts(text: string, concatRef: number): SubmitPart[] {
  const gsm = isGsm7(text);
  const dataCoding = gsm ? DATA_CODING.GSM7 : DATA_CODING.UCS2;
  const whole = gsm ? encodeGsm7(text) : encodeUcs2(text);
  if (whole.length <= (gsm ? SINGLE_MAX_SEPTETS : SINGLE_MAX_BYTES)) {
    return [{ dataCoding, esmClass: 0, shortMessage: whole }];
  }
  const payloads = splitForConcatenation(text, gsm ? 'gsm7' : 'ucs2');
  if (payloads.length > MAX_PARTS) throw new RangeError(`text needs ${payloads.length} parts, at most ${MAX_PARTS}`);
  return payloads.map((payload, i) => ({
    dataCoding,
    esmClass: ESM_CLASS.UDHI,
    shortMessage: Buffer.concat([concatUdh(concatRef, payloads.length, i + 1), payload]),
  }));
}

/** A stable 8-bit concatenation reference for a message id (FNV-1a folded to one octet). */
export function concatReference(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash ^ (hash >>> 8) ^ (hash >>> 16) ^ (hash >>> 24)) & 0xff;
}
