// The bodies of the submit_sm PDUs for one text: data_coding chosen by us (never by node-smpp), bytes
// encoded by the core (GSM-7 with its extension table, or UCS-2 with surrogate pairs), and a long text
// carried the route's way: parts with an 8-bit or a 16-bit UDH reference, parts marked by sar_* TLVs,
// or whole in one message_payload TLV (Japanese domestic long SMS).
import { encodeGsm7, encodeUcs2, isGsm7 } from '../../core/segments.ts';
import { TodokuError } from '../../core/errors.ts';
import { DATA_CODING } from './data-coding.ts';
import { concatUdh, concatUdh16 } from './udh.ts';
import { ESM_CLASS } from './wire.ts';

export type Concatenation = 'udh8' | 'udh16' | 'sar' | 'payload';

export interface SubmitPart {
  dataCoding: number;
  esmClass: number;
  /** Exactly the bytes of short_message, UDH included; empty when the text is in messagePayload. */
  shortMessage: Buffer;
  messagePayload?: Buffer;
  sar?: { ref: number; total: number; seq: number };
}

export interface PartsOptions {
  concatenation: Concatenation;
  /**
   * The reference shared by every part: 8 bits for udh8, 16 for udh16 and sar. Derive it from the
   * message's own id (concatReference) so that a retried message carries the same one.
   */
  ref: number;
  /** Longest text in characters (code points). */
  maxLength?: number | undefined;
}

/** Bytes that fit one SMS without a header: 160 unpacked septets, or 70 UCS-2 code units. */
const SINGLE_MAX_BYTES = 140;
const SINGLE_MAX_SEPTETS = 160;
/** A concatenation header counts parts in one octet. */
const MAX_PARTS = 255;
/** Japanese carriers' long SMS in one message_payload. */
export const PAYLOAD_MAX_CHARACTERS = 660;
/** Units per part: a 6-octet 8-bit header leaves 153 septets / 67 UCS-2 units, a 7-octet one 152 / 66. */
const PER_PART = { udh8: { gsm7: 153, ucs2: 67 }, udh16: { gsm7: 152, ucs2: 66 }, sar: { gsm7: 152, ucs2: 66 } } as const;
const EMPTY = Buffer.alloc(0);
const ESC = 0x1b;

export function submitParts(text: string, options: PartsOptions): SubmitPart[] {
  const { concatenation } = options;
  const limit = options.maxLength ?? (concatenation === 'payload' ? PAYLOAD_MAX_CHARACTERS : undefined);
  if (limit !== undefined) {
    let characters = 0;
    for (const _ of text) characters += 1;
    if (characters > limit) throw tooLong(`${characters}文字、上限${limit}文字`, `${characters} characters, at most ${limit}`);
  }
  const gsm = isGsm7(text);
  const dataCoding = gsm ? DATA_CODING.GSM7 : DATA_CODING.UCS2;
  const whole = gsm ? encodeGsm7(text) : encodeUcs2(text);
  if (whole.length <= (gsm ? SINGLE_MAX_SEPTETS : SINGLE_MAX_BYTES)) return [{ dataCoding, esmClass: 0, shortMessage: whole }];
  if (concatenation === 'payload') return [{ dataCoding, esmClass: 0, shortMessage: EMPTY, messagePayload: whole }];

  const pieces = cut(whole, gsm, PER_PART[concatenation][gsm ? 'gsm7' : 'ucs2']);
  if (pieces.length > MAX_PARTS) throw tooLong(`${pieces.length}通、上限${MAX_PARTS}通`, `${pieces.length} parts, at most ${MAX_PARTS}`);
  const total = pieces.length;
  return pieces.map((payload, i) => {
    const seq = i + 1;
    if (concatenation === 'sar') return { dataCoding, esmClass: 0, shortMessage: payload, sar: { ref: options.ref & 0xffff, total, seq } };
    const udh = concatenation === 'udh16' ? concatUdh16(options.ref, total, seq) : concatUdh(options.ref, total, seq);
    return { dataCoding, esmClass: ESM_CLASS.UDHI, shortMessage: Buffer.concat([udh, payload]) };
  });
}

/**
 * Cuts encoded bytes into parts of at most `units` septets (unpacked GSM-7, one per byte) or UCS-2
 * code units, never between an escape and its character nor between the halves of a surrogate pair.
 */
function cut(bytes: Buffer, gsm: boolean, units: number): Buffer[] {
  const max = gsm ? units : units * 2;
  const parts: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + max);
    if (end < bytes.length) {
      if (gsm && bytes[end - 1] === ESC) end -= 1;
      else if (!gsm && isHighSurrogate(bytes.readUInt16BE(end - 2))) end -= 2;
    }
    parts.push(bytes.subarray(start, end));
    start = end;
  }
  return parts;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function tooLong(ja: string, en: string): TodokuError {
  return new TodokuError('TODOKU_E_TEXT_TOO_LONG', { ja: `本文がこの経路には長すぎます（${ja}）`, en: `text too long for this route (${en})` });
}

/** A stable 8-bit concatenation reference for a message id (FNV-1a folded to one octet). */
export function concatReference(id: string): number {
  const hash = fnv1a(id);
  return (hash ^ (hash >>> 8) ^ (hash >>> 16) ^ (hash >>> 24)) & 0xff;
}

/** A stable 16-bit reference, for udh16 and sar. */
export function concatReference16(id: string): number {
  const hash = fnv1a(id);
  return (hash ^ (hash >>> 16)) & 0xffff;
}

function fnv1a(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
