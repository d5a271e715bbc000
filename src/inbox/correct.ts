// An operator corrects a reply's intent (the rules misread it). The rule's own tag is kept beside the
// correction; correcting to opt-out does what an opt-out word would have done.
import type { Intent } from '../core/inbound/intent-rules.ts';
import type { StoredInbound } from '../store/inbound.ts';
import type { InboxDeps } from './deps.ts';
import { inboundNotFound, promisedDateWithoutPromise } from './errors.ts';
import { optOutNumber } from './opt-out.ts';

export interface CorrectionInput {
  inboundId: number;
  intent: Intent;
  /** 'YYYY-MM-DD', for a promise. */
  promisedDate?: string | undefined;
  actor: string;
}

export async function correctIntent(deps: InboxDeps, input: CorrectionInput): Promise<{ inbound: StoredInbound; confirmationId: number | null }> {
  const { store } = deps;
  if (input.promisedDate !== undefined && input.intent !== 'promise') throw promisedDateWithoutPromise();
  const current = await store.inbound.byId(input.inboundId);
  if (!current) throw inboundNotFound(input.inboundId);
  const updated = (await store.inbound.correct(input.inboundId, {
    intent: input.intent,
    ...(input.promisedDate === undefined ? {} : { promisedDate: input.promisedDate }),
    actor: input.actor,
    at: deps.now(),
  }))!;
  await store.audit.append({
    actor: input.actor,
    action: 'inbound.intent',
    target: `inbound:${input.inboundId}`,
    details: { from: current.intent, to: input.intent, rule: current.tag.rule, ruleIntent: current.tag.intent },
  });
  let confirmationId: number | null = null;
  if (input.intent === 'opt_out' && !current.optOut) {
    confirmationId = (await optOutNumber(deps, { phone: current.phone, source: 'operator', actor: input.actor, inboundId: current.id })).confirmationId;
  }
  return { inbound: updated, confirmationId };
}
