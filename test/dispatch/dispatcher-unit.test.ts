// The dispatcher on its own: an in-memory queue behind its port, a scripted route, a clock we set. No
// sockets, no database — what it claims, what it hands the store, and when it holds back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Dispatcher } from '../../src/dispatch/dispatcher.ts';
import { RouteHealth } from '../../src/dispatch/health.ts';
import type { DispatchPort } from '../../src/dispatch/ports.ts';
import type { ClaimedMessage, Deferral, MessageOutcome } from '../../src/core/queue.ts';
import type { OutboundSms, Route, SubmitOutcome } from '../../src/routes/route.ts';
import type { Vault } from '../../src/core/vault.ts';
import { createComposer } from '../../src/campaign/compose.ts';
import { commitContent } from '../../src/core/evidence/commitment.ts';
import { createLogger } from '../../src/log.ts';

/** 2026-04-01 12:00 in Tokyo: daytime, outside the quiet hours of the default (Japanese) pack. */
const NOON_TOKYO = Date.parse('2026-04-01T03:00:00Z');
/** 23:00 in Tokyo: inside the quiet hours (21:00–08:00). */
const NIGHT_TOKYO = Date.parse('2026-04-01T14:00:00Z');

const vault: Vault = {
  encrypt: (plain) => `sealed:${plain}`,
  decrypt: (sealed) => sealed.slice('sealed:'.length),
  blindIndex: (value) => `hash:${value}`,
  derive: (_purpose, value, bytes) => Buffer.alloc(bytes, Number(value) % 256),
};

/** The queue as the dispatcher sees it, in memory: due messages are claimed oldest first. */
class FakeQueue implements DispatchPort {
  readonly queued: ClaimedMessage[] = [];
  readonly claims: number[] = [];
  readonly recorded: MessageOutcome[] = [];
  readonly deferred: Deferral[] = [];
  readonly released: number[] = [];
  /** Ids whose campaign was paused or cancelled after they were claimed. */
  readonly stopped = new Set<number>();
  readonly paced: { second: number; wanted: number }[] = [];
  /** Sends already granted per second (epoch seconds), as the shared rate-limit row counts them. */
  readonly used = new Map<number, number>();

  constructor(count: number) {
    for (let id = 1; id <= count; id++) this.queued.push({ id, campaignId: 1, recipientId: id, attempts: 1, bodyEnc: null, toHash: `hash:${id}` });
  }

  messages = {
    claim: async (_workerId: string, limit: number) => {
      this.claims.push(limit);
      return this.queued.splice(0, limit);
    },
    defer: async (_workerId: string, items: readonly Deferral[]) => {
      this.deferred.push(...items);
    },
    release: async (_workerId: string, ids: readonly number[]) => {
      this.released.push(...ids);
    },
    stillMayGo: async (_workerId: string, ids: readonly number[]) => new Set(ids.filter((id) => !this.stopped.has(id))),
    record: async (_workerId: string, outcomes: readonly MessageOutcome[]) => {
      this.recorded.push(...outcomes);
    },
    recentContacts: async () => new Map<string, number[]>(),
  };
  pacing = {
    take: async (_route: string, second: number, wanted: number, limit: number) => {
      this.paced.push({ second, wanted });
      const granted = Math.max(0, Math.min(wanted, limit - (this.used.get(second) ?? 0)));
      this.used.set(second, (this.used.get(second) ?? 0) + granted);
      return granted;
    },
  };
  /** Each message's recipient has its id (FakeQueue makes them so); nobody is on the suppression list. */
  claimed = {
    read: async (ids: readonly number[]) => ({
      blocked: new Set<number>(),
      recipients: new Map(ids.map((id) => [id, { phone: `+8190000000${String(id).padStart(2, '0')}`, fields: { name: `人${id}` } }])),
    }),
  };
  campaigns = { byId: async () => ({ sent_template: '{{name}}様 お知らせです', time_zone: 'Asia/Tokyo', policy_pack: 'jp_money_lending' }) };
}

/** A route whose answers the test decides: each submit waits until `answer` settles it (or answers at once with `auto`). */
class ScriptedRoute implements Route {
  readonly name = 'fake';
  readonly submitted: OutboundSms[] = [];
  private readonly waiting: { sms: OutboundSms; resolve(o: SubmitOutcome): void }[] = [];
  maxInflight = 0;

  constructor(
    readonly window: number,
    private readonly auto: ((sms: OutboundSms) => SubmitOutcome) | null = null,
  ) {}

  inflight(): number {
    return this.waiting.length;
  }
  ready(): boolean {
    return true;
  }
  async start(): Promise<void> {}
  async close(): Promise<void> {}

  submit(sms: OutboundSms): Promise<SubmitOutcome> {
    this.submitted.push(sms);
    if (this.auto) return Promise.resolve(this.auto(sms));
    return new Promise((resolve) => {
      this.waiting.push({ sms, resolve });
      this.maxInflight = Math.max(this.maxInflight, this.waiting.length);
    });
  }

  /** Answers every waiting submit. */
  answerAll(outcome: (sms: OutboundSms) => SubmitOutcome): void {
    for (const w of this.waiting.splice(0)) w.resolve(outcome(w.sms));
  }
}

function dispatcher(queue: FakeQueue, route: Route, clock: { now: number }, extra: { ratePerSecond?: number; health?: RouteHealth } = {}) {
  return new Dispatcher({
    store: queue,
    vault,
    composer: createComposer(vault, () => 'https://t.example/l'),
    route,
    profile: 'default',
    ratePerSecond: extra.ratePerSecond ?? null,
    health: extra.health ?? new RouteHealth(() => clock.now),
    workerId: 'w1',
    sender: 'TODOKU',
    log: createLogger('silent'),
    now: () => clock.now,
    idleMs: 5,
    flushMs: 5,
  });
}

async function until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  const deadline = performance.now() + 3_000;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const accepted = (sms: OutboundSms): SubmitOutcome => ({ kind: 'accepted', smscId: `smsc-${sms.ref}` });

test('it fills the route window and claims one window more ahead, no further; the rest once answers free slots', async () => {
  const queue = new FakeQueue(20);
  const route = new ScriptedRoute(4);
  const d = dispatcher(queue, route, { now: NOON_TOKYO });
  d.start();
  await until('a full window on the wire', () => route.inflight() === 4);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(route.submitted.length, 4, 'nothing more goes while the window is full');
  assert.deepEqual(queue.claims, [8], 'the window, and one window waiting in memory');
  route.answerAll(accepted);
  // The freed slots are refilled from memory at once, and the next window claimed behind them.
  await until('the waiting window on the wire', () => route.submitted.length === 8);
  await until('the next window claimed ahead', () => queue.claims.length === 2);
  assert.deepEqual(queue.claims, [8, 4]);
  while (route.submitted.length < 20 || route.inflight() > 0) {
    route.answerAll(accepted);
    await new Promise((r) => setTimeout(r, 2));
  }
  await d.stop();
  assert.ok(route.maxInflight <= 4, `never more than the window in flight (saw ${route.maxInflight})`);
  assert.ok(queue.claims.every((limit) => limit <= 8));
  assert.equal(queue.recorded.length, 20);
  assert.deepEqual(queue.released, []);
});

test('a message claimed ahead whose campaign was paused while it waited goes back to the queue, not to the carrier', async () => {
  const queue = new FakeQueue(4);
  const clock = { now: NOON_TOKYO };
  const route = new ScriptedRoute(2);
  const d = dispatcher(queue, route, clock);
  d.start();
  await until('a full window on the wire', () => route.inflight() === 2);
  await until('two more waiting', () => queue.claims.length === 1);
  queue.stopped.add(3).add(4);
  clock.now += 1_000;
  route.answerAll(accepted);
  await until('the waiting two released', () => queue.released.length === 2);
  await d.stop();
  assert.deepEqual(route.submitted.map((s) => s.ref), ['1', '2']);
  assert.deepEqual(queue.released.sort(), [3, 4]);
});

test('a message claimed ahead at 20:59:59 that would go at 21:00:01 is held back by the quiet hours', async () => {
  const queue = new FakeQueue(2);
  const clock = { now: Date.parse('2026-04-01T11:59:59Z') };
  const route = new ScriptedRoute(1);
  const d = dispatcher(queue, route, clock);
  d.start();
  await until('one on the wire', () => route.inflight() === 1);
  clock.now += 2_000;
  route.answerAll(accepted);
  await until('the waiting one deferred', () => queue.deferred.length === 1);
  await d.stop();
  assert.deepEqual(route.submitted.map((s) => s.ref), ['1']);
  assert.equal(queue.deferred[0]?.id, 2);
  assert.equal(queue.deferred[0]?.code, 'POLICY_QUIET_HOURS');
});

test('stopping releases what was claimed ahead and writes what is on the wire', async () => {
  const queue = new FakeQueue(10);
  const route = new ScriptedRoute(3);
  const d = dispatcher(queue, route, { now: NOON_TOKYO });
  d.start();
  await until('a full window on the wire', () => route.inflight() === 3);
  await until('a window waiting', () => queue.claims.length === 1);
  const stopped = d.stop();
  await until('the waiting window released', () => queue.released.length === 3);
  route.answerAll(accepted);
  await stopped;
  assert.deepEqual(queue.released.sort(), [4, 5, 6]);
  assert.deepEqual(queue.recorded.map((o) => o.id).sort(), [1, 2, 3]);
  assert.equal(route.submitted.length, 3);
});

test('accepted submits are written to the store with the carrier id, the route, the sealed text, the part count and the commitments to text and number', async () => {
  const queue = new FakeQueue(2);
  const route = new ScriptedRoute(10, accepted);
  const d = dispatcher(queue, route, { now: NOON_TOKYO });
  d.start();
  await until('both outcomes recorded', () => queue.recorded.length === 2);
  await d.stop();
  const first = queue.recorded.find((o) => o.id === 1);
  assert.deepEqual(first && { ...first, linkCode: typeof (first as { linkCode?: unknown }).linkCode }, {
    id: 1,
    kind: 'accepted',
    smscId: 'smsc-1',
    partIds: undefined,
    route: 'fake',
    bodyEnc: 'sealed:人1様 お知らせです',
    linkCode: 'string',
    parts: 1,
    // For the evidence ledger: committed where the text and the number are in clear.
    textCommitment: commitContent(vault, '人1様 お知らせです').commitment,
    toCommitment: commitContent(vault, '+819000000001').commitment,
  });
  assert.equal(route.submitted[0]?.to, '+819000000001');
  assert.equal(route.submitted[0]?.from, 'TODOKU');
});

test('a throttled submit is retried later without counting against the route; a lost answer waits as unconfirmed', async () => {
  const queue = new FakeQueue(2);
  const clock = { now: NOON_TOKYO };
  // One refusal would make the route step aside: neither of these may count as one.
  const health = new RouteHealth(() => clock.now, 1, 60_000);
  const route = new ScriptedRoute(10, (sms) =>
    sms.ref === '1'
      ? { kind: 'retry', code: 'SLOW_DOWN', reason: 'carrier asked to slow down', throttled: true }
      : { kind: 'retry', code: 'LOST', reason: 'connection lost before the answer', answerLost: true },
  );
  const d = dispatcher(queue, route, clock, { health });
  d.start();
  await until('both outcomes recorded', () => queue.recorded.length === 2);
  await d.stop();
  const byId = new Map(queue.recorded.map((o) => [o.id, o]));
  assert.deepEqual(byId.get(1), { id: 1, kind: 'retry', code: 'SLOW_DOWN', reason: 'carrier asked to slow down', attempts: 1, route: 'fake' });
  const lost = byId.get(2);
  assert.equal(lost?.kind, 'unconfirmed', 'not re-sent at once: the carrier may have it');
  assert.equal(lost?.kind === 'unconfirmed' && lost.bodyEnc, 'sealed:人2様 お知らせです');
  assert.ok(health.healthy());
});

test('a plain transient refusal is retried and counts against the route; a permanent one fails the message', async () => {
  const queue = new FakeQueue(2);
  const clock = { now: NOON_TOKYO };
  const health = new RouteHealth(() => clock.now, 1, 60_000);
  const route = new ScriptedRoute(10, (sms) =>
    sms.ref === '1' ? { kind: 'retry', code: 'BUSY', reason: 'carrier busy' } : { kind: 'failed', code: 'BAD_NUMBER', reason: 'invalid destination' },
  );
  const d = dispatcher(queue, route, clock, { health });
  d.start();
  await until('both outcomes recorded', () => queue.recorded.length === 2);
  await d.stop();
  const byId = new Map(queue.recorded.map((o) => [o.id, o]));
  assert.deepEqual(byId.get(1), { id: 1, kind: 'retry', code: 'BUSY', reason: 'carrier busy', attempts: 1, route: 'fake' });
  assert.deepEqual(byId.get(2), { id: 2, kind: 'failed', code: 'BAD_NUMBER', reason: 'invalid destination', bodyEnc: 'sealed:人2様 お知らせです', route: 'fake' });
  assert.equal(health.healthy(), false, 'the refusal made the route step aside');
  clock.now += 60_000;
  assert.ok(health.healthy(), 'and the clock brings it back');
});

test('at 23:00 by the clock nothing goes out: the messages are held back until 08:00 in the recipients\' zone', async () => {
  const queue = new FakeQueue(3);
  const route = new ScriptedRoute(10, accepted);
  const d = dispatcher(queue, route, { now: NIGHT_TOKYO });
  d.start();
  await until('three deferrals', () => queue.deferred.length === 3);
  await d.stop();
  assert.equal(route.submitted.length, 0);
  assert.equal(queue.recorded.length, 0);
  for (const item of queue.deferred) {
    assert.equal(item.code, 'POLICY_QUIET_HOURS');
    assert.equal(new Date(item.until).toISOString(), '2026-04-01T23:00:00.000Z', '08:00 the next morning in Tokyo');
  }
});

test('the rate limit is counted per second of the clock: a used-up second sends nothing until the clock moves on', async () => {
  const queue = new FakeQueue(3);
  const clock = { now: NOON_TOKYO + 990 };
  const second = Math.floor(clock.now / 1000);
  queue.used.set(second, 1);
  const route = new ScriptedRoute(10, accepted);
  const d = dispatcher(queue, route, clock, { ratePerSecond: 1 });
  d.start();
  await until('a look at the budget', () => queue.paced.length > 1);
  assert.ok(queue.paced.every((p) => p.second === second));
  assert.deepEqual(queue.claims, [], 'no budget, no claim');
  clock.now += 1_000;
  await until('one message out', () => queue.recorded.length > 0);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(route.submitted.length, 1, 'one per second, and the clock has not moved again');
  clock.now += 1_000;
  await until('the next one', () => queue.recorded.length > 1);
  await d.stop();
  assert.equal(route.submitted.length, 2);
  assert.deepEqual(queue.claims, [1, 1]);
});
