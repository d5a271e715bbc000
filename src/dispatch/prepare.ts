// Everything between claiming messages and handing them to a route: the suppression list, the contact
// policy (its history read once, the decision made again at hand-over with that moment's clock), the
// recipients' numbers and fields (one read with the suppression list), and the composed text with what
// the evidence ledger commits to. The reads are independent and go together (in parallel over PostgreSQL's pool).
import type { ClaimedReads, DispatchPort } from './ports.ts';
import type { ClaimedMessage, Deferral, HandedOver, MessageOutcome } from '../core/queue.ts';
import type { Vault } from '../core/vault.ts';
import type { Composer } from '../campaign/compose.ts';
import { commitContent } from '../core/evidence/commitment.ts';
import { SUPPRESSED_CODE, SUPPRESSED_REASON } from '../core/inbound/suppressed.ts';
import { withOptOutText } from '../core/policy/opt-out.ts';
import type { PolicyOverrides } from '../core/policy/overrides.ts';
import { contactHistory, decidePolicy, type CampaignPolicy } from './policy-gate.ts';

/** A claimed message ready to go: composed, its number in clear, checked against the policy at `checkedAt`. */
export interface Prepared {
  m: ClaimedMessage;
  to: string;
  text: string;
  linkCode: string | null;
  handedOver: HandedOver;
  /** When it was claimed: its campaign let it go then. */
  claimedAt: number;
  /** The person's earlier contacts as read at the claim, for the decision made again at hand-over. */
  history: readonly number[] | undefined;
}

export interface Campaign {
  template: string | null;
  policy: CampaignPolicy;
}

export interface PrepareDeps {
  store: DispatchPort;
  vault: Vault;
  composer: Composer;
  policyOverrides: PolicyOverrides;
  campaignOf: (id: number) => Promise<Campaign>;
}

/** `read`: what the claim already read of these messages (DispatchPort's claimed.take), else read here. */
export async function prepareClaimed(deps: PrepareDeps, claimed: ClaimedMessage[], t: number, read?: ClaimedReads): Promise<{ ready: Prepared[]; failed: MessageOutcome[]; defer: Deferral[] }> {
  const { store, vault } = deps;
  const [{ blocked, recipients }, history] = await Promise.all([
    // Numbers on the suppression list (opted out after the message was queued) get nothing.
    read ?? store.claimed.read(claimed.map((m) => m.id)),
    contactHistory(store, claimed, deps.policyOverrides, t),
  ]);
  const failed: MessageOutcome[] = [];
  for (const id of blocked) failed.push({ id, kind: 'failed', code: SUPPRESSED_CODE, reason: `${SUPPRESSED_REASON.ja} / ${SUPPRESSED_REASON.en}` });
  if (blocked.size > 0) claimed = claimed.filter((m) => !blocked.has(m.id));
  const { send, defer } = await decidePolicy(claimed, history, async (id) => (await deps.campaignOf(id)).policy, deps.policyOverrides, t);
  const ready: Prepared[] = [];
  for (const m of send) {
    const recipient = recipients.get(m.recipientId);
    const composed = recipient ? await compose(deps, m, recipient.fields) : { ok: false as const, reason: 'recipient missing' };
    if (!recipient || !composed.ok) {
      failed.push({ id: m.id, kind: 'failed', code: 'TODOKU_E_COMPOSE', reason: composed.ok ? 'recipient missing' : composed.reason });
      continue;
    }
    const { text, linkCode } = composed;
    // A test send goes to the organisation's test number instead of the row's.
    const to = m.testToEnc ? vault.decrypt(m.testToEnc) : recipient.phone;
    // For the evidence ledger: what is handed over, committed here while text and number are in clear.
    const handedOver: HandedOver = { textCommitment: commitContent(vault, text).commitment, toCommitment: commitContent(vault, to).commitment };
    ready.push({ m, to, text, linkCode, handedOver, claimedAt: t, history: m.toHash ? history.get(m.toHash) : undefined });
  }
  return { ready, failed, defer };
}

/**
 * The contact policy again, with the clock of the moment of hand-over, over the history read at the
 * claim: a message that waited in the buffer does not cross into quiet hours or a closed day. It can
 * only hold back more than the first decision did, never let more go.
 */
export async function decideAgain(deps: Pick<PrepareDeps, 'campaignOf' | 'policyOverrides'>, batch: readonly Prepared[], t: number): Promise<{ send: Prepared[]; defer: Deferral[] }> {
  const history = new Map<string, readonly number[]>();
  for (const p of batch) if (p.m.toHash && p.history) history.set(p.m.toHash, p.history);
  const { send, defer } = await decidePolicy(batch.map((p) => p.m), history, async (id) => (await deps.campaignOf(id)).policy, deps.policyOverrides, t);
  const going = new Set(send.map((m) => m.id));
  return { send: batch.filter((p) => going.has(p.m.id)), defer };
}

/** A reply carries its own text; a campaign message is rendered from the campaign's frozen template. */
async function compose(deps: PrepareDeps, m: ClaimedMessage, fields: Record<string, string>): Promise<{ ok: true; text: string; linkCode: string | null } | { ok: false; reason: string }> {
  const { composer, vault } = deps;
  const { template, policy } = await deps.campaignOf(m.campaignId);
  if (m.bodyEnc) return { ok: true, text: withOptOutText(vault.decrypt(m.bodyEnc), policy.pack), linkCode: null };
  // A cadence step has a text of its own, or says the campaign's again.
  const source = (m.cadenceStep ? (await deps.store.cadences?.stepTemplate(m.id))?.template : null) ?? template;
  if (source === null) return { ok: false, reason: 'campaign template missing' };
  const linkCode = composer.linkCode(m.id);
  const rendered = composer.render(composer.parse(source), fields, linkCode);
  if (!rendered.ok) return { ok: false, reason: rendered.problems.map((p) => `${p.field}: ${p.reason}`).join(', ') };
  // Packs such as Regulation F require an opt-out instruction in every text.
  return { ok: true, text: withOptOutText(rendered.text, policy.pack), linkCode };
}
