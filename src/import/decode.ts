// Encoding detection: sniffs the start of an upload (UTF-8, UTF-8 with BOM or CP932) and streams the rest as text.
import { Readable } from 'node:stream';
import { isAscii } from 'node:buffer';
import iconv from 'iconv-lite';
import Encoding from 'encoding-japanese';
import { TodokuError } from '../core/errors.ts';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'cp932';

export interface DecodedCsv {
  encoding: CsvEncoding;
  /** The file as string chunks (object mode), BOM removed; pulls from the input only as fast as it is read. */
  text: Readable;
  /** Bytes read from the input so far (for progress against a file size). */
  bytesRead(): number;
}

const PEEK_BYTES = 64 * 1024;
// ASCII reads the same in both encodings, so an all-ASCII start decides nothing: read on, within a bound.
const ASCII_PEEK_BYTES = 1024 * 1024;

interface TextDecoding {
  write(bytes: Buffer): string;
  end(): string | undefined;
}

function unsupported(name: string): TodokuError {
  return new TodokuError('TODOKU_E_CSV_ENCODING', {
    ja: `文字コードが ${name} のファイルは読み込めません。Excel で「CSV UTF-8」または「CSV（コンマ区切り）」形式で保存し直してください`,
    en: `Files encoded in ${name} are not supported; save the file as "CSV UTF-8" or "CSV (comma delimited)" in Excel`,
  });
}

function isUtf8(head: Buffer, complete: boolean): boolean {
  try {
    // stream: true keeps a character cut at the end of the peek pending instead of calling it invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

const startsWith = (head: Buffer, ...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);

function notText(): TodokuError {
  return new TodokuError('TODOKU_E_CSV_NOT_CSV', {
    ja: 'CSV（テキスト）ファイルではありません（画像・PDF・圧縮ファイルなどのようです）。Excel で CSV 形式に保存したファイルを選んでください',
    en: 'This is not a CSV (not a text file; it looks like an image, a PDF, an archive or another binary file); choose a file saved as CSV',
  });
}

/** C0 controls other than tab, LF and CR: never part of a character in UTF-8, CP932 or EUC-JP text. */
const isControl = (b: number): boolean => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f;

// Without a BOM, UTF-16 is told from a binary file by decoding it: a CSV in UTF-16 is well-formed (no lone
// surrogates), has no control characters and has at least one separator or line break. Random bytes fail
// this almost surely (a lone surrogate or a control unit comes every few hundred units).
function looksUtf16(head: Buffer): boolean {
  if (!head.includes(0) || head.length < 2) return false;
  const even = head.subarray(0, head.length - (head.length % 2));
  return (['utf-16le', 'utf-16be'] as const).some((label) => {
    let text: string;
    try {
      text = new TextDecoder(label, { fatal: true }).decode(even, { stream: true });
    } catch {
      return false;
    }
    // eslint-disable-next-line no-control-regex -- looking for exactly these
    return /[,\t\n]/u.test(text) && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(text);
  });
}

// A NUL byte (and it is not UTF-16), or more than 1 % control bytes, means binary: a text CSV has neither
// (a single DOS end-of-file mark 0x1A at the very end is forgiven, and so is a stray control or two).
function looksBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  let controls = 0;
  const end = head.at(-1) === 0x1a ? head.length - 1 : head.length;
  for (let i = 0; i < end; i++) if (isControl(head[i]!)) controls++;
  return controls > 2 && controls * 100 > end;
}

function sniff(head: Buffer, complete: boolean): CsvEncoding {
  if (startsWith(head, 0xef, 0xbb, 0xbf)) return 'utf-8-bom';
  if (startsWith(head, 0x50, 0x4b, 0x03, 0x04) || startsWith(head, 0xd0, 0xcf, 0x11, 0xe0)) {
    throw new TodokuError('TODOKU_E_CSV_NOT_CSV', {
      ja: 'Excel のブック（.xlsx / .xls）は読み込めません。「名前を付けて保存」で CSV 形式にしてください',
      en: 'This is an Excel workbook (.xlsx / .xls), not a CSV; use "Save As" and choose a CSV format',
    });
  }
  if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff) || looksUtf16(head)) throw unsupported('UTF-16');
  if (looksBinary(head)) throw notText();
  if (isUtf8(head, complete)) return 'utf-8';
  // Second opinion on whole lines only (LF is never part of a multi-byte character in CP932 or EUC-JP).
  const lines = complete ? head : head.subarray(0, head.lastIndexOf(0x0a) + 1 || head.length);
  if (Encoding.detect(lines, 'SJIS') === false && Encoding.detect(lines, 'EUCJP') === 'EUCJP') {
    throw unsupported('EUC-JP');
  }
  return 'cp932';
}

function strictUtf8(): TextDecoding {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const fail = (): never => {
    throw new TodokuError('TODOKU_E_CSV_ENCODING', {
      ja: 'UTF-8 として読めない文字があります（途中で文字コードが変わっている可能性があります）。Excel で保存し直してください',
      en: 'The file contains bytes that are not valid UTF-8 (the encoding may change part-way); save it again from Excel',
    });
  };
  return {
    write: (bytes) => {
      try {
        return decoder.decode(bytes, { stream: true });
      } catch {
        return fail();
      }
    },
    end: () => {
      try {
        return decoder.decode();
      } catch {
        return fail();
      }
    },
  };
}

function decoderFor(encoding: CsvEncoding): TextDecoding {
  return encoding === 'cp932' ? iconv.getDecoder('CP932') : strictUtf8();
}

export async function decodeCsvStream(input: Readable): Promise<DecodedCsv> {
  const chunks: AsyncIterator<Buffer | string> = input[Symbol.asyncIterator]();
  let bytes = 0;
  const next = async (): Promise<Buffer | undefined> => {
    const r = await chunks.next();
    if (r.done) return undefined;
    const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    bytes += chunk.length;
    return chunk;
  };

  const peeked: Buffer[] = [];
  let size = 0;
  let ascii = true;
  let complete = false;
  while (size < PEEK_BYTES || (ascii && size < ASCII_PEEK_BYTES)) {
    const chunk = await next();
    if (!chunk) {
      complete = true;
      break;
    }
    peeked.push(chunk);
    size += chunk.length;
    ascii &&= isAscii(chunk);
  }
  const head = Buffer.concat(peeked);
  let encoding: CsvEncoding;
  try {
    encoding = sniff(head, complete);
  } catch (error) {
    await chunks.return?.();
    throw error;
  }

  const decoder = decoderFor(encoding);
  async function* text(): AsyncGenerator<string> {
    try {
      const first = decoder.write(encoding === 'utf-8-bom' ? head.subarray(3) : head);
      if (first) yield first;
      if (!complete) {
        for (let chunk = await next(); chunk; chunk = await next()) {
          const s = decoder.write(chunk);
          if (s) yield s;
        }
      }
      const tail = decoder.end();
      if (tail) yield tail;
    } finally {
      await chunks.return?.();
    }
  }
  return { encoding, text: Readable.from(text()), bytesRead: () => bytes };
}
