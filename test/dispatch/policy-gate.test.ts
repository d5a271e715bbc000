// The contact policy over one claimed batch: people never contacted share one decision per campaign,
// while earlier contacts, and contacts granted earlier in the same batch, are decided person by person.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPolicy, campaignPolicy } from '../../src/dispatch/policy-gate.ts';
import type { ClaimedMessage } from '../../src/core/queue.ts';

/** 2026-04-01 12:00 in Tokyo (a Wednesday, no holiday). */
const NOON_TOKYO = Date.parse('2026-04-01T03:00:00Z');
/** 23:00 in Tokyo: inside the default pack's quiet hours. */
const NIGHT_TOKYO = Date.parse('2026-04-01T14:00:00Z');
const DAY = 86_400_000;

const message = (id: number, toHash: string | null, campaignId = 1, extra: Partial<ClaimedMessage> = {}): ClaimedMessage => ({
  id,
  campaignId,
  recipientId: id,
  attempts: 0,
  bodyEnc: null,
  toHash,
  ...extra,
});

function storeWith(history: Record<string, number[]>) {
  return { messages: { recentContacts: async (hashes: readonly string[]) => new Map(hashes.filter((h) => h in history).map((h) => [h, history[h] as number[]])) } };
}

const tokyo = campaignPolicy({ time_zone: 'Asia/Tokyo', policy_pack: 'jp_money_lending' });
// Honolulu: 17:00 there at Tokyo's noon, 04:00 at Tokyo's 23:00 (quiet).
const honolulu = campaignPolicy({ time_zone: 'Pacific/Honolulu', policy_pack: 'jp_money_lending' });
const policyOf = async (campaignId: number) => (campaignId === 2 ? honolulu : tokyo);
const oncePerWeek = { caps: [{ count: 1, windowDays: 7 }] };

test('a cap holds back a person contacted yesterday and a second message to one person in the same batch; first contacts go', async () => {
  const claimed = [
    message(1, 'first-a'),
    message(2, 'yesterday'),
    message(3, 'twice'),
    message(4, 'first-b', 2),
    message(5, 'twice'),
    message(6, null),
    message(7, 'yesterday', 1, { testToEnc: 'sealed test number' }),
  ];
  const { send, defer } = await applyPolicy(storeWith({ yesterday: [NOON_TOKYO - DAY] }), claimed, policyOf, oncePerWeek, NOON_TOKYO);
  assert.deepEqual(send.map((m) => m.id), [1, 3, 4, 6, 7], 'a test send is never held back');
  assert.deepEqual(defer.map((d) => [d.id, d.code]), [[2, 'POLICY_FREQUENCY_CAP'], [5, 'POLICY_FREQUENCY_CAP']]);
  assert.equal(defer[0]?.until, NOON_TOKYO - DAY + 7 * DAY, 'free again a week after the earlier contact');
});

test('at night every first contact of a campaign waits for the same morning; each campaign in its own zone', async () => {
  const claimed = [message(1, 'a'), message(2, 'b'), message(3, 'c', 2), message(4, 'earlier'), message(5, 'd', 2)];
  const { send, defer } = await applyPolicy(storeWith({ earlier: [NIGHT_TOKYO - 10 * DAY] }), claimed, policyOf, oncePerWeek, NIGHT_TOKYO);
  assert.deepEqual(send, []);
  const morningTokyo = Date.parse('2026-04-01T23:00:00Z'); // 08:00 on 2 April in Tokyo
  const morningHonolulu = Date.parse('2026-04-01T18:00:00Z'); // 08:00 on 1 April in Honolulu
  assert.deepEqual(
    defer.map((d) => [d.id, d.code, d.until]),
    [
      [1, 'POLICY_QUIET_HOURS', morningTokyo],
      [2, 'POLICY_QUIET_HOURS', morningTokyo],
      [3, 'POLICY_QUIET_HOURS', morningHonolulu],
      [4, 'POLICY_QUIET_HOURS', morningTokyo],
      [5, 'POLICY_QUIET_HOURS', morningHonolulu],
    ],
  );
});
