// SMS encoding: chooses GSM-7 or UCS-2, counts parts against a route's limits, encodes and splits payloads.
import { TodokuError } from './errors.ts';

export type Encoding = 'gsm7' | 'ucs2';

export interface SegmentInfo {
  encoding: Encoding;
  /** User-visible code points (a combining mark counts as one, an emoji as one). */
  characters: number;
  /** GSM-7 septets (extension characters count 2) or UCS-2 16-bit code units (non-BMP counts 2). */
  units: number;
  /** 0 for empty text. */
  parts: number;
  /** 160 | 153 | 70 | 67, or the route's singleMessageMax when the whole text goes as one long SMS. */
  perPart: number;
}

export interface RouteLimits {
  /** Most concatenated parts the route accepts, e.g. 10. */
  maxParts?: number;
  /** Japanese carriers' long SMS: the whole text in one message up to this many characters (e.g. 660). */
  singleMessageMax?: number;
}

const SINGLE = { gsm7: 160, ucs2: 70 } as const;
// A 6-byte concatenation UDH costs 7 septets in GSM-7 and 3 code units in UCS-2.
const CONCATENATED = { gsm7: 153, ucs2: 67 } as const;

const ESC = 0x1b;
// GSM 03.38 default alphabet in code order; the ESC slot (0x1B) is never matched from text.
const BASIC_ALPHABET =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION: Record<string, number> = {
  '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65,
};

const BASIC_CODE = new Map<string, number>(
  [...BASIC_ALPHABET].flatMap((ch, code) => (code === ESC ? [] : [[ch, code] as const])),
);
const EXTENSION_CODE = new Map<string, number>(Object.entries(EXTENSION));
const EXTENSION_CHAR = new Map<number, string>(Object.entries(EXTENSION).map(([ch, code]) => [code, ch]));

/** Septets a character takes in GSM-7, or undefined if it is not in the alphabet. */
function septets(ch: string): number | undefined {
  if (BASIC_CODE.has(ch)) return 1;
  if (EXTENSION_CODE.has(ch)) return 2;
  return undefined;
}

function unitsOf(ch: string, encoding: Encoding): number {
  return encoding === 'gsm7' ? (septets(ch) ?? 0) : ch.length;
}

/** Septets per UTF-16 code unit below 0x80 (0: not in the alphabet): the common case without a Map lookup. */
const ASCII_SEPTETS = Uint8Array.from({ length: 0x80 }, (_, code) => septets(String.fromCharCode(code)) ?? 0);

export function isGsm7(text: string): boolean {
  // Code unit by code unit: a surrogate (half of a character beyond the BMP) is never in the alphabet.
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80 ? ASCII_SEPTETS[code] === 0 : septets(text[i] as string) === undefined) return false;
  }
  return true;
}

/** Code points in a text (a surrogate pair counts once), without iterating it character by character. */
function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs += 1;
        i += 1;
      }
    }
  }
  return text.length - pairs;
}

/** Cuts text into parts of at most `size` units without splitting an escape pair or a surrogate pair. */
function chunk(text: string, encoding: Encoding, size: number): string[] {
  const parts: string[] = [];
  let current = '';
  let used = 0;
  for (const ch of text) {
    const units = unitsOf(ch, encoding);
    if (used + units > size) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += ch;
    used += units;
  }
  if (current !== '') parts.push(current);
  return parts;
}

export function countSegments(text: string, limits: RouteLimits = {}): SegmentInfo {
  const encoding: Encoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  let characters = 0;
  let units = 0;
  if (encoding === 'ucs2') {
    // UCS-2 units are UTF-16 code units: the string's own length.
    characters = codePoints(text);
    units = text.length;
  } else {
    // GSM-7 text has no surrogates: one character per code unit.
    characters = text.length;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      units += code < 0x80 ? (ASCII_SEPTETS[code] as number) : (septets(text[i] as string) ?? 0);
    }
  }
  const nonEmpty = characters === 0 ? 0 : 1;
  const { singleMessageMax } = limits;
  if (singleMessageMax !== undefined && characters <= singleMessageMax) {
    return { encoding, characters, units, parts: nonEmpty, perPart: singleMessageMax };
  }
  // Beyond singleMessageMax the route cannot take the text; the standard count is still reported and
  // exceedsRouteMaximum says so.
  if (units <= SINGLE[encoding]) {
    return { encoding, characters, units, parts: nonEmpty, perPart: SINGLE[encoding] };
  }
  const perPart = CONCATENATED[encoding];
  return { encoding, characters, units, parts: chunk(text, encoding, perPart).length, perPart };
}

export function exceedsRouteMaximum(info: SegmentInfo, limits: RouteLimits): boolean {
  if (limits.singleMessageMax !== undefined && info.characters > limits.singleMessageMax) return true;
  return limits.maxParts !== undefined && info.parts > limits.maxParts;
}

/** Unpacked septets, one per byte, extension characters as 0x1B + code (SMPP data_coding 0). */
export function encodeGsm7(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const basic = BASIC_CODE.get(ch);
    if (basic !== undefined) {
      bytes.push(basic);
      continue;
    }
    const extension = EXTENSION_CODE.get(ch);
    if (extension === undefined) {
      throw new TodokuError('TODOKU_E_NOT_GSM7', {
        ja: `GSM-7で表せない文字があります: U+${ch.codePointAt(0)?.toString(16).toUpperCase()}`,
        en: `Character not in the GSM-7 alphabet: U+${ch.codePointAt(0)?.toString(16).toUpperCase()}`,
      });
    }
    bytes.push(ESC, extension);
  }
  return Buffer.from(bytes);
}

/**
 * Lenient, as inbound text comes from carriers: an unknown escape shows the basic character (as 3GPP 23.038
 * asks), a trailing escape is dropped, and a byte above 0x7F becomes U+FFFD.
 */
export function decodeGsm7(bytes: Buffer): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    if (byte > 0x7f) {
      text += '\uFFFD';
    } else if (byte !== ESC) {
      text += BASIC_ALPHABET[byte];
    } else if (i + 1 < bytes.length) {
      const code = bytes[++i] as number;
      text += EXTENSION_CHAR.get(code) ?? (code > 0x7f || code === ESC ? '\uFFFD' : BASIC_ALPHABET[code]);
    }
  }
  return text;
}

/** UTF-16BE, which is what SMPP data_coding 8 carries in practice (surrogate pairs included). */
export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** A dangling odd byte at the end is ignored. */
export function decodeUcs2(bytes: Buffer): string {
  const even = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return even.swap16().toString('utf16le');
}

/** Encoded payload per concatenated part: 153 septets or 67 UCS-2 units at most, pairs kept whole. */
export function splitForConcatenation(text: string, encoding: Encoding): Buffer[] {
  const encode = encoding === 'gsm7' ? encodeGsm7 : encodeUcs2;
  return chunk(text, encoding, CONCATENATED[encoding]).map(encode);
}
