// The recipient's whole path on a phone (Chromium, 390×844): the journey of recipient-journey.test.ts
// (open the link → a wrong birth date → the right one → read the 10,830-character notice) extended with
// what comes after it → download the PDF → answer the survey (a missing answer first) → pay through the
// payment simulator → the campaign shows the recipient paid. Each step leaves a screenshot in
// test-output/screenshots/. The steps plug into the journey's extension point (journey.ts), and the
// journey's own tests run here with them.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../support/app.ts';
import { afterNotice, beforeSend, JOURNEY_RECIPIENT, type JourneyStep } from './journey.ts';
import { pdfText } from '../documents/fixtures.ts';

const DOWNLOADS = 'test-output/downloads';

beforeSend.push(async (t, campaignId) => {
  const invoice = await t.api('PUT', `/campaigns/${campaignId}/documents/invoice`, {
    number: 'INV-{{学籍番号}}',
    paymentInstructions: '{{due_date|date}}までに、お知らせのページの「オンラインで支払う」からお支払いください。',
  });
  assert.equal(invoice.status, 200, JSON.stringify(invoice.body));
  const survey = await t.api('PUT', `/campaigns/${campaignId}/survey`, {
    title: 'お支払いについてのアンケート',
    questions: [
      { id: 'plan', type: 'single', label: 'お支払いの予定', required: true, options: [{ id: 'now', label: '今月中に支払う' }, { id: 'split', label: '分割を相談したい' }] },
      { id: 'reach', type: 'multiple', label: '連絡のつきやすい方法', options: ['SMS', '電話', 'メール'] },
      { id: 'date', type: 'date', label: 'お支払い予定日' },
    ],
  });
  assert.equal(survey.status, 200, JSON.stringify(survey.body));
});

const steps: JourneyStep[] = [
  {
    name: '06-pdf-downloaded',
    async run({ t, page, campaignId, recipient }) {
      const section = page.locator('#section-pdf');
      await section.getByRole('heading', { name: '請求書' }).waitFor();
      await section.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: 'PDFをダウンロード' }).click()]);
      mkdirSync(DOWNLOADS, { recursive: true });
      const file = join(DOWNLOADS, download.suggestedFilename());
      await download.saveAs(file);
      assert.equal(download.suggestedFilename(), '請求書.pdf');
      const text = pdfText(readFileSync(file));
      assert.match(text, new RegExp(`${JOURNEY_RECIPIENT} 様`, 'u'));
      assert.match(text, /¥12,345/u);
      assert.match(text, /INV-S2024-0001/u);
      const downloads = await t.api('GET', `/campaigns/${campaignId}/documents/downloads`);
      assert.deepEqual(downloads.body.downloads.map((d: { messageId: number }) => d.messageId), [recipient.messageId]);
    },
  },
  {
    name: '07-survey-answered',
    async run({ t, page, campaignId, shot }) {
      const form = page.locator('#section-survey');
      await form.getByRole('checkbox', { name: 'SMS' }).check();
      await form.getByRole('button', { name: '回答を送信する' }).click();
      // The required question was left out: the phone itself says so, no script needed (the server
      // checks again, tested over HTTP).
      const required = form.getByRole('radio', { name: '今月中に支払う' });
      assert.equal(await required.evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing), true);
      assert.equal(await form.getByRole('status').count(), 0, 'nothing was stored');
      await form.scrollIntoViewIfNeeded();
      await shot('07a-survey-required-answer');

      await page.getByRole('radio', { name: '分割を相談したい' }).check();
      await page.getByLabel('3. お支払い予定日').fill('2026-12-10');
      await page.getByRole('button', { name: '回答を送信する' }).click();
      const done = page.locator('#section-survey').getByRole('status');
      await done.waitFor();
      assert.match(await done.innerText(), /回答済みです/u);
      await page.locator('#section-survey').scrollIntoViewIfNeeded();
      const results = await t.api('GET', `/campaigns/${campaignId}/survey/results`);
      assert.equal(results.body.answered, 1);
      assert.deepEqual(results.body.questions[0].options.map((o: { count: number }) => o.count), [0, 1]);
    },
  },
  {
    name: '08-payment-simulator',
    async run({ page, shot }) {
      const section = page.locator('#section-payment');
      assert.match(await section.innerText(), /お支払い金額: ¥12,345/u);
      await section.scrollIntoViewIfNeeded();
      await shot('08a-pay-button');
      await section.getByRole('button', { name: 'オンラインで支払う' }).click();
      await page.getByRole('heading', { name: 'お支払い' }).waitFor();
      assert.match(await page.locator('body').innerText(), /決済シミュレーター[\s\S]*¥12,345/u);
    },
  },
  {
    name: '09-paid-confirmed',
    async run({ page }) {
      await page.getByRole('button', { name: '支払う / Pay' }).click();
      await page.getByRole('heading', { level: 1, name: 'お支払い' }).waitFor();
      // The return page says what the provider's webhook has settled so far; it is soon paid.
      await until('the payment is confirmed on the page', async () => {
        const text = await page.locator('main').innerText();
        if (text.includes('お支払いを確認しました')) return true;
        await page.reload();
        return false;
      }, 10_000, 200);
    },
  },
  {
    name: '09b-campaign-shows-paid',
    async run({ t, page, campaignId, recipient }) {
      const campaign = await t.api('GET', `/campaigns/${campaignId}`);
      assert.deepEqual(campaign.body.recipientActions, { paid: 1, paymentPending: 0, answered: 1, downloaded: 1 });
      const payments = await t.api('GET', `/campaigns/${campaignId}/payments?state=paid`);
      assert.deepEqual(payments.body.payments.map((p: { messageId: number; paidAmount: number }) => [p.messageId, p.paidAmount]), [[recipient.messageId, 12345]]);
      await page.getByRole('link', { name: 'お知らせに戻る' }).click();
      const section = page.locator('#section-payment');
      await section.getByRole('status').waitFor();
      assert.match(await section.innerText(), /お支払いを確認しました/u);
      assert.equal(await section.getByRole('button', { name: 'オンラインで支払う' }).count(), 0);
      await section.scrollIntoViewIfNeeded();
    },
  },
];
afterNotice.push(...steps);

// The journey's tests, now with these steps after the notice.
await import('./recipient-journey.test.ts');
