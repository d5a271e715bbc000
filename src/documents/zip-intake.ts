// Reads a ZIP as it streams in (fflate's streaming Unzip) and hands over its files one at a time, with
// limits that hold however the archive is built: compressed bytes read, bytes inflated per file and in
// total (a zip bomb stops at the limit, not when memory runs out), and the number of entries.
// A file over its own limit is reported and skipped; the archive over a total limit stops the upload.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { TodokuError } from '../core/errors.ts';
import { decodeZipName, isNoise } from './zip-names.ts';

export interface ZipLimits {
  /** Bytes of the ZIP itself. */
  maxZipBytes: number;
  /** Inflated bytes of one file. */
  maxFileBytes: number;
  /** Inflated bytes of all files together. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 256 * 1024 * 1024,
  maxFileBytes: 20 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntries: 100_000,
};

export type ZipEntry = { name: string; bytes: Buffer } | { name: string; problem: 'too_large' | 'unreadable' };

/** End of central directory: its signature, within its 22 bytes plus a comment of up to 64 KB. */
const END_RECORD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const END_RECORD_WINDOW = 22 + 65_535;

function hasEndRecord(tail: Buffer): boolean {
  const at = tail.lastIndexOf(END_RECORD);
  return at !== -1 && tail.length - at >= 22 && tail.length - at === 22 + tail.readUInt16LE(at + 20);
}

const damaged = () => new TodokuError('TODOKU_E_DOCUMENT_ZIP', { ja: 'ZIPファイルが壊れているか、途中で切れています', en: 'the ZIP file is damaged or truncated' });

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function tooLarge(ja: string, en: string): TodokuError {
  return new TodokuError('TODOKU_E_DOCUMENT_ZIP_TOO_LARGE', { ja, en });
}

export async function* zipEntries(body: AsyncIterable<Uint8Array>, limits: ZipLimits = DEFAULT_ZIP_LIMITS): AsyncGenerator<ZipEntry> {
  const ready: ZipEntry[] = [];
  let failure: Error | null = null;
  let entries = 0;
  let inflatedTotal = 0;

  const unzip = new Unzip((file: UnzipFile) => {
    const name = decodeZipName(file.name);
    const wanted = !isNoise(name);
    if (wanted && ++entries > limits.maxEntries) {
      failure ??= tooLarge(`ZIPのファイル数が上限（${limits.maxEntries}件）を超えています`, `the ZIP holds more than ${limits.maxEntries} files`);
    }
    let size = 0;
    let chunks: Uint8Array[] | null = wanted ? [] : null;
    let reported = !wanted;
    const report = (e: ZipEntry) => {
      if (!reported) ready.push(e);
      reported = true;
    };
    // The declared size is only a hint (it can lie); the bytes are counted as they inflate regardless.
    if (wanted && file.originalSize !== undefined && file.originalSize > limits.maxFileBytes) {
      chunks = null;
      report({ name, problem: 'too_large' });
    }
    file.ondata = (err, chunk, final) => {
      if (err) {
        chunks = null;
        report({ name, problem: 'unreadable' });
        return;
      }
      size += chunk.length;
      inflatedTotal += chunk.length;
      if (inflatedTotal > limits.maxTotalBytes) {
        failure ??= tooLarge(`展開後の合計サイズが上限（${mb(limits.maxTotalBytes)}）を超えています`, `the files add up to more than ${mb(limits.maxTotalBytes)}`);
      }
      if (chunks && size > limits.maxFileBytes) {
        chunks = null;
        report({ name, problem: 'too_large' });
      }
      chunks?.push(chunk);
      if (final && chunks) report({ name, bytes: Buffer.concat(chunks) });
    };
    try {
      // Always started: fflate keeps an unstarted entry's bytes in memory until the end.
      file.start();
    } catch {
      failure ??= new TodokuError('TODOKU_E_DOCUMENT_ZIP', {
        ja: `ZIP内の「${name}」は対応していない圧縮方式です。標準のZIP（Deflate）で作り直してください`,
        en: `"${name}" in the ZIP uses an unsupported compression method; please re-create the ZIP with Deflate`,
      });
    }
  });
  unzip.register(UnzipInflate);

  let read = 0;
  let first = true;
  // The archive's last bytes: its end record must be there, or the upload was cut off.
  let tail = Buffer.alloc(0);
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      unzip.push(chunk, final);
    } catch {
      failure ??= damaged();
    }
  };
  for await (const raw of body) {
    const chunk = raw instanceof Uint8Array ? raw : Buffer.from(raw as string);
    if (first && chunk.length > 0) {
      first = false;
      // PK\x03\x04 (a file follows) or PK\x05\x06 (an empty archive).
      if (chunk.length < 4 || chunk[0] !== 0x50 || chunk[1] !== 0x4b || !((chunk[2] === 3 && chunk[3] === 4) || (chunk[2] === 5 && chunk[3] === 6))) {
        throw new TodokuError('TODOKU_E_DOCUMENT_NOT_ZIP', { ja: 'ZIPファイルを送ってください（PDFをまとめたもの）', en: 'the body must be a ZIP file of PDFs' });
      }
    }
    read += chunk.length;
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > END_RECORD_WINDOW) tail = tail.subarray(tail.length - END_RECORD_WINDOW);
    if (read > limits.maxZipBytes) {
      throw tooLarge(`ZIPファイルが上限（${mb(limits.maxZipBytes)}）を超えています`, `the ZIP is larger than ${mb(limits.maxZipBytes)}`);
    }
    push(chunk, false);
    if (failure) throw failure;
    // Awaiting the consumer here is the back-pressure: the request stream waits while files are stored.
    while (ready.length > 0) yield ready.shift()!;
  }
  if (first) throw new TodokuError('TODOKU_E_DOCUMENT_NOT_ZIP', { ja: 'ZIPファイルが空です', en: 'the ZIP body is empty' });
  push(new Uint8Array(0), true);
  if (!failure && !hasEndRecord(tail)) failure = damaged();
  if (failure) throw failure;
  while (ready.length > 0) yield ready.shift()!;
}
