import { test } from 'node:test';
import { startTestApp } from '../support/app.ts';
test('dbg', { timeout: 200_000 }, async () => {
  const app = await startTestApp('sqlite', {
        TODOKU_SIMULATOR_REFUSE_RATE: '0.1',
        TODOKU_SIMULATOR_REFUSE_STATUS: 'ESME_RSYSERR=0.25,ESME_RMSGQFUL=0.25,ESME_RINVDSTADR=0.5',
        TODOKU_SIMULATOR_THROTTLE_ABOVE: '400',
        TODOKU_SIMULATOR_LATENCY_MS: '2',
        TODOKU_SIMULATOR_LATENCY_JITTER_MS: '8',
        TODOKU_UNCONFIRMED_GRACE_MS: '5000',
  });
  await app.api('POST', '/campaigns', { name: 'bad-day', template: '{{name}}様 未納金のお支払いをお願いします', policyPack: 'none' });
  const csv = ['氏名,電話番号', ...Array.from({ length: 10000 }, (_, i) => `利用者${i},0908${String(i).padStart(7, '0')}`)].join('\n');
  await app.api('POST', '/campaigns/bad-day/recipients', csv, { contentType: 'text/csv' });
  await app.api('POST', '/campaigns/bad-day/send', {});
  const route = app.app.worker!.routes.routes()[0] as any;
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const c = (await app.api("GET", "/campaigns/bad-day")).body.counts;
    console.log(i * 2, app.app.simulator!.received().length, Math.round(route.sendRate()), route.inflight(), JSON.stringify(c), JSON.stringify(app.app.simulator!.stats()));
    if (i === 2 || i === 6) console.log('drop', JSON.stringify((await app.api('POST', '/simulator/disconnect')).body)); if (i === 4) await app.api('PUT', '/simulator/settings', { throttleAbove: 0 });
    if (!c.queued && !c.submitting && !c.submitted && !c.unconfirmed) break;
  }
  await app.stop();
});
