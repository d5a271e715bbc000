// The benchmarks' paths at a size a test run affords (issue 15): what `npm run bench` times, checked for
// correctness only — every row of a 50,000-row CP932 file stored, 5,000 messages each reaching the SMSC
// once and recorded delivered once — on both databases. No time is asserted: figures are the bench's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCp932Csv } from '../../bench/fixtures.ts';
import { importRecipients } from '../../src/campaign/import-recipients.ts';
import { createTestDb, eachDatabase } from '../support/db.ts';
import { startTestApp, until } from '../support/app.ts';
import { campaignWithList, sendCampaign, setLandingPage } from '../support/factories.ts';

const ROWS = 50_000;
const MESSAGES = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-smoke-'));
const file = join(dir, 'recipients-cp932.csv');

before(async () => {
  await writeCp932Csv(file, ROWS);
});
after(() => rmSync(dir, { recursive: true, force: true }));

eachDatabase('bench smoke', (kind) => {
  test(`the import benchmark's file at ${ROWS.toLocaleString('en-US')} rows: every row accepted and stored once`, { timeout: 300_000 }, async () => {
    const t = await createTestDb(kind);
    try {
      const campaign = await t.store.campaigns.create({ name: 'smoke' });
      const result = await importRecipients(t.store, campaign, createReadStream(file));
      assert.deepEqual({ rows: result.rows, accepted: result.accepted, rejected: result.rejected }, { rows: ROWS, accepted: ROWS, rejected: 0 });
      const stored = await t.db.kysely
        .selectFrom('recipients')
        .select((e) => [e.fn.countAll<number>().as('n'), e.fn.count<number>('line').distinct().as('lines')])
        .where('campaign_id', '=', campaign.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual({ n: Number(stored.n), lines: Number(stored.lines) }, { n: ROWS, lines: ROWS });
    } finally {
      await t.cleanup();
    }
  });

  test(`the sending benchmark's path at ${MESSAGES.toLocaleString('en-US')} messages: each reaches the SMSC once and is recorded delivered once`, { timeout: 300_000 }, async () => {
    const app = await startTestApp(kind, { TODOKU_SMPP_WINDOW: '100', TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '10' });
    try {
      const rows = Array.from({ length: MESSAGES }, (_, i) => `利用者${i},0901${String(i).padStart(7, '0')},${1000 + i},${String(i).padStart(6, '0')}`);
      const { id, imported } = await campaignWithList(app, { name: 'smoke', template: '{{name}}様 {{amount|yen}}のお支払いをお願いします。{{url}}', policyPack: 'none' }, ['name,phone,amount,external_id', ...rows]);
      assert.equal(imported.accepted, MESSAGES, JSON.stringify(imported));
      await setLandingPage(app, id, { verification: { method: 'id_suffix' }, expiresAt: null, notice: 'お知らせ' });
      await sendCampaign(app, id);
      const counts = await until(
        'every message delivered',
        async () => {
          const c = await app.api<{ counts: Record<string, number> }>('GET', `/campaigns/${id}`);
          return (c.body.counts.delivered ?? 0) >= MESSAGES ? c.body.counts : undefined;
        },
        240_000,
        100,
      );
      assert.equal(counts.delivered, MESSAGES, JSON.stringify(counts));
      const perNumber = new Map<string, number>();
      for (const m of app.app.simulator!.received()) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
      assert.equal(perNumber.size, MESSAGES, 'every number reached the SMSC');
      assert.deepEqual([...perNumber].filter(([, n]) => n !== 1), [], 'no number reached it twice');
      const states = await app.app.store.db.kysely
        .selectFrom('messages')
        .select(['state', (e) => e.fn.countAll<number>().as('n')])
        .where('campaign_id', '=', id)
        .groupBy('state')
        .execute();
      assert.deepEqual(states.map((s) => ({ state: s.state, n: Number(s.n) })), [{ state: 'delivered', n: MESSAGES }]);
    } finally {
      await app.stop();
    }
  });
});
