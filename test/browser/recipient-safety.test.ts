// What the recipient's pages refuse, in a phone browser (Chromium, 390×844), with screenshots:
// six wrong tries (the fifth locks, the sixth is refused even with the right answer, until an operator
// unlocks); an expired link shows whom to contact and no name, amount or PDF, also by direct URL;
// script in any list cell or in the notice is shown as text and never runs (any dialog fails the test);
// the anti-smishing page answers a pasted link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchChromium, phone, type Phone } from '../support/browser.ts';
import { inDays, sentCampaign, setLandingPage, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../support/factories.ts';

const XSS_NAME = '<script>alert("name")</script>山田';
const XSS_NOTE = '<img src=x onerror=alert("note")><svg onload=alert("svg")>';
const LIST = [
  '氏名,電話番号,金額,生年月日,備考',
  '高橋 次郎,090-8888-0001,9000,1970/07/07,なし',
  '鈴木 一郎,090-8888-0002,8000,1980/04/05,なし',
  `"${XSS_NAME.replace(/"/gu, '""')}",090-8888-0003,"<b>1000</b>",1999/09/09,"${XSS_NOTE.replace(/"/gu, '""')}"`,
].join('\n');
const NOTICE = [
  '# ご案内',
  '{{name}}様 ご請求額 {{amount}}円',
  '備考: {{備考}}',
  '<script>alert("notice")</script>',
  '<a href="javascript:alert(\'link\')">ここを押す</a>',
  '[押してください](javascript:alert("md"))',
  '<iframe src="javascript:alert(\'frame\')"></iframe>',
].join('\n\n');

let t: TestApp;
let browser: Browser;
let c: SentCampaign;
let p: Phone;

before(async () => {
  browser = await launchChromium();
  t = await startTestApp('sqlite');
  await setOrganisation(t, { ...TOTO_UNIVERSITY, officialSenders: ['0120-000-111'] });
  c = await sentCampaign(t, '安全', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: NOTICE });
  p = await phone(browser);
});
after(async () => {
  await p?.close();
  await browser?.close();
  await t?.stop();
});

test('six wrong tries: the fifth locks, the sixth is refused even with the right answer, until an operator unlocks', async () => {
  const r = c.recipients.get('高橋 次郎')!;
  const { page, context } = p;
  // A second tab holds the form, as a person with two tabs open would.
  const tab = await context.newPage();
  await tab.goto(r.url);
  await page.goto(r.url);
  for (let i = 1; i <= 4; i++) {
    await page.getByLabel('生年月日').fill(`1970/07/${10 + i}`);
    await page.getByRole('button', { name: '確認する' }).click();
    await page.getByRole('alert').getByText(`あと${5 - i}回`).waitFor();
  }
  await p.shot('10-lockout-fourth-wrong');
  await page.getByLabel('生年月日').fill('1970/07/20');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { level: 1, name: 'このページはロックされています' }).waitFor();
  assert.equal(await page.getByLabel('生年月日').count(), 0);
  assert.match(await page.locator('body').innerText(), /03-1234-5678/u);
  await p.shot('11-lockout-fifth-locks');

  await tab.getByLabel('生年月日').fill('1970/07/07');
  await tab.getByRole('button', { name: '確認する' }).click();
  await tab.getByRole('heading', { level: 1, name: 'このページはロックされています' }).waitFor();
  assert.equal(await tab.getByText('高橋 次郎').count(), 0, 'refused although right');
  await tab.screenshot({ path: 'test-output/screenshots/12-lockout-sixth-refused.png' });
  await tab.close();

  const unlocked = await t.api('POST', `/messages/${r.messageId}/unlock`);
  assert.equal(unlocked.body.wasLocked, true);
  await page.goto(r.url);
  await page.getByLabel('生年月日').fill('1970-07-07');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByText('高橋 次郎様').waitFor();
  await p.shot('13-lockout-unlocked-verified');
  assert.deepEqual(p.dialogs, []);
});

test('an expired link shows whom to contact and no name, amount or PDF, also by direct URL', async () => {
  const r = c.recipients.get('鈴木 一郎')!;
  const { page } = p;
  await page.goto(r.url);
  await page.getByLabel('生年月日').fill('昭和55年4月5日');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByText('鈴木 一郎様').waitFor();

  await setLandingPage(t, c.id, { verification: { method: 'birth_date' }, expiresAt: new Date(Date.now() - 1000).toISOString(), notice: NOTICE });
  for (const [url, shot] of [
    [r.url, '20-expired'],
    [`${r.url}/pdf`, '21-expired-direct-pdf-url'],
    [`${r.url}/survey`, '22-expired-direct-survey-url'],
  ] as const) {
    const res = await page.goto(url);
    assert.equal(res?.status(), 410);
    await page.getByRole('heading', { level: 1, name: '閲覧期限が過ぎています' }).waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, /03-1234-5678/u);
    assert.match(text, /平日 9:00〜17:00/u);
    assert.doesNotMatch(text, /鈴木|8,000|8000|PDF|請求書/u);
    assert.equal(await page.locator('a[href$=".pdf"], a[href*="/pdf"]').count(), 0);
    await p.shot(shot);
  }
  await setLandingPage(t, c.id, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: NOTICE });
});

test('script in list cells and in the notice is shown as text and never runs', async () => {
  const r = c.recipients.get(XSS_NAME)!;
  assert.ok(r, 'the SMS went to the recipient whose name is a script');
  const { page } = p;
  await page.goto(r.url);
  await page.getByLabel('生年月日').fill('1999/09/09');
  await page.getByRole('button', { name: '確認する' }).click();
  const article = page.locator('article.notice');
  await article.waitFor();
  const text = await article.innerText();
  assert.ok(text.includes(`${XSS_NAME}様 ご請求額 <b>1000</b>円`), text);
  assert.ok(text.includes(`備考: ${XSS_NOTE}`));
  assert.ok(text.includes('<script>alert("notice")</script>'));
  assert.equal(await page.locator('script, iframe, img[src="x"], svg').count(), 0, 'no element was made from the text');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  // Clicking where an injected link would be must not run anything either.
  await page.getByText('ここを押す', { exact: false }).click();
  await p.shot('30-script-shown-as-text');
  assert.deepEqual(p.dialogs, [], 'no injected script ran');
});

test('the anti-smishing page answers a pasted link: ours, sent today, nothing personal', async () => {
  const r = c.recipients.get('鈴木 一郎')!;
  const { page } = p;
  await page.goto(`${t.url}/verify`);
  await p.shot('40-anti-smishing');
  await page.getByLabel('送信元の番号、またはSMSのURL・コード').fill(r.url);
  await page.getByRole('button', { name: '確認する' }).click();
  const status = page.getByRole('status');
  await status.waitFor();
  assert.match(await status.innerText(), /はい、このSMSは 東都大学 学生課 が .+ に送信したものです/u);
  assert.doesNotMatch(await page.locator('body').innerText(), /鈴木/u);
  await p.shot('41-anti-smishing-ours');
  await page.getByLabel('送信元の番号、またはSMSのURL・コード').fill('080-1111-2222');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByText('公式の送信元ではありません').waitFor();
  await p.shot('42-anti-smishing-not-ours');
});
