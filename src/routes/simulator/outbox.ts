// Store-and-forward of what the SMSC sends to clients (delivery receipts and replies), as a real SMSC
// does: a job waits (per system_id) until a receiver or transceiver of that system_id is bound, and
// stays owed until that client acknowledges it with status 0. A refusal is offered again after
// retryMs; a session that drops with jobs unanswered gives them back to the queue at once.
import { Fifo } from '../smpp/fifo.ts';
import type { ReceiptJob } from './receipt-pdu.ts';
import type { ReplyJob } from './reply.ts';

export type OutboundJob = ReceiptJob | ReplyJob;

export type DeliveryResult = 'acknowledged' | 'refused' | 'lost';

/** A bound session able to take receipts and replies. */
export interface Sink {
  readonly systemId: string;
  hasRoom(): boolean;
  /** Sends the job and reports once how it went; false when it could not even be sent. */
  send(job: OutboundJob, done: (result: DeliveryResult) => void): boolean;
}

export class Outbox {
  private readonly queues = new Map<string, Fifo<OutboundJob>>();
  private readonly sinks = new Map<string, Sink[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private delivered = 0;

  constructor(private readonly retryMs: number) {}

  /** Queues the job after delayMs (for a receipt, the time the handset takes to get the message). */
  later<J extends OutboundJob>(systemId: string, job: J, delayMs: number, onDue?: (job: J) => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      onDue?.(job);
      this.offer(systemId, job);
    }, delayMs);
    this.timers.add(timer);
  }

  offer(systemId: string, job: OutboundJob, first = false): void {
    let queue = this.queues.get(systemId);
    if (!queue) this.queues.set(systemId, (queue = new Fifo()));
    if (first) queue.unshift(job);
    else queue.push(job);
    this.pump(systemId);
  }

  attach(sink: Sink): void {
    this.sinks.set(sink.systemId, [...(this.sinks.get(sink.systemId) ?? []), sink]);
    this.pump(sink.systemId);
  }

  detach(sink: Sink): void {
    const rest = (this.sinks.get(sink.systemId) ?? []).filter((s) => s !== sink);
    if (rest.length > 0) this.sinks.set(sink.systemId, rest);
    else this.sinks.delete(sink.systemId);
  }

  /** Jobs not yet acknowledged: scheduled, queued or sent and unanswered. */
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

  private settle(systemId: string, job: OutboundJob, result: DeliveryResult): void {
    this.inFlight -= 1;
    if (job.kind === 'receipt' && job.settled) {
      const settled = job.settled;
      delete job.settled;
      settled();
    }
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
