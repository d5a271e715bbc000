// Small factories for the inbox tests: a campaign already sent to some numbers, an inbox over a test
// database with a clock the test moves, and a reply as a route hands it on.
import type { TestDb } from '../support/db.ts';
import { testVault } from '../support/db.ts';
import type { InboxDeps } from '../../src/inbox/deps.ts';
import type { InboundSms } from '../../src/core/carrier.ts';

export interface Clock {
  now: number;
}

/** A campaign whose message to each number was delivered at `at` (one ms apart, in order). */
export async function sentCampaign(t: TestDb, name: string, phones: readonly string[], at: number, status: 'sending' | 'completed' = 'completed') {
  const c = await t.store.campaigns.create({ name, template: '{{name}}様 お支払いのお願い' });
  await t.store.recipients.insertBatch(
    c.id,
    phones.map((phone, i) => ({ line: i + 2, phone, fields: { name: `宛先${i + 1}` } })),
  );
  await t.store.messages.materialise(c.id);
  await t.store.campaigns.transition(c.id, ['draft'], 'sending', { sent_template: '{{name}}様 お支払いのお願い' });
  const messages = await t.db.kysely.selectFrom('messages').select(['id']).where('campaign_id', '=', c.id).orderBy('id').execute();
  for (const [i, m] of messages.entries()) {
    await t.db.kysely
      .updateTable('messages')
      .set({ state: 'delivered', submitted_at: at + i, delivered_at: at + i + 100, final_at: at + i + 100, body_enc: testVault.encrypt(`宛先${i + 1}様 お支払いのお願い`) })
      .where('id', '=', m.id)
      .execute();
  }
  if (status === 'completed') await t.store.campaigns.transition(c.id, ['sending'], 'completed');
  return { campaign: c, messageIds: messages.map((m) => m.id) };
}

export function inboxDeps(t: TestDb, clock: Clock, pokes: { count: number } = { count: 0 }): InboxDeps {
  return { store: t.store, vault: testVault, sender: 'TODOKU', now: () => clock.now, poke: () => void pokes.count++, limits: { maxParts: 3 } };
}

export function sms(from: string, text: string, at: number): InboundSms {
  return { from, to: 'TODOKU', text, receivedAt: new Date(at) };
}
