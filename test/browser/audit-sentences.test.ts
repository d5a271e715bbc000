// The audit log and the route form in a real browser (issue 11 §4): an administrator reads
// 「山田 が 2026年12月 督促 を送信開始（26名）」 with the time in Tokyo, opens the recorded JSON behind its
// disclosure, reads the same line in English ("26 people", "7 Dec 2026"-style dates), and adds a route
// through a form that says what is wrong as it is typed. Screenshots: test-output/screenshots/console-audit-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCampaign } from '../support/factories.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const YAMADA = { login: 'yamada@example.jp', password: 'kansa-Pass-2026', displayName: '山田' };

const stage = consoleStage();

test('the audit log reads in sentences, the JSON one click away; the route form checks as it is typed', { timeout: 120_000 }, async () => {
  const { app, browser } = stage;
  const created = await app.api('POST', '/users', { login: YAMADA.login, password: YAMADA.password, displayName: YAMADA.displayName, role: 'admin' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const campaignId = await createCampaign(app, { name: '2026年12月 督促' });
  // What sending a 26-person campaign writes, as the user 山田.
  await app.app.store.audit.append({ actor: `user:${created.body.user.id}:${YAMADA.login}`, action: 'campaign.send', target: `campaign:${campaignId}`, details: { queued: 26 } });

  const admin: Laptop = await laptop(browser);
  const { page } = admin;
  try {
    await logIn(page, app.url, YAMADA.login, YAMADA.password);

    await page.goto(`${app.url}/console/admin/audit`);
    const sentence = page.getByText('山田 が 2026年12月 督促 を送信開始（26名）', { exact: true });
    await sentence.waitFor();
    const row = page.locator('tr', { has: sentence });
    assert.match((await row.locator('td').first().textContent()) ?? '', /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/u, 'the time as Japan writes it');
    const json = row.locator('details pre');
    assert.equal(await json.isVisible(), false, 'the JSON is behind the disclosure');
    await row.getByText('記録の中身（JSON）').click();
    await json.waitFor();
    assert.match((await json.textContent()) ?? '', /"action": "campaign\.send"[\s\S]*"queued": 26/u);
    await admin.shot('audit-01-sentences');

    // English: the same line with its plural, the date as English writes it.
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('todoku.lang', 'en'));
    await page.reload();
    const english = page.getByText('山田 started sending 2026年12月 督促 (26 people)', { exact: true });
    await english.waitFor();
    assert.match((await page.locator('tr', { has: english }).locator('td').first().textContent()) ?? '', /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}$/u);
    await admin.shot('audit-02-english');
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('todoku.lang', 'ja'));

    // A new SMPP route through the form: a port out of range is named, and saving waits for a valid form.
    await page.goto(`${app.url}/console/admin/routes`);
    await page.getByRole('button', { name: 'ルートを追加' }).click();
    const dialog = page.getByRole('dialog', { name: 'ルートを追加' });
    await dialog.waitFor();
    await dialog.getByLabel('名前').fill('carrier-a');
    await dialog.getByLabel('発信番号').fill('0312345678');
    await dialog.getByLabel('ホスト').fill('smsc.example.net');
    await dialog.getByLabel('ポート').fill('70000');
    await dialog.getByText('1–65535 の範囲で入力してください').waitFor();
    assert.equal(await dialog.getByRole('button', { name: '保存' }).isDisabled(), true);
    await dialog.getByLabel('ポート').fill('2775');
    await dialog.getByLabel('システムID（system_id）').fill('todoku');
    await dialog.getByLabel('パスワード').fill('secret');
    await dialog.getByLabel('長文の分割方式').selectOption('payload');
    assert.equal(await dialog.getByRole('button', { name: '保存' }).isDisabled(), false);
    await dialog.getByText('詳細設定（JSON で編集）').click();
    assert.match(await dialog.locator('textarea').inputValue(), /"concatenation": "payload"/u);
    await admin.shot('audit-03-route-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const saved = (await app.api('GET', '/routes')).body.routes.find((r: { name: string }) => r.name === 'carrier-a');
    assert.equal(saved.config.host, 'smsc.example.net');
    assert.equal(saved.config.port, 2775);
    assert.equal(saved.config.concatenation, 'payload');
    assert.deepEqual(admin.errors, []);
  } catch (err) {
    await admin.shot('audit-failure', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await admin.close();
  }
});
