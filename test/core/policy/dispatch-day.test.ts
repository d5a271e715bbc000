// A simulated evening of dispatch against the policy with a fake clock: the dispatcher asks at each tick
// and retries deferred messages at the instant the policy gave.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideContact } from '../../../src/core/policy/decide.ts';
import { JP_MONEY_LENDING } from '../../../src/core/policy/packs.ts';
import { localParts } from '../../../src/core/policy/time.ts';

const jst = (local: string): number => Date.parse(`${local.replace(' ', 'T')}+09:00`);

class FakeClock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advanceTo(ms: number): void {
    this.ms = Math.max(this.ms, ms);
  }
}

interface Queued {
  id: number;
  due: number;
}

/** Inserts keeping the queue ordered by due time (deferred messages mostly land at the end). */
function enqueue(queue: Queued[], item: Queued): void {
  let i = queue.length;
  while (i > 0 && (queue[i - 1]?.due ?? 0) > item.due) i--;
  queue.splice(i, 0, item);
}

test('10,000 messages scheduled from 20:59: none leave between 21:00 and 08:00, all leave from 08:00', () => {
  const MESSAGES = 10_000;
  const start = jst('2026-01-09 20:59');
  const clock = new FakeClock(start);
  // Spread over two minutes, 12 ms apart: half are due before 21:00.
  const queue: Queued[] = Array.from({ length: MESSAGES }, (_, id) => ({ id, due: start + id * 12 }));
  const sentAt = new Map<number, number>();
  const deferredUntil = new Set<number>();
  let decisions = 0;

  // The dispatcher polls once a second, or jumps ahead to the next due message when idle.
  while (queue.length > 0) {
    const nowMs = clock.now().getTime();
    while (queue.length > 0 && (queue[0]?.due ?? Infinity) <= nowMs) {
      const item = queue.shift()!;
      const d = decideContact({ now: clock.now(), timeZone: 'Asia/Tokyo', pack: JP_MONEY_LENDING, history: [] });
      decisions++;
      if (d.action === 'send') {
        assert.ok(!sentAt.has(item.id), 'sent once');
        sentAt.set(item.id, nowMs);
      } else {
        assert.ok(d.until.getTime() > nowMs);
        deferredUntil.add(d.until.getTime());
        enqueue(queue, { id: item.id, due: d.until.getTime() });
      }
    }
    const next = queue[0]?.due;
    if (next !== undefined) clock.advanceTo(Math.max(nowMs + 1000, Math.ceil(next / 1000) * 1000));
  }

  assert.equal(sentAt.size, MESSAGES);
  const times = [...sentAt.values()];
  for (const t of times) {
    const hour = localParts(new Date(t), 'Asia/Tokyo').hour;
    assert.ok(hour >= 8 && hour < 21, `sent at ${new Date(t).toISOString()}`);
  }
  // The last poll before 21:00 is at 20:59:59; messages due after it are asked at 21:00:00 and wait.
  const evening = Array.from({ length: MESSAGES }, (_, id) => start + id * 12).filter((due) => due <= jst('2026-01-09 20:59:59')).length;
  assert.equal(evening, 4_917);
  assert.equal(times.filter((t) => t < jst('2026-01-09 21:00')).length, evening);
  assert.equal(times.filter((t) => t === jst('2026-01-10 08:00')).length, MESSAGES - evening);
  assert.deepEqual([...deferredUntil], [jst('2026-01-10 08:00')]);
  // Each message was asked about at most twice: once in the evening, once at 08:00.
  assert.equal(decisions, MESSAGES + (MESSAGES - evening));
});
