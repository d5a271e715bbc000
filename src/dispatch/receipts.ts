// Receipts arrive one PDU at a time; storing them one transaction each would cap a route at a few
// hundred per second. They are gathered for a moment and stored together; each caller's promise (and so
// the carrier's acknowledgement) resolves only once its receipt is committed. While one batch is being
// written the next gathers, so the batches grow with the database's round trip.
import type { Receipt } from '../core/carrier.ts';
import type { ReceiptPort } from './ports.ts';
import type { Vault } from '../core/vault.ts';
import { GATHER_MS } from './dispatcher.ts';

interface Waiting {
  route: string;
  receipt: Receipt;
  resolve(): void;
  reject(err: unknown): void;
}

export class ReceiptWriter {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private writing = false;

  constructor(
    private readonly store: ReceiptPort,
    private readonly vault: Vault,
    private readonly maxBatch = 500,
  ) {}

  store1(route: string, receipt: Receipt): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ route, receipt, resolve, reject });
      if (this.waiting.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), GATHER_MS);
      }
    });
  }

  /** One write at a time; receipts that come while it runs go together in the next (group commit). */
  private flush(): void {
    this.scheduled = false;
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    void (async () => {
      while (this.waiting.length > 0) await this.write(this.waiting.splice(0, this.maxBatch));
      this.writing = false;
    })();
  }

  /**
   * Receipts that found no message may have raced its answer being recorded on another connection (or in
   * another worker): neither statement saw the other, and the upkeep's sweep would apply them only within
   * a second. Looked at again after the answer's write has had time to commit, twice; then the sweep.
   */
  private lookAgain(smscIds: readonly string[], attempt: number): void {
    const apply = this.store.messages.applyWaitingFor;
    if (!apply || attempt >= LOOK_AGAIN_MS.length) return;
    const timer = setTimeout(() => {
      apply
        .call(this.store.messages, smscIds)
        .then((still) => this.lookAgain(still, attempt + 1))
        // The sweep applies them anyway.
        .catch(() => undefined);
    }, LOOK_AGAIN_MS[attempt]);
    timer.unref();
  }

  private async write(batch: Waiting[]): Promise<void> {
    const byRoute = new Map<string, Waiting[]>();
    for (const w of batch) {
      const items = byRoute.get(w.route);
      if (items) items.push(w);
      else byRoute.set(w.route, [w]);
    }
    for (const [route, items] of byRoute) {
      try {
        const missed = await this.store.messages.applyReceipts(
          route,
          items.map((w) => ({ receipt: w.receipt, toHash: w.receipt.to ? this.vault.blindIndex(w.receipt.to) : null })),
        );
        for (const w of items) w.resolve();
        if (missed && missed.length > 0) this.lookAgain(missed, 0);
      } catch (err) {
        for (const w of items) w.reject(err);
      }
    }
  }
}

/** When receipts that found no message are looked at again: soon after, and once more. */
const LOOK_AGAIN_MS = [30, 200];
