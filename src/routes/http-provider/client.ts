// The HTTP provider route (Twilio's Messages API shape), fulfilling the Route interface: each submit is
// one POST, at most `window` at once. A 429 (or a full queue) pauses the whole route for Retry-After and
// sends the message again while throttleWaitMs allows; 5xx and lost answers are handed back as retries,
// told apart by whether the request may have reached the provider; refusals with a Twilio code fail
// with that code. Status callbacks and inbound webhooks reach the route through the callback registry
// (registry.ts) and are checked here: signature, account, signed timestamp, then the ledger (ledger.ts
// says what "stale" means).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../log.ts';
import type { OutboundSms, Route, RouteEvents, SubmitOutcome } from '../route.ts';
import { Window } from '../smpp/window.ts';
import { sendMessage, type SendAnswer } from './api-client.ts';
import { checkCallback, readInbound, readStatusCallback, refuse } from './callbacks.ts';
import { callbackPath, httpProviderConfigSchema, type HttpProviderConfig, type HttpProviderOptions } from './config.ts';
import { SidLedger } from './ledger.ts';
import type { CallbackRequest, CallbackResult, ProviderCallbackTarget, ProviderRouteRegistry } from './registry.ts';
import { outcomeForError, pauseFor, type Refusal } from './status.ts';
import { WriteTracker } from './written.ts';
import { TodokuError } from '../../core/errors.ts';
import { twilioValiditySeconds } from '../delivery-window.ts';

export interface HttpProviderDeps {
  log?: Logger;
  /** Where the callback endpoints find the route: it registers on start and leaves once closed. */
  callbacks?: ProviderRouteRegistry;
  /** Epoch ms. */
  now?: () => number;
}

const retry = (code: string, reason: string, flag?: 'answerLost' | 'held'): Refusal => ({ kind: 'retry', code, reason, ...(flag ? { [flag]: true } : {}) });

export class HttpProviderRoute implements Route, ProviderCallbackTarget {
  readonly name: string;
  readonly window: number;
  private readonly config: HttpProviderConfig;
  private readonly slots: Window;
  private readonly writes = new WriteTracker();
  private readonly ledger: SidLedger;
  private readonly now: () => number;
  private events: RouteEvents | null = null;
  private unregister: (() => void) | null = null;
  /** Send requests on the wire (or connecting). */
  private readonly requests = new Set<Promise<SendAnswer>>();
  private pausedUntil = 0;
  /** What a submit that cannot wait out the pause is told. */
  private pauseOutcome: Refusal = retry('HTTP_429', 'paused by the provider');
  private closing = false;
  private done = false;
  private closed: Promise<void> | undefined;
  /** Ends waits at once on close; requests are aborted only after the drain. */
  private readonly stopWaits = new AbortController();
  private readonly abortRequests = new AbortController();

  constructor(
    options: HttpProviderOptions,
    private readonly deps: HttpProviderDeps = {},
  ) {
    this.config = httpProviderConfigSchema.parse(options);
    this.name = this.config.name;
    this.window = this.config.window;
    this.slots = new Window(this.config.window);
    this.now = deps.now ?? Date.now;
    const limits = { ttlMs: this.config.ledgerTtlMs, maxEntries: this.config.ledgerMaxEntries, now: this.now };
    this.ledger = deps.callbacks ? deps.callbacks.ledger(this.name, limits) : new SidLedger(limits);
  }

  /** The StatusCallback URL given with every send. */
  get statusCallbackUrl(): string {
    return this.config.publicBaseUrl + callbackPath(this.name, 'status');
  }

  /** Where the provider should post replies (set it as the number's incoming-message webhook). */
  get inboundUrl(): string {
    return this.config.publicBaseUrl + callbackPath(this.name, 'inbound');
  }

  inflight(): number {
    return this.requests.size;
  }

  ready(): boolean {
    return this.events !== null && !this.closing && this.now() >= this.pausedUntil;
  }

  /** Nothing to connect: an HTTP route is ready once it knows where receipts and replies go. */
  async start(events: RouteEvents): Promise<void> {
    if (this.events) throw new Error(`route ${this.name} already started`);
    this.events = events;
    this.unregister = this.deps.callbacks?.register(this) ?? null;
  }

  async submit(sms: OutboundSms): Promise<SubmitOutcome> {
    if (this.closing) return retry('CLOSING', 'route is closing', 'held');
    if (!this.events) return retry('NOT_STARTED', 'route not started');
    const length = [...sms.text].length;
    if (length > this.config.maxLength) {
      return {
        kind: 'failed',
        code: 'TODOKU_E_TEXT_TOO_LONG',
        reason: `text too long for this route (${length} > ${this.config.maxLength} characters) / 本文がこの経路には長すぎます（${length}文字、上限${this.config.maxLength}文字）`,
      };
    }
    if (!(await this.slots.acquire())) return retry('CLOSING', 'route is closing', 'held');
    try {
      return await this.send(sms);
    } finally {
      this.slots.release();
    }
  }

  /** Stops taking submits, lets outstanding requests finish (bounded by drainTimeoutMs), then aborts the rest. */
  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  async handleStatus(request: CallbackRequest): Promise<CallbackResult> {
    const events = this.eventsOrRefuse();
    const now = this.now();
    checkCallback(this.config, { ...request, url: this.config.publicBaseUrl + request.path }, now);
    const callback = readStatusCallback(request.params, new Date(now));
    let judgement = this.ledger.judge(callback.sid, callback.status, callback.to);
    if (judgement.verdict === 'stale' && judgement.why === 'unknown' && this.requests.size > 0) {
      // The callback may have overtaken the answer to its own send: let the sends in flight finish.
      await Promise.race([Promise.allSettled([...this.requests]), sleep(this.config.unknownSidWaitMs, undefined, { ref: false })]);
      judgement = this.ledger.judge(callback.sid, callback.status, callback.to);
    }
    if (judgement.verdict === 'stale') {
      this.deps.log?.warn({ route: this.name, sid: callback.sid, why: judgement.why }, 'stale status callback refused');
      throw refuse.stale(judgement.why === 'unknown' ? 'unknown MessageSid' : `status ${callback.status} after ${judgement.why === 'regressed' ? 'a later one' : 'a final one'}`);
    }
    if (judgement.verdict === 'repeat') return 'repeat';
    await events.receipt(callback.receipt);
    this.ledger.accept(callback.sid, callback.status, callback.to, judgement.adopted);
    return 'stored';
  }

  async handleInbound(request: CallbackRequest): Promise<CallbackResult> {
    const events = this.eventsOrRefuse();
    const now = this.now();
    checkCallback(this.config, { ...request, url: this.config.publicBaseUrl + request.path }, now);
    const { sid, sms } = readInbound(request.params, new Date(now));
    if (!this.ledger.firstInbound(sid)) return 'repeat';
    try {
      await events.inbound(sms);
    } catch (err) {
      this.ledger.forgetInbound(sid);
      throw err;
    }
    return 'stored';
  }

  /** Callbacks are taken until the route has closed: receipts for what it sent still matter while it drains. */
  private eventsOrRefuse(): RouteEvents {
    if (this.events && !this.done) return this.events;
    throw new TodokuError('TODOKU_E_ROUTE_NOT_READY', { ja: `経路 ${this.name} は現在受け付けていません`, en: `route ${this.name} is not running` });
  }

  /** One message: sent, and sent again after a pause while the provider asks to slow down and time remains. */
  private async send(sms: OutboundSms): Promise<SubmitOutcome> {
    const deadline = this.now() + this.config.throttleWaitMs;
    for (;;) {
      const wait = this.pausedUntil - this.now();
      if (wait > 0) {
        if (this.now() + wait > deadline) return this.pauseOutcome;
        if (!(await this.waitFor(wait))) return retry('CLOSING', 'route is closing', 'held');
      }
      if (this.closing) return retry('CLOSING', 'route is closing', 'held');
      const answer = await this.request(sms);
      if (answer.kind === 'lost') {
        // It may be at the provider already: its callback (To number, unknown SID) will be adopted.
        if (answer.code !== 'NOT_SENT') this.ledger.expectLostAnswer(sms.to);
        // NOT_SENT never left this machine: a plain retry. The others may have reached the provider.
        return retry(answer.code, answer.reason, answer.code === 'NOT_SENT' ? undefined : 'answerLost');
      }
      const { httpStatus, sid, errorCode } = answer;
      if (httpStatus >= 200 && httpStatus < 300 && sid !== undefined) {
        const status = answer.status ?? 'queued';
        if (status === 'failed' || status === 'undelivered') return outcomeForError(httpStatus, errorCode, answer.errorMessage);
        return { kind: 'accepted', smscId: sid };
      }
      const outcome = outcomeForError(httpStatus, errorCode, answer.errorMessage);
      const pause = pauseFor(errorCode, httpStatus);
      if (pause) this.pause(pause, answer.retryAfterMs, outcome);
      if (pause === 'slow' && outcome.kind === 'retry' && !this.closing && this.pausedUntil <= deadline) continue;
      return outcome;
    }
  }

  private request(sms: OutboundSms): Promise<SendAnswer> {
    const form = new URLSearchParams({ To: sms.to, Body: sms.text, StatusCallback: this.statusCallbackUrl });
    if (this.config.messagingServiceSid) form.set('MessagingServiceSid', this.config.messagingServiceSid);
    else form.set('From', this.config.sender ?? sms.from);
    // Always sent: the provider's own default (Twilio: 10 h) must agree with how long we wait for its receipt.
    form.set('ValidityPeriod', String(twilioValiditySeconds(this.config)));
    const request = {
      baseUrl: this.config.baseUrl,
      accountSid: this.config.accountSid,
      authToken: this.config.authToken,
      form,
      timeoutMs: this.config.requestTimeoutMs,
      signal: this.abortRequests.signal,
    };
    // The SID is remembered before the request counts as finished: a callback waiting for the sends in
    // flight (handleStatus) then finds it.
    const answered = sendMessage(request, this.writes).then((answer) => {
      if (answer.kind === 'answer' && answer.sid !== undefined && answer.httpStatus >= 200 && answer.httpStatus < 300) {
        this.ledger.remember(answer.sid, answer.status ?? 'queued');
      }
      return answer;
    });
    this.requests.add(answered);
    return answered.finally(() => this.requests.delete(answered));
  }

  private pause(kind: 'slow' | 'route', retryAfterMs: number | undefined, outcome: Refusal): void {
    const ms =
      kind === 'route'
        ? Math.max(this.config.credentialsPauseMs, retryAfterMs ?? 0)
        : Math.min(retryAfterMs ?? this.config.retryAfterDefaultMs, this.config.retryAfterMaxMs);
    const until = this.now() + ms;
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      this.pauseOutcome = outcome;
      if (kind === 'route') this.deps.log?.error({ route: this.name, code: outcome.code, pauseMs: ms }, 'provider refused the route settings; paused');
      else this.deps.log?.warn({ route: this.name, code: outcome.code, pauseMs: ms }, 'provider asked to slow down; paused');
    }
  }

  /** Resolves true after `ms`, or false at once when the route closes. */
  private async waitFor(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.stopWaits.signal });
      return true;
    } catch {
      return false;
    }
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.slots.close();
    this.stopWaits.abort();
    const deadline = Date.now() + this.config.drainTimeoutMs;
    while (this.requests.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.allSettled([...this.requests]), sleep(Math.max(1, deadline - Date.now()), undefined, { ref: false })]);
    }
    this.abortRequests.abort();
    await Promise.allSettled([...this.requests]);
    this.writes.close();
    this.done = true;
    this.unregister?.();
  }
}
