// An HTTP provider route's settings (Twilio's Messages API shape): one zod schema with every default in
// it, parsed once in the route's constructor. The same schema reads a route's stored JSON settings.
import { z } from 'zod';
import { deliveryWindowFields } from '../delivery-window.ts';

const ms = z.number().int().min(0);
/** An absolute http(s) URL without a trailing slash, so paths can be appended as they are. */
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .transform((u) => u.replace(/\/+$/, ''));

export const httpProviderConfigSchema = z
  .object({
    name: z.string().min(1).max(64),
    /** Where the Messages API lives: Twilio itself, or the built-in simulator (`<our server>/sim/twilio`). */
    baseUrl: baseUrl.default('https://api.twilio.com'),
    accountSid: z.string().min(1),
    authToken: z.string().min(1),
    /** The route's 発信番号 (From). When unset and no messagingServiceSid either, each message's own `from`. */
    sender: z.string().min(1).max(32).optional(),
    /** Send through a Messaging Service (its sender pool) instead of a From number. */
    messagingServiceSid: z.string().min(1).optional(),
    /**
     * This server as the provider reaches it, e.g. https://todoku.example.jp. Status callbacks are asked
     * for at `${publicBaseUrl}/hooks/providers/<name>/status`, and signatures are checked against it.
     */
    publicBaseUrl: baseUrl,
    /** Most send requests outstanding at once. */
    window: z.number().int().min(1).max(1000).default(10),
    /** How long one send request may take, from connecting to the whole answer. */
    requestTimeoutMs: ms.min(100).default(15_000),
    /** How long a message refused with 429 is held and sent again before it is handed back as a retry. */
    throttleWaitMs: ms.default(30_000),
    /** A 429 or 503 without Retry-After pauses the route this long; a Retry-After is honoured up to the cap. */
    retryAfterDefaultMs: ms.default(1_000),
    retryAfterMaxMs: ms.default(60_000),
    /** Wrong credentials or account (20003, 20404) pause the route this long instead of failing messages. */
    credentialsPauseMs: ms.default(30_000),
    /** Longest text in characters (code points); the provider splits it into parts. Twilio's limit is 1600. */
    maxLength: z.number().int().min(1).max(10_000).default(1600),
    /** Twilio's ValidityPeriod in seconds (1–36000); unset: validityMinutes, capped at Twilio's 36,000 s (10 h). */
    validityPeriodSeconds: z.number().int().min(1).max(36_000).optional(),
    ...deliveryWindowFields,
    /** Replay window for X-Todoku-Timestamp (the simulator signs one): older or further ahead is stale. */
    callbackMaxAgeMs: ms.min(1_000).default(5 * 60_000),
    /** Reject callbacks without X-Todoku-Timestamp (sensible when baseUrl is the simulator). */
    requireTimestamp: z.boolean().default(false),
    /** A status callback for a MessageSid not yet known waits this long for send answers still in flight. */
    unknownSidWaitMs: ms.default(2_000),
    /** How long sent MessageSids are remembered for callbacks; longer than the provider's 10-hour validity. */
    ledgerTtlMs: ms.min(60_000).default(24 * 60 * 60_000),
    ledgerMaxEntries: z.number().int().min(1_000).default(1_000_000),
    /** close(): how long to wait for outstanding requests before aborting them. */
    drainTimeoutMs: ms.default(5_000),
  })
  .refine((c) => !(c.sender && c.messagingServiceSid), {
    message: 'set sender or messagingServiceSid, not both',
    path: ['messagingServiceSid'],
  });

/** What callers write: defaults may be left out. */
export type HttpProviderOptions = z.input<typeof httpProviderConfigSchema>;
export type HttpProviderConfig = z.output<typeof httpProviderConfigSchema>;

/** The path (under publicBaseUrl) where a route's callbacks arrive. */
export function callbackPath(route: string, kind: 'status' | 'inbound'): string {
  return `/hooks/providers/${encodeURIComponent(route)}/${kind}`;
}
