// The simulator's knobs: everything that can be changed while it runs (latency, refusals, throttling,
// receipt timing and outcomes, disconnects, replies), as one zod schema with its defaults. The API, the
// CLI and the environment (TODOKU_SIMULATOR_*) all go through it.
import { z } from 'zod';
import { statusByName } from '../smpp/status.ts';

/** Stat words a simulated receipt can carry. */
export const STAT_WORDS = ['DELIVRD', 'UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED', 'ACCEPTD', 'ENROUTE', 'UNKNOWN'] as const;
export type StatWord = (typeof STAT_WORDS)[number];

/** Replies a recipient might send back (canned list for moRate). */
export const CANNED_REPLIES = ['支払いました', '来週払います', '停止', '誰ですか？'];

const share = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(86_400_000);
const weights = z.number().min(0);
const replyText = z.string().min(1).max(1_000);

export const simulatorSettingsSchema = z.object({
  /** Time before answering each submit_sm, plus up to `submitLatencyJitterMs` at random. */
  submitLatencyMs: ms.describe('submit_sm_resp delay (ms)'),
  submitLatencyJitterMs: ms.describe('extra random submit_sm_resp delay, 0..N ms'),
  /** Share of submits refused, and with which command_status (names weighted). */
  refuseRate: share.describe('share of submit_sm refused (0..1)'),
  refuseStatuses: z
    .record(z.string(), weights)
    .refine((r) => Object.keys(r).length > 0 && Object.values(r).some((w) => w > 0), 'at least one status with a weight above 0')
    .refine((r) => Object.keys(r).every((name) => statusByName(name) !== undefined), 'unknown SMPP status name')
    .describe('command_status names → weights, e.g. {"ESME_RSYSERR":1,"ESME_RINVDSTADR":1}'),
  /** Above this many accepted submits per second (over all sessions), answer ESME_RTHROTTLED; 0: never. */
  throttleAbove: z.number().int().min(0).describe('submits per second above which ESME_RTHROTTLED is answered; 0 = never'),
  receiptDelayMs: ms.describe('delay before a delivery receipt (ms)'),
  receiptDelayJitterMs: ms.describe('extra random receipt delay, 0..N ms'),
  /** The outcome mix of receipts, stat word → share (normalised). */
  outcomes: z
    .partialRecord(z.enum(STAT_WORDS), weights)
    .refine((r) => Object.values(r).some((w) => (w ?? 0) > 0), 'at least one outcome with a share above 0')
    .describe('receipt stat word → share, e.g. {"DELIVRD":0.9,"UNDELIV":0.1}'),
  /** The err: code written in receipts for each stat word; '000' for words not listed. */
  errorCodes: z.partialRecord(z.enum(STAT_WORDS), z.string().regex(/^[0-9A-Za-z]{1,3}$/)).describe('receipt err: code per stat word'),
  receiptsAs: z.enum(['deliver_sm', 'data_sm']).describe('the PDU receipts travel in'),
  /** Send the receipt (and wait for its acknowledgement) before the submit_sm_resp: the race real SMSCs produce. */
  receiptBeforeResponse: z.boolean().describe('deliver the receipt before answering the submit'),
  /** Share of submits after which the connection is dropped, the message accepted but its answer never sent. */
  disconnectRate: share.describe('share of submit_sm after which the connection is dropped before the answer'),
  /** Share of delivered messages that get a reply from the canned list, moDelayMs after delivery. */
  moRate: share.describe('share of delivered messages that get a reply'),
  moDelayMs: ms.describe('delay from delivery to the reply (ms)'),
  moTexts: z.array(replyText).min(1).describe('canned replies, picked at random'),
  /** Scripted replies per recipient number: one per delivered message to it, in order. */
  moScript: z.record(z.string().regex(/^\+?\d{6,15}$/), z.array(replyText)).describe('number → replies, one per delivered message'),
});

export type SimulatorSettings = z.output<typeof simulatorSettingsSchema>;
export const simulatorSettingsPatchSchema = simulatorSettingsSchema.partial().strict();
export type SimulatorSettingsPatch = z.output<typeof simulatorSettingsPatchSchema>;

export function defaultSettings(): SimulatorSettings {
  return {
    submitLatencyMs: 0,
    submitLatencyJitterMs: 0,
    refuseRate: 0,
    refuseStatuses: { ESME_RSUBMITFAIL: 1 },
    throttleAbove: 0,
    receiptDelayMs: 200,
    receiptDelayJitterMs: 0,
    outcomes: { DELIVRD: 1 },
    errorCodes: { UNDELIV: '001', EXPIRED: '002', REJECTD: '003', DELETED: '004' },
    receiptsAs: 'deliver_sm',
    receiptBeforeResponse: false,
    disconnectRate: 0,
    moRate: 0,
    moDelayMs: 1_000,
    moTexts: [...CANNED_REPLIES],
    moScript: {},
  };
}

/**
 * Reads `NAME=weight,NAME=weight` (or a bare `NAME`, weight 1) as used by the CLI and the environment:
 * `DELIVRD=0.9,UNDELIV=0.1`, `ESME_RSUBMITFAIL`. Throws a RangeError naming the bad item.
 */
export function parseShares(text: string): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name = '', weight = '1', ...rest] = item.split('=').map((s) => s.trim());
    const value = Number(weight);
    if (!/^[A-Z_]+$/i.test(name) || rest.length > 0 || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`「${item}」は NAME=数値 の形ではありません / "${item}" is not NAME=number`);
    }
    shares[name.toUpperCase()] = value;
  }
  if (Object.keys(shares).length === 0) throw new RangeError('空です / empty');
  return shares;
}

/** Picks a key with probability proportional to its weight; `random` in [0, 1). */
export function pickWeighted<K extends string>(weights: Partial<Record<K, number>>, random: number): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let point = random * total;
  for (const [key, w] of entries) {
    if (point < w) return key;
    point -= w;
  }
  return (entries.findLast(([, w]) => w > 0) ?? entries[0] ?? ['' as K])[0];
}
