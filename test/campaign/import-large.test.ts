// A list too large to read in one go (parsed in a worker thread, stored in batches, on PostgreSQL through
// COPY): every line still reported as the small-file path reports it — a landline, a number twice in the
// file, an opted-out number, a consent date in the future, and on a second upload the numbers an earlier
// one already put in the campaign — and the rows stored in file order. Both databases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { importRecipients } from '../../src/campaign/import-recipients.ts';
import { createTestDb, eachDatabase } from '../support/db.ts';

const ROWS = 30_000;
const phone = (i: number) => `090-${String(2000 + Math.floor(i / 10_000))}-${String(i % 10_000).padStart(4, '0')}`;

/** A CP932 list of `rows` rows starting at number `from`, about 1.5 MB: far past what is read in this thread. */
function list(from: number, rows: number, special: (i: number) => string | undefined): Readable {
  const lines = ['氏名,携帯電話番号,請求金額,同意日,同意方法'];
  for (let i = from; i < from + rows; i++) lines.push(special(i) ?? `山田 太郎${i},${phone(i)},${1000 + i},2024/4/1,書面`);
  return Readable.from([iconv.encode(`${lines.join('\r\n')}\r\n`, 'CP932')]);
}

eachDatabase('importing a large list', (kind) => {
  test('every rejection keeps its line and reason, and a second upload names the numbers already in', { timeout: 300_000 }, async () => {
    const t = await createTestDb(kind);
    try {
      await t.store.suppressions.add({ phone: '+819020000777', reason: 'opt_out', source: 'operator' });
      const campaign = await t.store.campaigns.create({ name: 'large' });
      // Row i is on line i + 2.
      const first = await importRecipients(t.store, campaign, list(0, ROWS, (i) => {
        if (i === 100) return `固定電話,03-1234-5678,1,,`;
        if (i === 20_001) return `二度目,${phone(5)},1,,`;
        if (i === 25_000) return `未来,${phone(i)},1,2027/1/5,書面`;
        return undefined;
      }), { today: '2026-12-07' });
      assert.deepEqual(
        { rows: first.rows, accepted: first.accepted, rejected: first.rejected },
        { rows: ROWS, accepted: ROWS - 4, rejected: 4 },
      );
      const reasons = async () => {
        const out: [number, string, string][] = [];
        for await (const r of t.store.recipients.rejections(campaign.id)) out.push([r.line, r.reason, r.message.en]);
        return out;
      };
      assert.deepEqual(await reasons(), [
        [102, 'phone_not_mobile', 'Not a mobile number (SMS cannot be sent to landlines, 050 IP phones or toll-free numbers): this is a landline'],
        [779, 'suppressed', 'This number has opted out (it is on the suppression list)'],
        [20_003, 'duplicate', 'same phone number as line 7'],
        [25_002, 'consent_invalid', 'the consent date 2027-01-05 is in the future (give the day prior consent was given)'],
      ]);

      // Rows 29,000 to 30,999: the first thousand are in the campaign already.
      const second = await importRecipients(t.store, campaign, list(29_000, 2_000, () => undefined));
      assert.deepEqual({ rows: second.rows, accepted: second.accepted, rejected: second.rejected }, { rows: 2_000, accepted: 1_000, rejected: 1_000 });
      assert.equal(second.byReason.duplicate, 1_000);
      const again = (await reasons()).filter(([, reason, message]) => reason === 'duplicate' && message === 'this phone number is already in the campaign');
      assert.deepEqual(again.map(([line]) => line), Array.from({ length: 1_000 }, (_, i) => i + 2));

      // Stored once each, ids in file order, consent recorded for the first file's rows.
      const stored = await t.db.kysely.selectFrom('recipients').select(['id', 'line', 'consent_at']).where('campaign_id', '=', campaign.id).orderBy('id').execute();
      assert.equal(stored.length, ROWS - 4 + 1_000);
      const firstFile = stored.slice(0, ROWS - 4);
      assert.ok(firstFile.every((r, k) => k === 0 || r.line > firstFile[k - 1]!.line), 'ids follow the lines of the file');
      assert.equal(firstFile.filter((r) => r.consent_at === '2024-04-01').length, ROWS - 4);
      // Sealed where the file was read, opened by the store's vault as any row.
      const [row] = await t.store.recipients.sample(campaign.id, 1);
      assert.deepEqual(row && { phone: row.phone, fields: row.fields }, { phone: '+819020000000', fields: { name: '山田 太郎0', phone: '090-2000-0000', amount: '1000' } });
      // Its blind index too was computed there, as the store computes it: another row given its number clashes with it.
      assert.deepEqual(await t.store.recipients.edit(campaign.id, stored[1]!.id, { phone: '+819020000000', fields: {} }), { updated: false, duplicateOf: 2 });
    } finally {
      await t.cleanup();
    }
  });
});
