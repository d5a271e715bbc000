// An SMPP route's settings: one zod schema, with every default in it. Parsed once, in the constructor.
import { z } from 'zod';
import { deliveryWindowFields } from '../delivery-window.ts';

const ton = z.number().int().min(0).max(6);
const npi = z.number().int().min(0).max(18);
const ms = z.number().int().min(0);

export const smppRouteConfigSchema = z.object({
  name: z.string().min(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  systemId: z.string().min(1).max(15),
  password: z.string().max(8),
  systemType: z.string().max(12).default(''),
  /** source_addr of every submit (the route's 発信番号); when unset, each message's own `from`. */
  sender: z.string().min(1).max(20).optional(),
  /** Unset: 1/1 for '+' numbers, 5/0 for alphanumeric senders, 0/1 for other digits. */
  sourceTon: ton.optional(),
  sourceNpi: npi.optional(),
  /** 1: international digits (819012345678); 2: national ones (09012345678), for carriers that want them. */
  destTon: ton.default(1),
  destNpi: npi.default(1),
  /** Reads and writes national numbers (TON 2, or TON 0 with a leading 0): 81 for Japan. */
  countryCode: z.string().regex(/^[1-9]\d{0,2}$/).default('81'),
  /** One transceiver bind, or a transmitter and a receiver (two sessions) for carriers that require it. */
  bindMode: z.enum(['transceiver', 'transmitter_receiver']).default('transceiver'),
  /**
   * How a text longer than one SMS travels: parts with an 8-bit or 16-bit UDH reference, parts with
   * sar_* TLVs, or whole in one message_payload TLV (Japanese domestic long SMS, up to 660 characters).
   */
  concatenation: z.enum(['udh8', 'udh16', 'sar', 'payload']).default('udh8'),
  /** Longest text in characters (code points); longer ones fail. Unset: 660 with 'payload', else 255 parts. */
  maxLength: z.number().int().min(1).max(10_000).optional(),
  /** Most messages being submitted at once (each holds one slot until its last part is answered). */
  window: z.number().int().min(1).max(1000).default(10),
  /** A ceiling on submit_sm per second; unset: none until the SMSC throttles. */
  maxSubmitsPerSecond: z.number().positive().optional(),
  /** ESME_RTHROTTLED / ESME_RMSGQFUL halve the send rate, never below this. */
  minSubmitsPerSecond: z.number().positive().default(1),
  /** After a cut, the rate climbs back to where it was in this many seconds. */
  throttleRecoverySeconds: z.number().positive().default(10),
  /** How long a message refused for throttling is held and resubmitted before it is handed back as a retry. */
  throttleWaitMs: ms.default(30_000),
  enquireLinkMs: ms.min(1000).default(30_000),
  /** How long a submit or an enquire_link may wait for its answer. */
  responseTimeoutMs: ms.min(100).default(30_000),
  bindTimeoutMs: ms.min(100).default(10_000),
  reconnectMinMs: ms.min(1).default(250),
  reconnectMaxMs: ms.min(1).default(30_000),
  /** close(): how long to wait for outstanding answers before dropping the connection. */
  drainTimeoutMs: ms.default(5_000),
  /** 'decimal' for carriers that answer submits in hex but write receipts' `id:` in decimal. */
  smscIdFormat: z.enum(['same', 'decimal']).default('same'),
  /** The offset of the carrier's clock from UTC in minutes; receipt dates carry no zone. */
  receiptUtcOffsetMinutes: z.number().int().min(-720).max(840).default(0),
  /** validity_period of every submit_sm (relative time), and what to do when an answer is lost. */
  ...deliveryWindowFields,
});

/** What callers write: defaults may be left out. */
export type SmppRouteOptions = z.input<typeof smppRouteConfigSchema>;
export type SmppRouteConfig = z.output<typeof smppRouteConfigSchema>;

/** TON/NPI for a source address when the config does not fix them. */
export function sourceAddressType(addr: string, config: Pick<SmppRouteConfig, 'sourceTon' | 'sourceNpi'>): { ton: number; npi: number } {
  const guess = addr.startsWith('+') ? { ton: 1, npi: 1 } : /^\d+$/.test(addr) ? { ton: 0, npi: 1 } : { ton: 5, npi: 0 };
  return { ton: config.sourceTon ?? guess.ton, npi: config.sourceNpi ?? guess.npi };
}
