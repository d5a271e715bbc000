// The contact decision at dispatch time, as a pure function of the clock reading it is given: send now, or
// wait until a permitted instant (after quiet hours, closed days and frequency caps). A message is never
// dropped by the policy; the returned instant is itself permitted, so dispatch can simply retry then.
import type { Bilingual } from '../errors.ts';
import { capHit } from './caps.ts';
import { closedDay, nextOpenDay } from './days.ts';
import type { PolicyOverrides, EffectivePolicy } from './overrides.ts';
import { effectivePolicy, policyProblems } from './overrides.ts';
import type { PolicyPack } from './packs.ts';
import { alsoAvoidingNote, capMessage, closedDayMessage, quietHoursMessage } from './reasons.ts';
import type { Waiting } from './reasons.ts';
import { dayOpening, inQuietHours, quietHoursEnd } from './quiet-hours.ts';
import { formatLocal, localParts, localToInstant, nextLocalTime } from './time.ts';

export interface ContactInput {
  now: Date;
  /** The recipient's IANA time zone (pack.defaultTimeZone when unknown); an unknown name throws RangeError. */
  timeZone: string;
  pack: PolicyPack;
  /** This person's earlier contacts, from any campaign or channel. */
  history: readonly Date[];
  overrides?: PolicyOverrides;
}

export type DeferCode = 'quiet_hours' | 'holiday' | 'frequency_cap';

export type ContactDecision =
  | { action: 'send' }
  | { action: 'defer'; until: Date; reason: { code: DeferCode; message: Bilingual } };

/** What stops a contact at one instant, when it lifts, and how to say so once the final wait is known. */
interface Blocker {
  code: DeferCode;
  until: Date;
  describe: (w: Waiting) => Bilingual;
}

// Each step moves strictly forward past one obstacle; a few hundred cover any sane policy and history.
const MAX_STEPS = 1000;

function blockerAt(at: Date, policy: EffectivePolicy, timeZone: string, history: readonly number[]): Blocker | undefined {
  const local = localParts(at, timeZone);
  const closed = closedDay(local.date, policy);
  if (closed) {
    const open = nextOpenDay(local.date, policy);
    const until = nextLocalTime(localToInstant(open, '00:00', timeZone), dayOpening(policy.quietHours), timeZone);
    return { code: 'holiday', until, describe: (w) => closedDayMessage(local.date, closed, w) };
  }
  const quiet = policy.quietHours;
  if (quiet && inQuietHours(local, quiet)) {
    const clock = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
    return { code: 'quiet_hours', until: quietHoursEnd(at, quiet, timeZone), describe: (w) => quietHoursMessage(clock, quiet, w) };
  }
  const hit = capHit(at.getTime(), policy.caps, history);
  if (hit) return { code: 'frequency_cap', until: hit.until, describe: (w) => capMessage(hit, w) };
  return undefined;
}

export function decideContact(input: ContactInput): ContactDecision {
  const { now, timeZone } = input;
  if (!Number.isFinite(now.getTime())) throw new RangeError('decideContact: now is not a valid date');
  const policy = effectivePolicy(input.pack, input.overrides);
  const problems = policyProblems(policy);
  // Edges validate settings with policyProblems before saving; reaching here with a bad one is a bug.
  if (problems.length > 0) throw new RangeError(`contact policy ${policy.id}: ${problems.map((p) => p.en).join('; ')}`);
  const history = input.history.map((d) => d.getTime()).filter(Number.isFinite).sort((a, b) => a - b);

  let at = now;
  let first: Blocker | undefined;
  const later = new Set<DeferCode>();
  for (let step = 0; step < MAX_STEPS; step++) {
    const blocker = blockerAt(at, policy, timeZone, history);
    if (!blocker) {
      if (!first) return { action: 'send' };
      const said = first.describe({ untilLocal: formatLocal(at, timeZone), timeZone });
      later.delete(first.code);
      const note = alsoAvoidingNote([...later]);
      const message = { ja: said.ja + note.ja, en: said.en + note.en };
      return { action: 'defer', until: at, reason: { code: first.code, message } };
    }
    if (first) later.add(blocker.code);
    first ??= blocker;
    at = blocker.until;
  }
  throw new Error(`contact policy ${policy.id} found no permitted instant after ${now.toISOString()} in ${MAX_STEPS} steps`);
}
