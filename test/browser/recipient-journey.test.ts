// The recipient's journey on a phone (Chromium, 390×844): open the SMS link → a wrong birth date →
// the right one → read the 10,830-character notice → the steps after it (journey.ts: PDF → survey →
// pay). Each step leaves a screenshot in test-output/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchChromium, phone, type Phone } from '../support/browser.ts';
import { inDays, sentCampaign, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../support/factories.ts';
import { longNotice, NOTICE_END } from '../landing/long-notice.ts';
import { afterNotice, beforeSend, JOURNEY_LIST, JOURNEY_RECIPIENT, RIGHT_BIRTH_DATE, WRONG_BIRTH_DATE } from './journey.ts';

let t: TestApp;
let browser: Browser;
let c: SentCampaign;
let p: Phone;
const notice = longNotice();

before(async () => {
  browser = await launchChromium();
  t = await startTestApp('sqlite');
  await setOrganisation(t, {
    ...TOTO_UNIVERSITY,
    nameEn: 'Toto University Student Office',
    colours: { primary: '#0b3d6e', accent: '#b3261e' },
    contact: { ...TOTO_UNIVERSITY.contact, hoursEn: 'Weekdays 9:00-17:00' },
    officialSenders: ['0120-000-111'],
  });
  c = await sentCampaign(t, '授業料督促', JOURNEY_LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(14), notice }, {
    beforeSend: async (id) => {
      for (const setup of beforeSend) await setup(t, id);
    },
  });
  p = await phone(browser);
});
after(async () => {
  await p?.close();
  await browser?.close();
  await t?.stop();
});

test('open the link, a wrong birth date, the right one, read the whole notice, then the steps after it', async () => {
  const r = c.recipients.get(JOURNEY_RECIPIENT)!;
  const { page } = p;

  await page.goto(r.url);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'ご本人の確認' }).waitFor());
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  assert.equal(await page.getByText(JOURNEY_RECIPIENT).count(), 0, 'no name before verification');
  await p.shot('01-identity-check');

  await page.getByLabel('生年月日').fill(WRONG_BIRTH_DATE);
  await page.getByRole('button', { name: '確認する' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /一致しません[\s\S]*あと4回/u);
  await p.shot('02-wrong-birth-date');

  await page.getByLabel('生年月日').fill(RIGHT_BIRTH_DATE);
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { level: 1, name: '東都大学 学生課からのお知らせ' }).waitFor();
  const article = page.locator('article.notice');
  const text = await article.innerText();
  assert.match(text, /山田 太郎 様/u);
  assert.match(text, /¥12,345/u);
  assert.match(text, /2026年12月1日/u);
  assert.ok(text.includes(NOTICE_END), 'the notice is shown to its end');
  assert.ok([...text].length > 10_000, `${[...text].length} characters shown`);
  await p.shot('03-notice');

  // The phone can read it without zooming out: nothing wider than the screen.
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  assert.ok(width <= 390, `page is ${width}px wide`);
  await page.getByText(NOTICE_END).scrollIntoViewIfNeeded();
  await p.shot('04-notice-end');

  for (const step of afterNotice) {
    await step.run({ t, page, campaignId: c.id, recipient: r, shot: p.shot });
    await p.shot(step.name);
  }
  assert.deepEqual(p.dialogs, []);
});

test('the page switches to English and back', async () => {
  const { page } = p;
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Toto University Student Office: a notice for you' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.match(await page.locator('body').innerText(), /available in Japanese only/u);
  await p.shot('05-english');
  await page.getByRole('link', { name: '日本語' }).click();
  await page.getByRole('heading', { level: 1, name: '東都大学 学生課からのお知らせ' }).waitFor();
});
