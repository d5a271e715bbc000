// A receipt that races its own submit_sm_resp, through the whole app (web, dispatcher, route, simulator
// over real SMPP, database): the simulator delivers each receipt, and waits for the route to store and
// acknowledge it, before it answers the submit. The store keeps such receipts aside until the answer is
// recorded; every message still ends delivered, and nothing is left waiting.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

const COUNT = 200;
const phone = (i: number) => `0907${String(i).padStart(7, '0')}`;

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`receipts before the submit's answer [${kind}]`, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(kind, { TODOKU_SIMULATOR_RECEIPT_BEFORE_RESPONSE: 'on' });
    });
    after(async () => {
      await app?.stop();
    });

    test('every message ends delivered, short or long, and no receipt is left pending', async (t) => {
      const long = 'お支払い期限を過ぎております。'.repeat(10);
      const rows = Array.from({ length: COUNT }, (_, i) => `利用者${i},${phone(i)},${i < 3 ? long : 'お知らせです'}`);
      const { id, imported } = await campaignWithList(app, { name: 'race', template: '{{name}}様 {{note}}', policyPack: 'none' }, ['氏名,電話番号,note', ...rows]);
      assert.equal(imported.accepted, COUNT, JSON.stringify(imported));
      await sendCampaign(app, id);

      const counts = await until('every message final', async () => {
        const c = (await app.api('GET', '/campaigns/race')).body.counts as Record<string, number>;
        return c.delivered === COUNT ? c : undefined;
      }, 60_000);
      assert.deepEqual(counts, { delivered: COUNT });

      const submits = app.app.simulator!.submits();
      assert.equal(submits.filter((s) => s.status === 0).length, COUNT - 3 + 3 * 3, 'each short message once, each long one in three parts');
      const lastParts = new Set(app.app.simulator!.received().map((m) => m.partIds?.at(-1) ?? m.smscId));
      const raced = submits.filter((s) => s.smscId && lastParts.has(s.smscId));
      assert.equal(raced.length, COUNT);
      assert.ok(raced.every((s) => s.receiptFirst === true), 'each receipt was stored before the route heard of the message');

      const pending = await app.app.store.db.kysely.selectFrom('pending_receipts').select(['smsc_id']).execute();
      const leadIds = new Set(app.app.simulator!.received().map((m) => m.smscId));
      assert.deepEqual(pending.filter((p) => leadIds.has(p.smsc_id)), [], 'no message receipt left waiting');
      t.diagnostic(`receipts for later parts of long messages left in pending_receipts: ${pending.length}`);
    });
  });
}
