// One client connection to the simulator: how it is bound, and the receipts and replies sent to it
// that await their answer (given back as 'lost' if the connection ends first).
import { batchWrites, smpp, type PduFields, type Session } from '../smpp/wire.ts';
import type { DeliveryResult, OutboundJob, Sink } from './outbox.ts';

export type BindMode = 'transmitter' | 'receiver' | 'transceiver';

/** The PDU that carries a job: deliver_sm, or data_sm for receipts when so configured. */
export type PduFor = (job: OutboundJob) => { command: 'deliver_sm' | 'data_sm'; fields: PduFields };

export class SimSession implements Sink {
  systemId = '';
  mode: BindMode | null = null;
  /** Being dropped on purpose: nothing more is answered on it. */
  dropping = false;
  private readonly deliveries = new Map<number, (result: DeliveryResult) => void>();

  constructor(
    readonly session: Session,
    private readonly deliverWindow: number,
    private readonly pduFor: PduFor,
  ) {}

  canSubmit(): boolean {
    return this.mode === 'transmitter' || this.mode === 'transceiver';
  }

  canReceive(): boolean {
    return this.mode === 'receiver' || this.mode === 'transceiver';
  }

  hasRoom(): boolean {
    return !this.dropping && this.deliveries.size < this.deliverWindow;
  }

  send(job: OutboundJob, done: (result: DeliveryResult) => void): boolean {
    const { command, fields } = this.pduFor(job);
    const pdu = new smpp.PDU(command, fields);
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

  /** Drops the connection without unbinding, as a crashed SMSC or a broken network would. */
  drop(): void {
    this.dropping = true;
    this.session.destroy();
  }

  /** The connection is gone: every unanswered job is still owed. */
  lose(): void {
    const pending = [...this.deliveries.values()];
    this.deliveries.clear();
    for (const settle of pending) settle('lost');
  }
}
