// The fake HTTP provider's knobs (what can change while it runs), as one zod schema with its defaults:
// callback timing, the outcome mix and error codes of status callbacks, shares of sends answered 429 or
// 500, numbers refused with a Twilio error code, and replies.
import { z } from 'zod';
import { CANNED_REPLIES } from './settings.ts';

export const PROVIDER_OUTCOMES = ['delivered', 'undelivered', 'failed'] as const;
export type ProviderOutcome = (typeof PROVIDER_OUTCOMES)[number];

const share = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(86_400_000);
const twilioCode = z.number().int().min(10_000).max(99_999);

export const httpProviderSimSettingsSchema = z.object({
  /** Delay before each status callback: 'sent', then the outcome. */
  callbackDelayMs: ms.describe('delay before each status callback (ms)'),
  /** Final status mix (weights, normalised). */
  outcomes: z
    .partialRecord(z.enum(PROVIDER_OUTCOMES), z.number().min(0))
    .refine((r) => Object.values(r).some((w) => (w ?? 0) > 0), 'at least one outcome with a share above 0')
    .describe('final status → share, e.g. {"delivered":0.9,"undelivered":0.1}'),
  /** ErrorCode sent with each non-delivered outcome. */
  errorCodes: z.partialRecord(z.enum(['undelivered', 'failed']), twilioCode).describe('Twilio ErrorCode per outcome'),
  /** Share of sends answered 429 (with Retry-After: retryAfterSeconds). */
  rateLimitShare: share.describe('share of sends answered 429'),
  retryAfterSeconds: z.number().int().min(0).max(3600).describe('Retry-After of a 429 (seconds)'),
  /** Share of sends answered 500. */
  serverErrorShare: share.describe('share of sends answered 500'),
  /** To number → Twilio error code the send is refused with (HTTP 400), e.g. {"+819000000000":21610}. */
  refuse: z.record(z.string().regex(/^\+\d{6,15}$/), twilioCode).describe('To number → Twilio error code answered at once'),
  /** Share of delivered messages answered by the recipient, replyDelayMs after delivery. */
  replyShare: share.describe('share of delivered messages that get a reply'),
  replyDelayMs: ms.describe('delay from delivery to the reply (ms)'),
  replyTexts: z.array(z.string().min(1).max(1_600)).min(1).describe('canned replies, picked at random'),
  /** Where replies are posted (a number's "a message comes in" webhook); unset: no replies. */
  inboundUrl: z.url().optional().describe('webhook URL for replies'),
  /** Sign and send X-Todoku-Timestamp with every post; off: exactly what Twilio sends. */
  signTimestamps: z.boolean().describe('add a signed X-Todoku-Timestamp header'),
});

export type HttpProviderSimSettings = z.output<typeof httpProviderSimSettingsSchema>;
export const httpProviderSimSettingsPatchSchema = httpProviderSimSettingsSchema.partial().strict();
export type HttpProviderSimSettingsPatch = z.input<typeof httpProviderSimSettingsPatchSchema>;

export function defaultHttpProviderSimSettings(): HttpProviderSimSettings {
  return {
    callbackDelayMs: 50,
    outcomes: { delivered: 1 },
    errorCodes: { undelivered: 30003, failed: 30008 },
    rateLimitShare: 0,
    retryAfterSeconds: 1,
    serverErrorShare: 0,
    refuse: {},
    replyShare: 0,
    replyDelayMs: 200,
    replyTexts: [...CANNED_REPLIES],
    signTimestamps: true,
  };
}
