// The live funnels behind the event streams: however many people watch a campaign it is read once per
// tick, listeners hear only changes (a newcomer gets the last reading at once), polling stops when the
// last one leaves, and a quiet stream carries heartbeat comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { liveFunnels, type LiveReading } from '../../src/tracking/live.ts';
import { trackingRoutes } from '../../src/web/api/tracking.ts';
import type { ApiContext } from '../../src/web/api/context.ts';
import { createTestDb } from '../support/db.ts';
import { until } from '../support/wait.ts';
import { funnelOf, openEventStream } from './event-stream.ts';

const EMPTY = { targeted: 0, sent: 0, delivered: 0, failed: 0, opened: 0, verified: 0, locked: 0, downloaded: 0, answered: 0, paid: 0, replied: 0, optedOut: 0 };

test('one read per tick for all watchers of a campaign; only changes are heard; polling stops with the last watcher', async () => {
  let reads = 0;
  let delivered = 0;
  const live = liveFunnels(async (campaignId): Promise<LiveReading> => {
    reads++;
    return { campaignId, status: 'sending', at: Date.now(), funnel: { ...EMPTY, delivered }, states: {} };
  }, { everyMs: 20 });
  const heardA: number[] = [];
  const heardB: number[] = [];
  const stopA = live.watch(7, (r) => heardA.push(r.funnel.delivered));
  await until('the first reading', async () => heardA.length === 1);
  const stopB = live.watch(7, (r) => heardB.push(r.funnel.delivered));
  assert.deepEqual(heardB, [0], 'a newcomer hears the last reading at once');
  const before = reads;
  await new Promise((r) => setTimeout(r, 200));
  assert.ok(reads - before <= 12, `about one read per tick for two watchers (${reads - before})`);
  assert.deepEqual(heardA, [0], 'no repeats while nothing changes');
  delivered = 5;
  await until('the change heard by both', async () => heardA.at(-1) === 5 && heardB.at(-1) === 5);
  assert.deepEqual(heardA, [0, 5]);
  stopA();
  assert.equal(live.watched(), 1);
  stopB();
  assert.equal(live.watched(), 0);
  const after = reads;
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(reads - after <= 1, 'no polling once nobody watches');
  live.close();
});

test('a quiet stream carries heartbeat comments', { timeout: 30_000 }, async () => {
  const t = await createTestDb('sqlite');
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  trackingRoutes(app, { store: t.store, vault: undefined } as unknown as ApiContext, { everyMs: 50, heartbeatMs: 200 });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const c = await t.store.campaigns.create({ name: 'quiet', template: null, sender: null });
    const stream = await openEventStream(`${url}/campaigns/${c.id}/events`);
    assert.equal(funnelOf(await stream.next((f) => f.event === 'funnel')).status, 'draft');
    await stream.next((f) => f.comment === 'heartbeat', { timeoutMs: 3_000 });
    await stream.next((f) => f.comment === 'heartbeat', { timeoutMs: 3_000, from: stream.frames.findIndex((f) => f.comment === 'heartbeat') + 1 });
    assert.equal(stream.frames.filter((f) => f.event === 'funnel').length, 1, 'the unchanged funnel is not sent again');
    stream.close();
  } finally {
    await app.close();
    await t.cleanup();
  }
});
