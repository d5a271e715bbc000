// The delivery loop against a real SQLite store with a scripted receiver and a fake clock: an endpoint
// that never accepts is tried 12 times, further apart each time, then the delivery is failed; what
// was signed verifies with the subscription's secret.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { createTestDb, type TestDb } from '../support/db.ts';
import { createWebhookService } from '../../src/webhooks/service.ts';
import { startDeliveryLoop, type DeliveryLoop } from '../../src/webhooks/delivery-loop.ts';
import { verifySignature } from '../../src/webhooks/signature.ts';
import type { PostResult } from '../../src/webhooks/post.ts';
import { DEFAULT_BACKOFF_BASE_MS, retryDelayMs } from '../../src/webhooks/backoff.ts';

let t: TestDb;
let clock = 1_800_000_000_000;
let loop: DeliveryLoop | null = null;
beforeEach(async () => {
  t = await createTestDb('sqlite', () => clock);
});
afterEach(async () => {
  await loop?.stop();
  await t.cleanup();
});

test('an endpoint that always answers 500 gets 12 attempts over about a day, then the delivery is failed', async () => {
  const { subscription, secret } = await createWebhookService({ store: t.store, now: () => clock }).subscribe({ url: 'https://hooks.example.jp/x', events: ['campaign.completed'], description: null, enabled: true });
  await t.store.webhooks.emit(t.db.kysely, 'campaign.completed', { campaignId: 9, name: '督促', completedAt: new Date(clock).toISOString(), counts: { delivered: 3 } });
  const calls: { at: number; body: string; headers: Record<string, string> }[] = [];
  const post = async (_url: string, body: string, headers: Record<string, string>): Promise<PostResult> => {
    calls.push({ at: clock, body, headers });
    return { statusCode: 500, error: 'HTTP 500', durationMs: 3 };
  };
  const started = clock;
  loop = startDeliveryLoop({ store: t.store, workerId: 'w', log: pino({ level: 'silent' }), post, now: () => clock, random: () => 0.5, pollMs: 3_600_000 });
  for (let i = 0; i < 20; i++) {
    await loop.runOnce();
    // Straight to the time the next attempt is due.
    const [pending] = await t.store.webhooks.deliveries.list(subscription.id, { status: 'pending', limit: 1 });
    if (!pending) break;
    clock = pending.nextAttemptAt!;
  }
  assert.equal(calls.length, 12);
  const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
  assert.deepEqual(gaps, Array.from({ length: 11 }, (_, i) => retryDelayMs(i + 1, DEFAULT_BACKOFF_BASE_MS, 0.5)));
  assert.equal(gaps[0], 10_000);
  assert.ok(calls.at(-1)!.at - started > 86_400_000 && calls.at(-1)!.at - started < 2 * 86_400_000, 'about a day');
  await loop.runOnce();
  assert.equal(calls.length, 12, 'nothing more once failed');
  for (const c of calls) {
    assert.ok(verifySignature(secret, c.headers['todoku-signature']!, c.body, c.at));
    assert.equal(c.headers['todoku-event'], 'campaign.completed');
  }
  assert.deepEqual(JSON.parse(calls[0]!.body).data, { campaignId: 9, name: '督促', completedAt: new Date(started).toISOString(), counts: { delivered: 3 } });
  const [d] = await t.store.webhooks.deliveries.list(subscription.id, { limit: 5 });
  assert.deepEqual([d!.status, d!.attempts, d!.log.length, d!.lastError], ['failed', 12, 12, 'HTTP 500']);
});
