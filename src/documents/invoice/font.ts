// The Japanese font for generated PDFs: Noto Sans JP (OFL), shipped by the @expo-google-fonts registry
// package. Read once per process (5 MB); every PDF embeds only the glyphs it uses (subsetting), so an
// invoice stays a few tens of KB.
//
// @pdf-lib/fontkit 1.1 writes a TrueType subset's `loca` in the short format (offsets / 2) without
// padding glyph records to an even length, so after the first odd-length glyph every offset is one
// byte off: the text extracts fine but many glyphs render blank (fixed upstream in fontkit 1.8,
// foliojs/fontkit#191; the @pdf-lib fork predates it). `subsetSafeFontkit` pads each glyph as it is
// added, which is what the fix does; the glyph data itself is unchanged.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';

const FONT = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';

let cached: Promise<Uint8Array> | null = null;

export function japaneseFont(): Promise<Uint8Array> {
  cached ??= readFile(createRequire(import.meta.url).resolve(FONT)).then((b) => new Uint8Array(b));
  return cached;
}

interface TtfSubsetInternals {
  glyf?: Uint8Array[];
  offset?: number;
  _addGlyph?: (gid: number) => number;
}

function padGlyphs(subset: TtfSubsetInternals): void {
  const add = subset._addGlyph;
  if (typeof add !== 'function') return; // a CFF subset: not affected
  subset._addGlyph = function (this: TtfSubsetInternals, gid: number) {
    const index = add.call(this, gid);
    const data = this.glyf![index]!;
    if (data.length % 2 === 1) {
      // Of the same class as fontkit's own buffers (its bundled Buffer), which is all its encoder takes.
      const padded = (data.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(data.length + 1);
      padded.set(data, 0);
      this.glyf![index] = padded;
      this.offset! += 1;
    }
    return index;
  };
}

export const subsetSafeFontkit: typeof fontkit = {
  ...fontkit,
  create(buffer: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(buffer, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      padGlyphs(subset as unknown as TtfSubsetInternals);
      return subset;
    };
    return font;
  },
};
