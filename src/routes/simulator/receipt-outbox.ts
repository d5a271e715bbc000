// Store-and-forward of delivery receipts, as a real SMSC does: a receipt waits (per system_id) until a
// receiver or transceiver of that system_id is bound, and stays owed until that client acknowledges it
// with deliver_sm_resp status 0. A refusal is offered again after retryMs; a session that drops with
// receipts unanswered gives them back to the queue at once, for the next bind.
import { Fifo } from '../smpp/fifo.ts';
import type { ReceiptJob } from './receipt-pdu.ts';

export type DeliveryResult = 'acknowledged' | 'refused' | 'lost';

/** A bound session able to take receipts. */
export interface ReceiptSink {
  readonly systemId: string;
  hasRoom(): boolean;
  /** Sends the receipt and reports once how it went; false when it could not even be sent. */
  send(job: ReceiptJob, done: (result: DeliveryResult) => void): boolean;
}

export class ReceiptOutbox {
  private readonly queues = new Map<string, Fifo<ReceiptJob>>();
  private readonly sinks = new Map<string, ReceiptSink[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private delivered = 0;

  constructor(private readonly retryMs: number) {}

  /** Queues the receipt after delayMs (the time the handset takes to get the message). */
  later(systemId: string, job: ReceiptJob, delayMs: number, onDue?: (job: ReceiptJob) => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      onDue?.(job);
      this.offer(systemId, job);
    }, delayMs);
    this.timers.add(timer);
  }

  offer(systemId: string, job: ReceiptJob, first = false): void {
    let queue = this.queues.get(systemId);
    if (!queue) this.queues.set(systemId, (queue = new Fifo()));
    if (first) queue.unshift(job);
    else queue.push(job);
    this.pump(systemId);
  }

  attach(sink: ReceiptSink): void {
    this.sinks.set(sink.systemId, [...(this.sinks.get(sink.systemId) ?? []), sink]);
    this.pump(sink.systemId);
  }

  detach(sink: ReceiptSink): void {
    const rest = (this.sinks.get(sink.systemId) ?? []).filter((s) => s !== sink);
    if (rest.length > 0) this.sinks.set(sink.systemId, rest);
    else this.sinks.delete(sink.systemId);
  }

  /** Receipts not yet acknowledged: scheduled, queued or sent and unanswered. */
  owed(): number {
    let queued = 0;
    for (const queue of this.queues.values()) queued += queue.size;
    return this.timers.size + queued + this.inFlight;
  }

  acknowledged(): number {
    return this.delivered;
  }

  /** Cancels every timer; what is owed stays owed (and is lost with the simulator). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private pump(systemId: string): void {
    const queue = this.queues.get(systemId);
    const sinks = this.sinks.get(systemId);
    if (!queue || !sinks) return;
    let progressed = true;
    while (queue.size > 0 && progressed) {
      progressed = false;
      for (const sink of sinks) {
        const job = sink.hasRoom() ? queue.shift() : undefined;
        if (!job) continue;
        this.inFlight += 1;
        const sent = sink.send(job, (result) => this.settle(systemId, job, result));
        if (!sent) {
          this.inFlight -= 1;
          queue.unshift(job);
          continue;
        }
        progressed = true;
      }
    }
  }

  private settle(systemId: string, job: ReceiptJob, result: DeliveryResult): void {
    this.inFlight -= 1;
    if (result === 'acknowledged') {
      this.delivered += 1;
      this.pump(systemId);
    } else if (result === 'lost') {
      this.offer(systemId, job, true);
    } else {
      this.later(systemId, job, this.retryMs);
    }
  }
}
