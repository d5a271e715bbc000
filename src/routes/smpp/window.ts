// The SMPP window: at most `size` submits outstanding at once; the rest wait in line, first come first
// served. A slot is held from sending a PDU until its answer (or its loss) and then handed on.
import { Fifo } from './fifo.ts';

export class Window {
  private used = 0;
  private readonly waiting = new Fifo<(granted: boolean) => void>();
  private closed = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`window must be a positive integer, got ${size}`);
  }

  /** Slots in use. */
  inUse(): number {
    return this.used;
  }

  /** Resolves true with a slot, or false once the window is closed. */
  acquire(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.used < this.size) {
      this.used += 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next(true);
    else this.used -= 1;
  }

  /** Turns away everyone waiting and every later caller; slots in use are still released as usual. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.drain()) waiter(false);
  }
}
