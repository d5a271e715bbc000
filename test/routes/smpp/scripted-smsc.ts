// A carrier SMSC whose every answer the test decides: refused binds, chosen submit statuses, silence,
// and deliver_sm pushed at the client (replies, receipts) with their deliver_sm_resp collected.
import type { TestContext } from 'node:test';
import type { AddressInfo } from 'node:net';
import { smpp, type Pdu, type PduFields, type Session } from '../../../src/routes/smpp/wire.ts';

/** What to answer a submit_sm with: fields of a success, a command_status, or nothing at all. */
export type SubmitAnswer = PduFields | number | 'silence';

export class ScriptedSmsc {
  readonly binds: Pdu[] = [];
  readonly submits: Pdu[] = [];
  refuseBinds = 0;
  answerEnquireLink = true;
  answerSubmit: (pdu: Pdu, index: number) => SubmitAnswer = (_pdu, i) => ({ message_id: `id${i}` });
  private session: Session | null = null;

  async start(t: TestContext): Promise<number> {
    const server = smpp.createServer((session) => this.welcome(session));
    t.after(() => {
      for (const s of [...server.sessions]) s.destroy();
      server.close();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Sends a deliver_sm to the bound client and resolves with its deliver_sm_resp. */
  deliver(fields: PduFields): Promise<Pdu> {
    const session = this.session;
    if (!session) throw new Error('nobody bound');
    return new Promise((resolve) => session.send(new smpp.PDU('deliver_sm', fields), resolve));
  }

  private welcome(session: Session): void {
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: Pdu) => {
      this.binds.push(pdu);
      if (this.refuseBinds-- > 0) return void session.send(pdu.response({ command_status: 0x0e }));
      this.session = session;
      session.send(pdu.response({ system_id: 'SCRIPTED' }));
    });
    session.on('submit_sm', (pdu: Pdu) => {
      const answer = this.answerSubmit(pdu, this.submits.push(pdu) - 1);
      if (answer === 'silence') return;
      session.send(typeof answer === 'number' ? pdu.response({ command_status: answer }) : pdu.response(answer));
    });
    session.on('enquire_link', (pdu: Pdu) => {
      if (this.answerEnquireLink) session.send(pdu.response());
    });
    session.on('unbind', (pdu: Pdu) => {
      session.send(pdu.response());
      session.close();
    });
  }
}
