// Ambient types for node-smpp 0.5.1 (CommonJS, untyped): only what the route and the simulator use.
// Message bodies are typed as raw Buffers because wire.ts turns off the library's own text decoding.

declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** Fields to put in a PDU: SMPP parameter and TLV names as in the specification. */
  export type PduFields = Record<string, string | number | Buffer | undefined>;

  export interface Pdu {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    system_id?: string;
    password?: string;
    system_type?: string;
    interface_version?: number;
    message_id?: string;
    service_type?: string;
    source_addr_ton?: number;
    source_addr_npi?: number;
    source_addr?: string;
    dest_addr_ton?: number;
    dest_addr_npi?: number;
    destination_addr?: string;
    esm_class?: number;
    registered_delivery?: number;
    /** Decoded by node-smpp into the moment it ends (a relative time counts from decoding). */
    validity_period?: Date | string;
    data_coding?: number;
    /** Raw bytes (UDH included) once wire.ts is loaded. */
    short_message?: Buffer;
    message_payload?: Buffer;
    receipted_message_id?: string;
    message_state?: number;
    user_message_reference?: number;
    sar_msg_ref_num?: number;
    sar_total_segments?: number;
    sar_segment_seqnum?: number;
    network_error_code?: Buffer;
    isResponse(): boolean;
    response(fields?: PduFields): Pdu;
  }

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    /** Returns false (and never calls back) when the socket is no longer writable. */
    send(pdu: Pdu, onResponse?: (response: Pdu) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
  }

  interface MessageFilter {
    encode(this: Pdu, value: unknown): unknown;
    decode(this: Pdu, value: unknown, skipUdh?: boolean): unknown;
  }

  interface NodeSmpp {
    PDU: new (command: string, fields?: PduFields) => Pdu;
    connect(options: { host: string; port: number }): Session;
    createServer(listener: (session: Session) => void): Server;
    filters: { message: MessageFilter };
  }

  const smpp: NodeSmpp;
  export default smpp;
}
