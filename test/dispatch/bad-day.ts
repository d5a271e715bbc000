// A carrier on a bad day, through the whole app (web, dispatcher, SMPP route, simulator over real SMPP,
// database): a 10,000-message campaign while the SMSC refuses 10% of submits (half transiently with
// ESME_RSYSERR / ESME_RMSGQFUL, half for good with ESME_RINVDSTADR), throttles above a rate, and drops
// every connection twice in the middle of sending. Every message must end in a final state that agrees
// with what the SMSC did, and no message may be submitted again after a successful submit_sm_resp. With
// the default route settings a submit cut off by an outage is never re-sent by itself (the SMSC may have
// it): those the SMSC did accept are adopted by their late receipts; one the SMSC never saw stays
// 'unconfirmed' until its route's validity ends it 送達不明 (store/queue/reconcile-unconfirmed.ts).
// Each recipient has a number of their own, so the SMSC's log of submits is counted per number.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import type { SubmitRecord } from '../../src/routes/simulator/simulator.ts';

const COUNT = 10_000;
/** Far below what the app offers, so that the SMSC really throttles the first tenth of the campaign. */
const THROTTLE_ABOVE = 150;
const phone = (i: number) => `0908${String(i).padStart(7, '0')}`;
const FINAL = ['delivered', 'undeliverable', 'expired', 'rejected', 'failed', 'cancelled'];
const STATE_FOR_STAT: Record<string, string> = { DELIVRD: 'delivered', UNDELIV: 'undeliverable', EXPIRED: 'expired', REJECTD: 'rejected' };
const NAME_FOR_STATUS: Record<number, string> = { 0x08: 'ESME_RSYSERR', 0x0b: 'ESME_RINVDSTADR', 0x14: 'ESME_RMSGQFUL', 0x58: 'ESME_RTHROTTLED' };

interface MessageRow {
  to: string;
  state: string;
  smscId: string | null;
  errorCode: string | null;
  attempts: number;
}

/** The scenario on one database; faults.test.ts and faults-postgres.test.ts run one each, so the two overlap (it is mostly waiting). */
export function badDay(kind: 'sqlite' | 'postgres'): void {
  describe(`a carrier on a bad day [${kind}]`, () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp(kind, {
        TODOKU_SIMULATOR_REFUSE_RATE: '0.1',
        TODOKU_SIMULATOR_REFUSE_STATUS: 'ESME_RSYSERR=0.25,ESME_RMSGQFUL=0.25,ESME_RINVDSTADR=0.5',
        TODOKU_SIMULATOR_THROTTLE_ABOVE: String(THROTTLE_ABOVE),
        TODOKU_SIMULATOR_OUTCOMES: 'DELIVRD=0.9,UNDELIV=0.05,EXPIRED=0.03,REJECTD=0.02',
        TODOKU_SIMULATOR_LATENCY_MS: '2',
        TODOKU_SIMULATOR_LATENCY_JITTER_MS: '8',
        // Short, so that the old rule (re-send after the grace) would show here as a duplicate.
        TODOKU_UNCONFIRMED_GRACE_MS: '5000',
        // Retries after 0.5 s, 1 s, 2 s …: a message refused three times in a row settles in seconds, not
        // after the production backoff's 5 + 10 + 20 s (what is tested is that it ends right and once).
        TODOKU_RETRY_BASE_MS: '500',
      });
    });
    after(async () => {
      await app?.stop();
    });

    test('10,000 messages, 10% refused, throttled, two dropped connections: all final, none sent twice, the counts add up', { timeout: 420_000 }, async (t) => {
      const simulator = app.app.simulator!;
      const rows = Array.from({ length: COUNT }, (_, i) => `利用者${i},${phone(i)}`);
      const { id, imported } = await campaignWithList(app, { name: 'bad-day', template: '{{name}}様 未納金のお支払いをお願いします', policyPack: 'none' }, ['氏名,電話番号', ...rows]);
      assert.equal(imported.accepted, COUNT, JSON.stringify(imported));
      const started = Date.now();
      await sendCampaign(app, id);

      const atShare = (share: number) => until(`${share * 100}% of the campaign at the SMSC`, async () => simulator.received().length >= COUNT * share, 120_000, 10);
      const outage = async () => {
        const before = simulator.received().length;
        const at = Date.now();
        assert.ok((await app.api('POST', '/simulator/disconnect')).body.dropped >= 1, 'a connection was dropped mid-campaign');
        await until('sending to resume', async () => simulator.received().length >= before + 50, 120_000, 10);
        return ((Date.now() - at) / 1000).toFixed(1);
      };
      await atShare(0.1);
      assert.ok(simulator.stats().throttled > 0, 'the SMSC throttled the first tenth');
      assert.equal((await app.api('PUT', '/simulator/settings', { throttleAbove: 0 })).status, 200);
      await atShare(0.3);
      const firstStall = await outage();
      await atShare(0.6);
      const secondStall = await outage();
      t.diagnostic(`sending resumed ${firstStall} s and ${secondStall} s after the two outages`);

      // Settled: final, or waiting for a receipt that cannot come; the same for two looks 3 s apart (well
      // past the 5 s grace, counted from the outage), so no late receipt is still on its way.
      let previous = '';
      const counts = await until(
        'every message final or waiting for its receipt',
        async () => {
          const c = (await app.api('GET', '/campaigns/bad-day')).body.counts as Record<string, number>;
          const settled = Object.keys(c).every((state) => FINAL.includes(state) || state === 'unconfirmed') && Object.values(c).reduce((a, b) => a + b, 0) === COUNT;
          const seen = JSON.stringify(c);
          const stable = settled && seen === previous;
          previous = settled ? seen : '';
          return stable ? c : undefined;
        },
        240_000,
        3_000,
      );
      t.diagnostic(`final after ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}; simulator ${JSON.stringify(simulator.stats())}`);

      const messages = await allMessages(app);
      assert.equal(messages.length, COUNT);
      assert.equal(new Set(messages.map((m) => m.to)).size, COUNT, 'one number per recipient');

      // What the SMSC saw, per number, in order.
      const byNumber = new Map<string, SubmitRecord[]>();
      for (const s of simulator.submits()) byNumber.set(s.to, [...(byNumber.get(s.to) ?? []), s]);
      const outcomeOf = new Map(simulator.received().map((m) => [m.smscId, m.outcome]));

      const resentAfterSuccess: string[] = [];
      const acceptedTwice: string[] = [];
      const disagreements: string[] = [];
      for (const m of messages) {
        const seen = byNumber.get(m.to) ?? [];
        const accepted = seen.filter((s) => s.status === 0);
        const answeredAt = accepted.findIndex((s) => s.answered);
        if (answeredAt >= 0 && answeredAt < accepted.length - 1) resentAfterSuccess.push(m.to);
        if (accepted.length > 1) acceptedTwice.push(`${m.to}: ${accepted.map((s) => `${s.smscId}${s.answered ? '' : ' (answer lost)'}`).join(', ')} → ${m.smscId}`);

        // The state the SMSC's own view calls for.
        let expected: string;
        if (m.smscId) {
          const held = accepted.find((s) => s.smscId === m.smscId);
          expected = held ? (STATE_FOR_STAT[outcomeOf.get(held.smscId!) ?? ''] ?? '?') : 'an id the SMSC never gave';
        } else if (accepted.length > 0) {
          expected = 'an accepted message';
        } else {
          // Never accepted by the SMSC: refused for good, or cut off by an outage before it reached it.
          expected = m.state === 'unconfirmed' ? 'unconfirmed' : 'failed';
        }
        if (m.state !== expected) disagreements.push(`${m.to}: ${m.state}, the SMSC says ${expected}`);
        if (m.state === 'failed') {
          const last = seen.at(-1);
          const lastRefusal = last && last.status !== 0 ? NAME_FOR_STATUS[last.status] : undefined;
          if (m.errorCode !== lastRefusal) disagreements.push(`${m.to}: failed with ${m.errorCode}, last refusal ${lastRefusal}`);
        }
      }
      const lostAnswers = simulator.submits().filter((s) => s.status === 0 && !s.answered).length;
      t.diagnostic(`accepted submits whose answer was lost in the outages: ${lostAnswers} (each must end in its own receipt's state, not be sent again)`);
      if (acceptedTwice.length > 0) t.diagnostic(`accepted twice at the SMSC (${acceptedTwice.length}): ${acceptedTwice.slice(0, 10).join('; ')}`);
      assert.deepEqual(resentAfterSuccess, [], 'nothing is submitted again after a successful submit_sm_resp');
      assert.deepEqual(acceptedTwice, [], 'a message whose answer was lost is adopted by its late receipt, not sent again');
      assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} messages disagree with the SMSC`);

      // The counts add up, by the SMSC's own tallies.
      const tally = (f: (m: MessageRow) => boolean) => messages.filter(f).length;
      const permanent = tally((m) => m.state === 'failed' && m.errorCode === 'ESME_RINVDSTADR');
      assert.equal(tally((m) => m.state === 'failed'), permanent + tally((m) => m.state === 'failed' && m.errorCode !== 'ESME_RINVDSTADR'));
      assert.ok(permanent > COUNT * 0.03 && permanent < COUNT * 0.08, `${permanent} refused for good (about 5% of first attempts and some retries)`);
      assert.equal(tally((m) => m.state === 'failed' && m.errorCode === 'ESME_RTHROTTLED'), 0, 'throttling never fails a message');
      const received = simulator.received();
      assert.equal(counts.delivered, messages.filter((m) => m.smscId && outcomeOf.get(m.smscId) === 'DELIVRD').length);
      assert.equal(
        (counts.delivered ?? 0) + (counts.undeliverable ?? 0) + (counts.expired ?? 0) + (counts.rejected ?? 0),
        received.length - acceptedTwice.length,
        'each message the SMSC accepted ends in the state of its receipt',
      );
      assert.equal((counts.failed ?? 0) + (counts.unconfirmed ?? 0), COUNT - (received.length - acceptedTwice.length));
      t.diagnostic(`cut off before reaching the SMSC, waiting as unconfirmed (not re-sent): ${counts.unconfirmed ?? 0}`);

      const stats = simulator.stats();
      assert.ok(stats.throttled > 0, 'the SMSC throttled');
      assert.ok(stats.drops >= 2, 'two outages');
      assert.ok(stats.refused > COUNT * 0.08, `${stats.refused} refusals`);
    });
  });
}

async function allMessages(app: TestApp): Promise<MessageRow[]> {
  const rows: MessageRow[] = [];
  let after: number | null = null;
  do {
    const page: { status: number; body: { messages: MessageRow[]; next: number | null } } = await app.api('GET', `/campaigns/bad-day/messages?limit=1000${after === null ? '' : `&after=${after}`}`);
    rows.push(...page.body.messages);
    after = page.body.next;
  } while (after !== null);
  return rows;
}
