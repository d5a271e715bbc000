// The contact policy at dispatch time, with the real clock: a campaign whose recipients' time zone is in
// its quiet hours right now sends nothing and waits for 08:00 there; one in daytime goes out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { localParts } from '../../src/core/policy/time.ts';

/** A fixed-offset zone whose local hour is now `hour` (Etc/GMT signs are inverted by convention). */
function zoneAtHour(hour: number): string {
  const utc = new Date().getUTCHours();
  for (let offset = -12; offset <= 14; offset++) {
    if ((utc + offset + 24) % 24 === hour) return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }
  throw new Error('no zone');
}

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(async () => t.stop());

async function campaign(name: string, timeZone: string, numbers: string[]) {
  const { id } = await campaignWithList(t, { name, template: '{{name}}様 お知らせです', timeZone, policyPack: 'jp_money_lending' }, ['氏名,電話番号', ...numbers.map((n, i) => `人${i},${n}`)]);
  await sendCampaign(t, id);
  return id;
}

test('at 23:00 in the recipients\' time zone nothing is sent: the messages wait for 08:00 there', async () => {
  const zone = zoneAtHour(23);
  const id = await campaign('quiet-night', zone, ['090-5555-0001', '090-5555-0002']);
  const waiting = await until('messages deferred by the policy', async () => {
    const m = await t.api('GET', `/campaigns/${id}/messages`);
    return m.body.messages.every((x: any) => x.errorCode === 'POLICY_QUIET_HOURS') ? m.body.messages : undefined;
  });
  for (const m of waiting) assert.equal(m.state, 'queued');
  const rows = await t.app.store.messages.list(id, { limit: 10 });
  for (const r of rows) {
    const local = localParts(new Date(r.next_attempt_at), zone);
    assert.equal(`${local.hour}:${local.minute}`, '8:0', 'resumes at 08:00 local');
    assert.ok(r.next_attempt_at > Date.now());
  }
  assert.equal(t.app.simulator!.received().filter((m) => m.to.startsWith('+81905555')).length, 0);
});

test('at noon in the recipients\' time zone the campaign goes out', async () => {
  const id = await campaign('daytime', zoneAtHour(12), ['090-6666-0001']);
  await until('delivered', async () => (await t.api('GET', `/campaigns/${id}`)).body.counts.delivered === 1);
});
