// File names inside a ZIP. Windows writes Japanese names in CP932 without the UTF-8 flag, so fflate
// hands those over as latin-1; they are decoded again here. A name's key is what is matched against a
// recipient's column: the base name without ".pdf", NFKC, trimmed, upper case (S0001.pdf ≡ s0001.PDF).
import iconv from 'iconv-lite';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * fflate reads a flagged name as UTF-8 and any other as latin-1. A name with characters beyond latin-1
 * was flagged; an ASCII one reads the same either way; anything else is recovered as bytes and read as
 * UTF-8 if it is valid UTF-8 (some zippers forget the flag), else as CP932.
 */
export function decodeZipName(name: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/.test(name) || /^[\u0000-\u007f]*$/.test(name)) return name;
  const bytes = Buffer.from(name, 'latin1');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, 'CP932');
  }
}

/** Folders, macOS resource forks and hidden files are not documents and are passed over silently. */
export function isNoise(path: string): boolean {
  if (path.endsWith('/')) return true;
  const parts = path.split('/');
  return parts.includes('__MACOSX') || parts.some((p) => p.startsWith('.')) || /^(thumbs\.db|desktop\.ini)$/i.test(parts[parts.length - 1] ?? '');
}

export function baseName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

export function matchKey(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

export function keyOfFile(path: string): string {
  return matchKey(baseName(path).replace(/\.pdf$/i, ''));
}
