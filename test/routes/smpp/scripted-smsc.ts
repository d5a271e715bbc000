// A carrier SMSC whose every answer the test decides: refused binds, chosen submit statuses, silence,
// and deliver_sm / data_sm / enquire_link pushed at the client, with the client's answers collected.
import type { TestContext } from 'node:test';
import type { AddressInfo } from 'node:net';
import { smpp, type Pdu, type PduFields, type Session } from '../../../src/routes/smpp/wire.ts';

/** What to answer a submit_sm with: fields of a success, a command_status, or nothing at all. */
export type SubmitAnswer = PduFields | number | 'silence';

const BINDS = ['bind_transceiver', 'bind_transmitter', 'bind_receiver'] as const;

export class ScriptedSmsc {
  readonly binds: Pdu[] = [];
  readonly submits: Pdu[] = [];
  /** For each submit, the bind command of the session it came on. */
  readonly submitsVia: string[] = [];
  refuseBinds = 0;
  answerEnquireLink = true;
  answerSubmit: (pdu: Pdu, index: number) => SubmitAnswer = (_pdu, i) => ({ message_id: `id${i}` });
  /** The latest bound session able to receive (transceiver or receiver). */
  private receiving: Session | null = null;

  private server: { sessions: Session[] } | null = null;

  /** Drops every client connection, as a carrier's outage would. */
  dropAll(): void {
    for (const s of [...(this.server?.sessions ?? [])]) s.destroy();
  }

  async start(t: TestContext): Promise<number> {
    const server = smpp.createServer((session) => this.welcome(session));
    this.server = server;
    t.after(() => {
      for (const s of [...server.sessions]) s.destroy();
      server.close();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Sends a request (deliver_sm by default) to the bound receiving client and resolves with its answer. */
  deliver(fields: PduFields, command: 'deliver_sm' | 'data_sm' | 'enquire_link' = 'deliver_sm'): Promise<Pdu> {
    const session = this.receiving;
    if (!session) throw new Error('nobody bound to receive');
    return new Promise((resolve) => session.send(new smpp.PDU(command, fields), resolve));
  }

  private welcome(session: Session): void {
    session.on('error', () => {});
    let boundAs = '';
    for (const command of BINDS) {
      session.on(command, (pdu: Pdu) => {
        this.binds.push(pdu);
        if (this.refuseBinds-- > 0) return void session.send(pdu.response({ command_status: 0x0e }));
        boundAs = command;
        if (command !== 'bind_transmitter') this.receiving = session;
        session.send(pdu.response({ system_id: 'SCRIPTED' }));
      });
    }
    session.on('submit_sm', (pdu: Pdu) => {
      this.submitsVia.push(boundAs);
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
