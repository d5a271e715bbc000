// A zip written as it is produced (fflate's streaming Zip): files one after the other, each deflated
// and hashed (SHA-256 of its uncompressed bytes, for the bundle's manifest) as its text arrives; the
// zip's bytes are taken out with drain() between pages, so what waits in memory is one page.
import { createHash } from 'node:crypto';
import { Zip, ZipDeflate } from 'fflate';

export interface ZipFileWriter {
  write(text: string | Uint8Array): void;
  /** Ends the file; returns its SHA-256 (hex). */
  end(): string;
}

export class ZipWriter {
  private chunks: Uint8Array[] = [];
  private failure: Error | null = null;
  private readonly zip = new Zip((err, data) => {
    if (err) this.failure = err;
    else this.chunks.push(data);
  });

  constructor(private readonly mtime: Date) {}

  file(name: string): ZipFileWriter {
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = this.mtime;
    this.zip.add(file);
    const hash = createHash('sha256');
    return {
      write(text) {
        const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
        if (bytes.length === 0) return;
        hash.update(bytes);
        file.push(bytes);
      },
      end() {
        file.push(new Uint8Array(0), true);
        return hash.digest('hex');
      },
    };
  }

  /** A whole small file at once. */
  put(name: string, text: string | Uint8Array): string {
    const f = this.file(name);
    f.write(text);
    return f.end();
  }

  /** The zip's bytes produced since the last drain. */
  drain(): Uint8Array[] {
    if (this.failure) throw this.failure;
    const out = this.chunks;
    this.chunks = [];
    return out;
  }

  end(): void {
    this.zip.end();
  }
}
