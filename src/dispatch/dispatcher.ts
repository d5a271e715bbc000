// The dispatcher: claims queued messages as the route's window frees up, composes each text, submits
// it, and stores the carriers' answers in batches. Receipts from the route are stored as they come.
// A crash loses nothing: what was claimed and not answered is recovered by `maintenance.ts`.
// It knows storage only through DispatchPort (ports.ts), a route only through its Route interface and
// the flags on its outcome (no protocol codes), and time only through the `now` it is given.
import type { Logger } from '../log.ts';
import type { Route, SubmitOutcome } from '../routes/route.ts';
import type { DispatchPort } from './ports.ts';
import type { ClaimedMessage, HandedOver, MessageOutcome } from '../core/queue.ts';
import { commitContent } from '../core/evidence/commitment.ts';
import type { Vault } from '../core/vault.ts';
import type { Composer } from '../campaign/compose.ts';
import { countSegments } from '../core/segments.ts';
import { toError } from '../core/errors.ts';
import { SUPPRESSED_CODE, SUPPRESSED_REASON } from '../core/inbound/suppressed.ts';
import type { RouteHealth } from './health.ts';
import { applyPolicy, campaignPolicy, type CampaignPolicy } from './policy-gate.ts';
import { withOptOutText } from '../core/policy/opt-out.ts';
import type { PolicyOverrides } from '../core/policy/overrides.ts';

export interface DispatcherDeps {
  store: DispatchPort;
  vault: Vault;
  composer: Composer;
  route: Route;
  /** Sender profile: campaigns of this profile are what this route carries. */
  profile: string;
  /** Messages per second across every worker process, or null for as fast as the window allows. */
  ratePerSecond: number | null;
  health: RouteHealth;
  /** True while a preferred route of the same profile is healthy: this one then stands by. */
  standBy?: () => boolean;
  /** True when another route of the same profile could take the traffic if this one steps aside. */
  hasAlternative?: () => boolean;
  workerId: string;
  sender: string;
  log: Logger;
  /** Organisation-wide additions to every campaign's policy pack (frequency caps, closed dates). */
  policyOverrides?: PolicyOverrides;
  /** The one clock (epoch ms): pacing seconds, the contact policy's "now", the stop deadline. */
  now: () => number;
  /** How often an idle dispatcher looks for work. */
  idleMs?: number;
  /** Outcomes are written at least this often. */
  flushMs?: number;
  /** Counts each submit and times the route's answer (/metrics). */
  metrics?: { submitted(route: string, outcome: SubmitOutcome['kind'], seconds: number): void };
}

export class Dispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private outstanding = 0;
  private outcomes: MessageOutcome[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly campaigns = new Map<number, { template: string | null; policy: CampaignPolicy }>();

  constructor(private readonly deps: DispatcherDeps) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.flushTimer = setInterval(() => void this.flush(), this.deps.flushMs ?? 50);
    this.loop = this.run().catch((err) => this.deps.log.error({ err: toError(err) }, 'dispatcher stopped on an error'));
  }

  /** Stops claiming, waits for answers to what is outstanding, writes them. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    const deadline = this.deps.now() + 10_000;
    while (this.outstanding > 0 && this.deps.now() < deadline) await sleep(20);
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.flush();
  }

  /** Called when a campaign starts sending, so an idle dispatcher does not wait for its next look. */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { route, store, workerId } = this.deps;
    while (this.running) {
      // An unhealthy route steps aside only if another can take over: alone, it keeps trying.
      if ((!this.deps.health.healthy() && this.deps.hasAlternative?.()) || this.deps.standBy?.()) {
        await this.idle(200);
        continue;
      }
      let free = route.ready() ? route.window - this.outstanding : 0;
      // Claim only what can go on the wire now: a claimed message is one whose fate a crash makes uncertain.
      // But refill every freed slot at once: a window left short stops our writes, and with nothing
      // outgoing to carry our ACK the SMSC's Nagle holds its answers behind the kernel's 40 ms delayed ACK.
      // Batches stay large where it matters: slots freed while one claim runs go together in the next.
      if (free <= 0) {
        await this.idle(5);
        continue;
      }
      let claimed: ClaimedMessage[];
      try {
        if (this.deps.ratePerSecond !== null) {
          const t = this.deps.now();
          free = await store.pacing.take(route.name, Math.floor(t / 1000), free, this.deps.ratePerSecond);
          if (free === 0) {
            await this.idle(1000 - (t % 1000));
            continue;
          }
        }
        claimed = await store.messages.claim(workerId, free, this.deps.profile, this.deps.route.name);
      } catch (err) {
        this.deps.log.error({ err: toError(err) }, 'claim failed');
        await this.idle(1000);
        continue;
      }
      if (claimed.length === 0) {
        await this.idle(this.deps.idleMs ?? 200);
        continue;
      }
      await this.submitAll(claimed);
    }
  }

  private async submitAll(claimed: ClaimedMessage[]): Promise<void> {
    const { store, vault, route, sender, workerId, now } = this.deps;
    // Numbers on the suppression list (opted out after the message was queued) get nothing: one query per batch.
    const blocked = await store.suppressions.blockedMessages(claimed.map((m) => m.id));
    for (const id of blocked) this.outcomes.push({ id, kind: 'failed', code: SUPPRESSED_CODE, reason: `${SUPPRESSED_REASON.ja} / ${SUPPRESSED_REASON.en}` });
    if (blocked.size > 0) claimed = claimed.filter((m) => !blocked.has(m.id));
    const { send, defer } = await applyPolicy(store, claimed, async (id) => (await this.campaignOf(id)).policy, this.deps.policyOverrides ?? {}, now());
    await store.messages.defer(workerId, defer);
    const recipients = await store.recipients.byIds(send.map((m) => m.recipientId));
    for (const m of send) {
      const recipient = recipients.get(m.recipientId);
      const composed = recipient ? await this.compose(m, recipient.fields) : { ok: false as const, reason: 'recipient missing' };
      if (!recipient || !composed.ok) {
        this.outcomes.push({ id: m.id, kind: 'failed', code: 'TODOKU_E_COMPOSE', reason: composed.ok ? 'recipient missing' : composed.reason });
        continue;
      }
      const { text, linkCode } = composed;
      // A test send goes to the organisation's test number instead of the row's.
      const to = m.testToEnc ? vault.decrypt(m.testToEnc) : recipient.phone;
      // For the evidence ledger: what is handed over, committed here while text and number are in clear.
      const handedOver: HandedOver = { textCommitment: commitContent(vault, text).commitment, toCommitment: commitContent(vault, to).commitment };
      this.outstanding++;
      const started = performance.now();
      route
        .submit({ ref: String(m.id), to, from: sender, text })
        .catch((err): SubmitOutcome => ({ kind: 'retry', code: 'ROUTE_ERROR', reason: toError(err).message }))
        .then((outcome) => {
          this.outstanding--;
          this.deps.metrics?.submitted(route.name, outcome.kind, (performance.now() - started) / 1000);
          if (outcome.kind === 'accepted') this.deps.health.accepted();
          else if (outcome.kind === 'retry' && !saysNothingOfHealth(outcome)) this.deps.health.refused();
          this.outcomes.push(toStoredOutcome(m, outcome, route.name, vault.encrypt(text), linkCode, countSegments(text).parts, handedOver));
          this.scheduleFlush();
          this.wake?.();
        });
    }
  }

  /** A reply carries its own text; a campaign message is rendered from the campaign's frozen template. */
  private async compose(m: ClaimedMessage, fields: Record<string, string>): Promise<{ ok: true; text: string; linkCode: string | null } | { ok: false; reason: string }> {
    const { composer, vault } = this.deps;
    const { template, policy } = await this.campaignOf(m.campaignId);
    if (m.bodyEnc) return { ok: true, text: withOptOutText(vault.decrypt(m.bodyEnc), policy.pack), linkCode: null };
    // A cadence step has a text of its own, or says the campaign's again.
    const source = (m.cadenceStep ? (await this.deps.store.cadences?.stepTemplate(m.id))?.template : null) ?? template;
    if (source === null) return { ok: false, reason: 'campaign template missing' };
    const linkCode = composer.linkCode(m.id);
    const rendered = composer.render(composer.parse(source), fields, linkCode);
    if (!rendered.ok) return { ok: false, reason: rendered.problems.map((p) => `${p.field}: ${p.reason}`).join(', ') };
    // Packs such as Regulation F require an opt-out instruction in every text.
    return { ok: true, text: withOptOutText(rendered.text, policy.pack), linkCode };
  }

  /** A campaign's frozen template and policy, read once per process (they don't change once sending). */
  private async campaignOf(campaignId: number): Promise<{ template: string | null; policy: CampaignPolicy }> {
    let c = this.campaigns.get(campaignId);
    if (!c) {
      const row = await this.deps.store.campaigns.byId(campaignId);
      c = { template: row?.sent_template || null, policy: campaignPolicy({ time_zone: row?.time_zone ?? null, policy_pack: row?.policy_pack ?? null }) };
      if (row?.sent_template) this.campaigns.set(campaignId, c);
    }
    return c;
  }

  /**
   * Carriers' answers are written as soon as possible: until then a crash would leave the message's
   * fate uncertain. Answers that arrive while a write is running go together in the next one.
   */
  private flushScheduled = false;
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush();
    });
  }

  /** Writes collected outcomes; one write at a time, in order. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.outcomes.length === 0) return;
      const batch = this.outcomes;
      this.outcomes = [];
      try {
        await this.deps.store.messages.record(this.deps.workerId, batch);
      } catch (err) {
        this.deps.log.error({ err: toError(err), count: batch.length }, 'recording outcomes failed; will retry');
        this.outcomes = batch.concat(this.outcomes);
      }
    });
    return this.flushing;
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}

/** Retries that say nothing about the carrier's health: pacing, a lost answer, a route that held it back itself. */
function saysNothingOfHealth(o: Extract<SubmitOutcome, { kind: 'retry' }>): boolean {
  return o.throttled === true || o.answerLost === true || o.held === true;
}

function toStoredOutcome(m: ClaimedMessage, o: SubmitOutcome, route: string, bodyEnc: string, linkCode: string | null, parts: number, handedOver: HandedOver): MessageOutcome {
  switch (o.kind) {
    case 'accepted':
      return { id: m.id, kind: 'accepted', smscId: o.smscId, partIds: o.partIds, route, bodyEnc, linkCode, parts, ...handedOver };
    case 'retry':
      // Re-sending at once could deliver it twice: wait for a late receipt first (see store/queue/reconcile-unconfirmed.ts).
      if (o.answerLost) return { id: m.id, kind: 'unconfirmed', code: o.code, reason: o.reason, route, bodyEnc, linkCode, parts, ...handedOver };
      return { id: m.id, kind: 'retry', code: o.code, reason: o.reason, attempts: m.attempts, route };
    case 'failed':
      return { id: m.id, kind: 'failed', code: o.code, reason: o.reason, bodyEnc, route };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
