// The Japanese font for generated PDFs: Noto Sans JP (OFL), shipped by the @expo-google-fonts registry
// package. Read once per process (5 MB); every PDF embeds only the glyphs it uses (subsetting), so an
// invoice stays a few tens of KB.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const FONT = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

let cached: Promise<Uint8Array> | null = null;

export function japaneseFont(): Promise<Uint8Array> {
  cached ??= readFile(createRequire(import.meta.url).resolve(FONT)).then((b) => new Uint8Array(b));
  return cached;
}
