// TODOKU_SIMULATOR_* environment variables: the starting values of the simulator's knobs (each can be
// changed later while it runs, through PUT /api/v1/simulator/settings or `todoku simulator settings`).
// config.ts spreads this schema into its own, so a wrong value stops start-up naming the variable.
import { z } from 'zod';
import { parseShares, simulatorSettingsSchema, type SimulatorSettingsPatch } from './settings.ts';

const flag = z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no']).transform((v) => ['1', 'true', 'on', 'yes'].includes(v));
const ms = z.coerce.number().int().min(0).max(86_400_000);
const share = z.coerce.number().min(0).max(1);

/** `NAME=weight,…` read by parseShares, then checked like the knob itself. */
function sharesOf<T>(knob: z.ZodType<T, Record<string, number>>) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return parseShares(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .pipe(knob);
}

const knobs = simulatorSettingsSchema.shape;

export const simulatorEnvSchema = z.object({
  TODOKU_SIMULATOR_LATENCY_MS: ms.optional(),
  TODOKU_SIMULATOR_LATENCY_JITTER_MS: ms.optional(),
  TODOKU_SIMULATOR_REFUSE_RATE: share.optional(),
  /** e.g. ESME_RSUBMITFAIL, or ESME_RSYSERR=1,ESME_RINVDSTADR=1 */
  TODOKU_SIMULATOR_REFUSE_STATUS: sharesOf(knobs.refuseStatuses).optional(),
  TODOKU_SIMULATOR_THROTTLE_ABOVE: z.coerce.number().int().min(0).optional(),
  /** e.g. DELIVRD=0.9,UNDELIV=0.1 */
  TODOKU_SIMULATOR_OUTCOMES: sharesOf(knobs.outcomes).optional(),
  TODOKU_SIMULATOR_RECEIPTS_AS: knobs.receiptsAs.optional(),
  TODOKU_SIMULATOR_RECEIPT_BEFORE_RESPONSE: flag.optional(),
  TODOKU_SIMULATOR_DISCONNECT_RATE: share.optional(),
  TODOKU_SIMULATOR_MO_RATE: share.optional(),
});

export type SimulatorEnv = z.output<typeof simulatorEnvSchema>;

/** The knobs the environment sets; the others keep their defaults. */
export function simulatorSettingsFromEnv(e: SimulatorEnv): SimulatorSettingsPatch {
  const patch: SimulatorSettingsPatch = {
    submitLatencyMs: e.TODOKU_SIMULATOR_LATENCY_MS,
    submitLatencyJitterMs: e.TODOKU_SIMULATOR_LATENCY_JITTER_MS,
    refuseRate: e.TODOKU_SIMULATOR_REFUSE_RATE,
    refuseStatuses: e.TODOKU_SIMULATOR_REFUSE_STATUS,
    throttleAbove: e.TODOKU_SIMULATOR_THROTTLE_ABOVE,
    outcomes: e.TODOKU_SIMULATOR_OUTCOMES,
    receiptsAs: e.TODOKU_SIMULATOR_RECEIPTS_AS,
    receiptBeforeResponse: e.TODOKU_SIMULATOR_RECEIPT_BEFORE_RESPONSE,
    disconnectRate: e.TODOKU_SIMULATOR_DISCONNECT_RATE,
    moRate: e.TODOKU_SIMULATOR_MO_RATE,
  };
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as SimulatorSettingsPatch;
}
