// What the simulated SMSC sends back for a message it accepted: one receipt per part that asked for one, after the
// receipt delay, all with the outcome drawn from the mix; and, once a message is delivered, maybe a
// reply from its recipient. With receiptBeforeResponse the receipts go at once, and the caller learns
// when the client has answered them all, to hold the submit's answer until then.
import type { Accepted, ReceivedSms } from './intake.ts';
import type { Outbox } from './outbox.ts';
import { excerpt, type ReceiptJob } from './receipt-pdu.ts';
import { replyJobs, takeReply } from './reply.ts';
import { pickWeighted, type SimulatorSettings } from './settings.ts';
import type { Timers } from './timers.ts';

/** receiptBeforeResponse: the submit is answered anyway if its receipts are not answered within this. */
const RECEIPT_FIRST_MAX_WAIT_MS = 5_000;

/** A reply the simulator sent on a recipient's behalf. */
export interface SentReply {
  from: string;
  to: string;
  text: string;
  at: Date;
}

export interface DeliveriesDeps {
  outbox: Outbox;
  timers: Timers;
  settings: () => SimulatorSettings;
  random: () => number;
  now: () => Date;
}

export class Deliveries {
  replies: SentReply[] = [];

  constructor(private readonly deps: DeliveriesDeps) {}

  /**
   * Picks the message's outcome and schedules its receipts (for the parts that asked). With
   * receiptBeforeResponse, resolves once every receipt is answered (true) or the wait ran out (false).
   */
  schedule({ sms, sender, recipient, receiptsFor }: Accepted): Promise<boolean> | null {
    if (receiptsFor.length === 0) return null;
    const { outbox, random, now } = this.deps;
    const s = this.deps.settings();
    const stat = pickWeighted(s.outcomes, random());
    sms.outcome = stat;
    const first = s.receiptBeforeResponse;
    const delay = first ? 0 : s.receiptDelayMs + (s.receiptDelayJitterMs > 0 ? Math.round(random() * s.receiptDelayJitterMs) : 0);
    const answered: Promise<void>[] = [];
    for (const [i, smscId] of receiptsFor.entries()) {
      const job: ReceiptJob = {
        kind: 'receipt',
        smscId,
        sender,
        recipient,
        submittedAt: sms.receivedAt,
        doneAt: sms.receivedAt,
        excerpt: excerpt(sms.text),
        userMessageReference: sms.userMessageReference,
        stat,
        err: s.errorCodes[stat] ?? '000',
      };
      if (first) answered.push(new Promise<void>((resolve) => (job.settled = resolve)));
      outbox.later(sms.systemId, job, delay, (due) => {
        due.doneAt = now();
        if (i === 0 && stat === 'DELIVRD') this.reply(sms, sender, recipient);
      });
    }
    if (!first) return null;
    return new Promise((resolve) => {
      const timer = this.deps.timers.after(RECEIPT_FIRST_MAX_WAIT_MS, () => resolve(false));
      void Promise.all(answered).then(() => {
        this.deps.timers.cancel(timer);
        resolve(true);
      });
    });
  }

  /** The recipient answers a delivered message: the next scripted reply, or a canned one at moRate. */
  private reply(sms: ReceivedSms, sender: Accepted['sender'], recipient: Accepted['recipient']): void {
    const s = this.deps.settings();
    const text = takeReply(s, sms.to, this.deps.random);
    if (text === null) return;
    this.replies.push({ from: sms.to, to: sms.from, text, at: this.deps.now() });
    const ref = Math.floor(this.deps.random() * 256);
    for (const job of replyJobs(text, recipient, sender, ref)) this.deps.outbox.later(sms.systemId, job, s.moDelayMs);
  }
}
