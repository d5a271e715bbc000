// Self-service on a phone (Chromium, 390×844): after the identity check the person promises to pay by a
// date, asks for instalments, then says they do not recognise the notice (the actions go, the page says
// the messages stopped); and, with JavaScript switched off, someone who is not the addressee says so
// from under the identity check, and another person promises through the plain form. Each step leaves
// a screenshot in test-output/screenshots/ (self-service-*.png).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { launchChromium, phone, SCREENSHOTS, type Phone } from '../support/browser.ts';
import { addDays, dateInZone } from '../../src/core/debtor-actions.ts';

const LIST = [
  '氏名,電話番号,金額,生年月日',
  '山田 太郎,090-5300-0001,12000,1990/01/02',
  '佐藤 花子,090-5300-0002,30000,1985/12/31',
  '鈴木 一郎,090-5300-0003,8000,1970/07/07',
].join('\n');

let t: TestApp;
let c: SentCampaign;
let browser: Browser;
const today = () => dateInZone(Date.now(), 'Asia/Tokyo');

before(async () => {
  t = await startTestApp('sqlite');
  c = await sentCampaign(t, 'セルフサービス（画面）', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(14), notice: '# ご請求のお知らせ\n\n{{name}}様、{{amount}}円のお支払いをお願いします。' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.stop();
});

async function verify(page: Page, path: string, birth: string): Promise<void> {
  await page.goto(`${t.url}${path}`);
  await page.getByLabel('生年月日').fill(birth);
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { name: 'お支払い・お申し出' }).waitFor();
}

test('on a phone: promise, instalments, then a dispute that stops the messages', async () => {
  const p: Phone = await phone(browser, { 'x-forwarded-for': '203.0.113.41' });
  const { page, shot } = p;
  try {
    const r = c.recipients.get('山田 太郎')!;
    await page.goto(`${t.url}${r.path}`);
    await page.getByRole('link', { name: '私は宛先の本人ではありません' }).waitFor();
    await shot('self-service-01-check-with-not-me');

    await verify(page, r.path, '1990/01/02');
    const card = page.locator('#section-self-service');
    await card.scrollIntoViewIfNeeded();
    await shot('self-service-02-actions');

    await card.getByRole('link', { name: '支払いを約束する' }).click();
    await page.getByRole('heading', { level: 1, name: '支払いを約束する' }).waitFor();
    const date = addDays(today(), 5);
    await page.getByLabel('お支払い予定日').fill(date);
    await page.getByLabel(/お支払い予定の金額/u).fill('12000');
    await shot('self-service-03-promise-form');
    await page.getByRole('button', { name: 'この内容で約束する' }).click();
    await page.getByRole('status').getByText('お約束を承りました').waitFor();
    await shot('self-service-04-promise-done');
    await page.getByRole('link', { name: 'お知らせに戻る' }).click();
    await card.getByRole('status').filter({ hasText: 'までにお支払いいただくお約束を承っています' }).waitFor();
    await until('the confirmation SMS at the phone', async () => t.app.simulator!.received().some((m) => m.to.endsWith('9053000001') && /お支払いのお約束を承りました/u.test(m.text)), 10_000);

    await card.getByRole('link', { name: '分割払いを相談したい' }).click();
    await page.getByLabel('ご希望の月々のお支払い額').fill('5000');
    await page.getByLabel(/ご相談内容/u).fill('毎月5千円ずつなら払えます。');
    await shot('self-service-05-instalment-form');
    await page.getByRole('button', { name: '相談を送る' }).click();
    await page.getByRole('status').getByText('ご相談を受け付けました').waitFor();
    await page.getByRole('link', { name: 'お知らせに戻る' }).click();

    await card.getByRole('link', { name: '内容に心当たりがない' }).click();
    await page.getByLabel(/心当たりがない点/u).fill('この金額に覚えがありません。');
    await shot('self-service-06-dispute-form');
    await page.getByRole('button', { name: '心当たりがないと伝える' }).click();
    await page.getByRole('status').getByText('送信を止めます').waitFor();
    await page.getByRole('link', { name: 'お知らせに戻る' }).click();
    await card.getByRole('status').filter({ hasText: '送信を止めています' }).waitFor();
    assert.equal(await card.getByRole('link', { name: '支払いを約束する' }).count(), 0, 'nothing else to ask for until an operator has looked');
    await card.scrollIntoViewIfNeeded();
    await shot('self-service-07-dispute-stopped');

    const kinds = (await t.api('GET', `/debtor-actions?campaign=${c.id}&state=open`)).body.actions.map((a: { kind: string }) => a.kind).sort();
    assert.deepEqual(kinds, ['dispute', 'instalment', 'promise']);
    assert.deepEqual(p.dialogs, []);
  } finally {
    await p.close();
  }
});

/** A phone with JavaScript switched off: the pages are plain forms. */
async function noScriptPhone(ip: string): Promise<{ context: BrowserContext; page: Page; shot(name: string): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': ip } });
  const page = await context.newPage();
  return { context, page, shot: async (name) => void (await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })) };
}

test('without JavaScript: "not me" from under the identity check, and a promise through the plain form', async () => {
  const stranger = await noScriptPhone('203.0.113.42');
  try {
    const r = c.recipients.get('佐藤 花子')!;
    const { page, shot } = stranger;
    await page.goto(`${t.url}${r.path}`);
    await page.getByRole('link', { name: '私は宛先の本人ではありません' }).click();
    await page.getByRole('heading', { level: 1, name: '私は宛先の本人ではありません' }).waitFor();
    assert.doesNotMatch(await page.content(), /佐藤|30000|1985/u, 'nothing about the addressee');
    await shot('self-service-08-not-me-no-js');
    await page.getByRole('button', { name: '宛先の本人ではないと伝える' }).click();
    await page.getByRole('status').getByText('送信を止めました').waitFor();
    await shot('self-service-09-not-me-done-no-js');
    const listed = await t.api('GET', '/misdelivered-numbers');
    assert.deepEqual(listed.body.numbers.map((n: { phone: string }) => n.phone), ['090-****-0002']);
  } finally {
    await stranger.context.close();
  }

  const person = await noScriptPhone('203.0.113.43');
  try {
    const r = c.recipients.get('鈴木 一郎')!;
    const { page, shot } = person;
    await verify(page, r.path, '1970/07/07');
    await page.locator('#section-self-service').getByRole('link', { name: '支払いを約束する' }).click();
    const date = addDays(today(), 3);
    await page.getByLabel('お支払い予定日').fill(date);
    await page.getByRole('button', { name: 'この内容で約束する' }).click();
    await page.getByRole('status').getByText('お約束を承りました').waitFor();
    await shot('self-service-10-promise-done-no-js');
    const promise = (await t.api('GET', `/debtor-actions?kind=promise&campaign=${c.id}&state=open`)).body.actions.find((a: { messageId: number }) => a.messageId === r.messageId);
    assert.equal(promise?.promisedDate, date);
  } finally {
    await person.context.close();
  }
});
