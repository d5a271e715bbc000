// One client connection to the simulator: how it is bound, and the receipts sent to it that await
// their deliver_sm_resp (given back as 'lost' if the connection ends first).
import { batchWrites, smpp, type Session } from '../smpp/wire.ts';
import { receiptFields, type ReceiptJob } from './receipt-pdu.ts';
import type { DeliveryResult, ReceiptSink } from './receipt-outbox.ts';

export type BindMode = 'transmitter' | 'receiver' | 'transceiver';

export class SimSession implements ReceiptSink {
  systemId = '';
  mode: BindMode | null = null;
  private readonly deliveries = new Map<number, (result: DeliveryResult) => void>();

  constructor(
    readonly session: Session,
    private readonly deliverWindow: number,
  ) {}

  canSubmit(): boolean {
    return this.mode === 'transmitter' || this.mode === 'transceiver';
  }

  canReceive(): boolean {
    return this.mode === 'receiver' || this.mode === 'transceiver';
  }

  hasRoom(): boolean {
    return this.deliveries.size < this.deliverWindow;
  }

  send(job: ReceiptJob, done: (result: DeliveryResult) => void): boolean {
    const pdu = new smpp.PDU('deliver_sm', receiptFields(job));
    batchWrites(this.session);
    const sent = this.session.send(pdu, (response) => {
      const settle = this.deliveries.get(response.sequence_number);
      if (!settle) return;
      this.deliveries.delete(response.sequence_number);
      settle(response.command_status === 0 ? 'acknowledged' : 'refused');
    });
    if (sent) this.deliveries.set(pdu.sequence_number, done);
    return sent;
  }

  /** The connection is gone: every unanswered receipt is still owed. */
  lose(): void {
    const pending = [...this.deliveries.values()];
    this.deliveries.clear();
    for (const settle of pending) settle('lost');
  }
}
