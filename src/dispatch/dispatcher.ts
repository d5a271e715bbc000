// The dispatcher: claims queued messages as the route's window frees up, composes each text, submits
// it, and stores the carriers' answers in batches. Receipts from the route are stored as they come.
// A crash loses nothing: what was claimed and not answered is recovered by `maintenance.ts`.
// It knows storage only through DispatchPort (ports.ts), a route only through its Route interface and
// the flags on its outcome (no protocol codes), and time only through the `now` it is given.
import type { Logger } from '../log.ts';
import type { Route, SubmitOutcome } from '../routes/route.ts';
import type { DispatchPort } from './ports.ts';
import type { ClaimedMessage, HandedOver, MessageOutcome } from '../core/queue.ts';
import type { Vault } from '../core/vault.ts';
import type { Composer } from '../campaign/compose.ts';
import { countSegments } from '../core/segments.ts';
import { toError } from '../core/errors.ts';
import type { RouteHealth } from './health.ts';
import { campaignPolicy } from './policy-gate.ts';
import { decideAgain, prepareClaimed, type Campaign, type Prepared, type PrepareDeps } from './prepare.ts';
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
  private readonly campaigns = new Map<number, Campaign>();
  /** Claimed, checked and composed, waiting for a free slot in the window. */
  private ready: Prepared[] = [];
  private refilling: Promise<void> | null = null;
  /** No claim before this instant (performance.now()): the queue was empty, the second's budget spent, or a claim failed. */
  private quietUntil = 0;

  constructor(private readonly deps: DispatcherDeps) {
    this.prepareDeps = { store: deps.store, vault: deps.vault, composer: deps.composer, policyOverrides: deps.policyOverrides ?? {}, campaignOf: (id) => this.campaignOf(id) };
  }

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
    await this.refilling;
    await this.releaseReady();
    const deadline = this.deps.now() + 10_000;
    while (this.outstanding > 0 && this.deps.now() < deadline) await sleep(20);
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.flush();
  }

  /** Called when a campaign starts sending, so an idle dispatcher does not wait for its next look. */
  poke(): void {
    this.quietUntil = 0;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { route } = this.deps;
    while (this.running) {
      // An unhealthy route steps aside only if another can take over: alone, it keeps trying.
      if ((!this.deps.health.healthy() && this.deps.hasAlternative?.()) || this.deps.standBy?.() || !route.ready()) {
        // What it claimed ahead is for whichever route (or worker) can send it now.
        await this.releaseReady();
        await this.idle(route.ready() ? 200 : 5);
        continue;
      }
      const free = route.window - this.outstanding;
      // Refill every freed slot at once, from messages already claimed and composed: a window left short
      // stops our writes (and, with nothing outgoing to carry our ACK, the SMSC's Nagle holds its answers
      // behind the kernel's 40 ms delayed ACK); waiting for a claim's round trips leaves it short.
      if (free > 0 && this.ready.length > 0) {
        await this.handOver(this.ready.splice(0, free));
        continue;
      }
      // Claim what can go now, and up to `ahead` more to wait in memory while the window is full; once
      // half of that has gone, not for every slot answered (a claim per answer is a dozen statements a window).
      const want = Math.max(0, free) + this.ahead() - this.ready.length;
      const worth = this.ready.length === 0 || want >= this.ahead() / 2;
      if (want > 0 && worth && this.refilling === null && performance.now() >= this.quietUntil) this.refill(want);
      await this.idle(this.refilling === null && free > 0 ? Math.max(1, Math.min(this.quietUntil - performance.now(), this.deps.idleMs ?? 200)) : 5);
    }
  }

  /**
   * How many claimed messages may wait in memory beyond the window: one window's worth, so a freed slot
   * never waits for the database. A crash makes their fate as uncertain as the window's own (SIGKILLed,
   * they are recovered as 'unconfirmed' with what was on the wire), so no more. A paced route claims only
   * what its budget of the second allows now.
   */
  private ahead(): number {
    return this.deps.ratePerSecond === null ? this.deps.route.window : 0;
  }

  /** One claim at a time, in the background: claimed, checked and composed messages join `ready`. */
  private refill(want: number): void {
    const { store, route, workerId, now } = this.deps;
    this.refilling = (async () => {
      try {
        let n = want;
        if (this.deps.ratePerSecond !== null) {
          const t = now();
          n = await store.pacing.take(route.name, Math.floor(t / 1000), n, this.deps.ratePerSecond);
          if (n === 0) {
            this.quietUntil = performance.now() + 1000 - (t % 1000);
            return;
          }
        }
        // Claimed and read in one round trip where the store can (PostgreSQL), else the read follows.
        const taken = store.claimed.take ? await store.claimed.take(workerId, n, this.deps.profile, route.name) : null;
        const claimed = taken ? taken.messages : await store.messages.claim(workerId, n, this.deps.profile, route.name);
        if (claimed.length === 0) {
          this.quietUntil = performance.now() + (this.deps.idleMs ?? 200);
          return;
        }
        const { ready, failed, defer } = await prepareClaimed(this.prepareDeps, claimed, now(), taken ?? undefined);
        this.ready.push(...ready);
        if (failed.length > 0) {
          this.outcomes.push(...failed);
          this.scheduleFlush();
        }
        await store.messages.defer(workerId, defer);
      } catch (err) {
        this.deps.log.error({ err: toError(err) }, 'claim failed');
        this.quietUntil = performance.now() + 1000;
      } finally {
        this.refilling = null;
        this.wake?.();
      }
    })();
  }

  /**
   * Hands prepared messages to the route. One that waited in memory longer than RECHECK_MS is sent only if
   * its campaign still lets it go (paused or cancelled meanwhile: back to the queue); every one is
   * checked against the contact policy again with this moment's clock.
   */
  private async handOver(batch: Prepared[]): Promise<void> {
    const { store, workerId, now } = this.deps;
    try {
      const t = now();
      const waited = batch.filter((p) => t - p.claimedAt > RECHECK_MS).map((p) => p.m.id);
      if (waited.length > 0) {
        const may = await store.messages.stillMayGo(workerId, waited);
        const stopped = waited.filter((id) => !may.has(id));
        if (stopped.length > 0) {
          await store.messages.release(workerId, stopped);
          const gone = new Set(stopped);
          batch = batch.filter((p) => !gone.has(p.m.id));
        }
      }
      const { send, defer } = await decideAgain(this.prepareDeps, batch, now());
      await store.messages.defer(workerId, defer);
      for (const p of send) this.submit(p);
    } catch (err) {
      this.deps.log.error({ err: toError(err) }, 'handing over claimed messages failed');
      this.ready.unshift(...batch);
      await this.idle(1000);
    }
  }

  /** Claimed messages not handed over go back to the queue (stopping, or the route stepping aside). */
  private async releaseReady(): Promise<void> {
    if (this.ready.length === 0) return;
    const batch = this.ready;
    this.ready = [];
    try {
      await this.deps.store.messages.release(this.deps.workerId, batch.map((p) => p.m.id));
    } catch (err) {
      // Left 'submitting' under this worker's id: recovered as any claim of a stopped worker is.
      this.deps.log.error({ err: toError(err), count: batch.length }, 'releasing claimed messages failed');
    }
  }

  private submit(p: Prepared): void {
    const { vault, route, sender } = this.deps;
    const { m, to, text, linkCode, handedOver } = p;
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

  private readonly prepareDeps: PrepareDeps;

  /** A campaign's frozen template and policy, read once per process (they don't change once sending). */
  private async campaignOf(campaignId: number): Promise<Campaign> {
    let c = this.campaigns.get(campaignId);
    if (!c) {
      const row = await this.deps.store.campaigns.byId(campaignId);
      c = { template: row?.sent_template || null, policy: campaignPolicy({ time_zone: row?.time_zone ?? null, policy_pack: row?.policy_pack ?? null }) };
      if (row?.sent_template) this.campaigns.set(campaignId, c);
    }
    return c;
  }

  /**
   * Carriers' answers are written within GATHER_MS (at once when a window's worth is waiting): until then
   * a crash would leave the message's fate uncertain. Answers that arrive meanwhile, or while a write is
   * running, go together in the next one: a statement per answer costs the database and the worker more
   * than the answers themselves.
   */
  private flushScheduled: NodeJS.Timeout | null = null;
  private scheduleFlush(): void {
    if (this.flushScheduled && this.outcomes.length < this.deps.route.window) return;
    if (this.flushScheduled) clearTimeout(this.flushScheduled);
    this.flushScheduled = setTimeout(
      () => {
        this.flushScheduled = null;
        void this.flush();
      },
      this.outcomes.length >= this.deps.route.window ? 0 : GATHER_MS,
    );
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

/**
 * How long carriers' answers (and receipts, receipts.ts) gather before they are written together: a timer
 * rather than the next turn of the event loop, whose batches of two or three made a statement (a socket
 * write the worker pays for in the kernel) per couple of messages. bench/scale-out.ts, worker CPU per
 * message: next turn 1.1-1.7 ms over six runs, a 1 ms timer 0.86-1.04 over four (3 ms measured alike).
 */
export const GATHER_MS = 1;

/** A message claimed longer ago than this is sent only once its campaign is seen still sending. */
const RECHECK_MS = 200;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
