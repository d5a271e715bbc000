import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RouteHealth } from '../../src/dispatch/health.ts';

test('a route that refuses 3 times in a row steps aside for the cool-down, then comes back', () => {
  let now = 0;
  const h = new RouteHealth(() => now, 3, 1000);
  h.refused();
  h.refused();
  assert.ok(h.healthy());
  h.refused();
  assert.ok(!h.healthy());
  now = 999;
  assert.ok(!h.healthy());
  now = 1000;
  assert.ok(h.healthy());
});

test('an accepted submit resets the count of refusals', () => {
  const h = new RouteHealth(() => 0, 3, 1000);
  h.refused();
  h.refused();
  h.accepted();
  h.refused();
  h.refused();
  assert.ok(h.healthy());
});
