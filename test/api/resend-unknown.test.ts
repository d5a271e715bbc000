// POST /campaigns/:c/messages/resend-unknown through the whole app (SMSC simulator over SMPP, receipts held
// back for an hour): without confirm: "duplicate-risk" nothing is sent and the answer names the risk; with
// it, the chosen 送達不明 messages go out again as new messages, once, and the action is audited; viewers
// may not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite', { TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '3600000' });
});
after(async () => t?.stop());

interface MessageRow {
  id: number;
  to: string;
  state: string;
}

test('re-sending messages of unknown delivery needs the explicit duplicate-risk confirmation', { timeout: 60_000 }, async () => {
  const sim = t.app.simulator!;
  const { id } = await campaignWithList(t, { name: 'unknown-resend', template: '{{name}}様 ご連絡です', policyPack: 'none' }, ['氏名,電話番号', '甲,09055550001', '乙,09055550002', '丙,09055550003']);
  await sendCampaign(t, id);
  await until('all three submitted, no receipt yet', async () => {
    const r = await t.api<{ messages: MessageRow[] }>('GET', `/campaigns/${id}/messages?limit=10`);
    return r.body.messages.length === 3 && r.body.messages.every((m) => m.state === 'submitted') ? true : undefined;
  });
  // As if the route's validity (and the margin) had passed with no receipt.
  const ended = await t.app.store.messages.expireUnreceipted({ byRoute: new Map(), fallback: { validityMs: 0, resendUnconfirmed: false }, graceMs: 0 }, 0);
  assert.equal(ended, 3);
  const before = (await t.api<{ messages: MessageRow[] }>('GET', `/campaigns/${id}/messages?limit=10`)).body.messages;
  assert.deepEqual(before.map((m) => m.state), ['unknown', 'unknown', 'unknown']);
  const atSmsc = sim.received().length;

  const refused = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, {});
  assert.equal(refused.status, 400);
  assert.match(refused.headers.get('content-type') ?? '', /application\/problem\+json/);
  assert.equal(refused.body.code, 'TODOKU_E_DUPLICATE_RISK');
  assert.match(JSON.stringify(refused.body), /同じSMSが二重に届く可能性があります/);
  const wrongWord = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, { confirm: 'yes' });
  assert.equal(wrongWord.status, 400, 'only the words that name the risk confirm it');

  const viewer = (await t.api('POST', '/api-keys', { name: '閲覧のみ', role: 'viewer' })).body.key as string;
  const forbidden = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, { confirm: 'duplicate-risk' }, { key: viewer });
  assert.equal(forbidden.status, 403);

  await new Promise((r) => setTimeout(r, 500));
  assert.equal(sim.received().length, atSmsc, 'nothing was sent without the confirmation');

  const one = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, { confirm: 'duplicate-risk', messageIds: [before[0]!.id] });
  assert.equal(one.status, 200, JSON.stringify(one.body));
  assert.equal(one.body.resent, 1);
  assert.equal(one.body.messages[0].from, before[0]!.id);
  await until('the re-sent message at the SMSC', async () => (sim.received().length === atSmsc + 1 ? true : undefined));
  assert.equal(sim.received().at(-1)!.to, '+819055550001');

  const rest = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, { confirm: 'duplicate-risk' });
  assert.equal(rest.body.resent, 2, 'the one already re-sent is not re-sent again');
  await until('both at the SMSC', async () => (sim.received().length === atSmsc + 3 ? true : undefined));
  const again = await t.api('POST', `/campaigns/${id}/messages/resend-unknown`, { confirm: 'duplicate-risk' });
  assert.equal(again.body.resent, 0);

  const after = (await t.api<{ messages: MessageRow[] }>('GET', `/campaigns/${id}/messages?limit=10`)).body.messages;
  assert.equal(after.length, 6, 'the history stays: three unknown, three new');
  assert.equal(after.filter((m) => m.state === 'unknown').length, 3);

  const audit = await t.api('GET', '/audit?limit=50');
  const lines = JSON.stringify(audit.body);
  assert.match(lines, /campaign\.resend_unknown/);
});
