// Consent in the console (issue 12, requirement 8): a campaign marked 債権譲渡通知 shows which rows of its
// list have no recorded consent; an operator records it in the row dialog (method, date, note), and the
// send step, which named the row as what refuses the send, no longer objects. Screenshots:
// test-output/screenshots/console-consent-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importList } from '../support/factories.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const OPERATOR = { login: 'doui@example.jp', password: 'doui-Pass-2026', displayName: '同意担当' };

const stage = consoleStage();

test('an operator records a missing consent in the list, and the formal notice can then be sent', { timeout: 120_000 }, async () => {
  const { app, browser } = stage;
  assert.equal((await app.api('POST', '/users', { ...OPERATOR, role: 'operator' })).status, 201);
  const created = await app.api('POST', '/campaigns', { name: '債権譲渡のご通知', template: '{{name}}様 債権譲渡のご通知です。', formality: 'assignment', policyPack: 'none' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as number;
  await importList(app, id, ['氏名,電話番号,同意日,同意方法', '山田 太郎,090-6300-0001,2024/04/01,書面', '佐藤 花子,090-6300-0002,,']);

  const operator: Laptop = await laptop(browser);
  const { page } = operator;
  try {
    await logIn(page, app.url, OPERATOR.login, OPERATOR.password);
    await page.goto(`${app.url}/console/campaigns/${id}/setup/send`);
    const blocker = page.getByRole('alert').filter({ hasText: '債権譲渡通知' });
    await blocker.waitFor();
    assert.match((await blocker.textContent()) ?? '', /3行目/u, 'the send step names the row without consent');

    await page.goto(`${app.url}/console/campaigns/${id}/setup/recipients`);
    const line2 = page.locator('tr[data-line="2"]');
    const line3 = page.locator('tr[data-line="3"]');
    await line3.waitFor();
    assert.match((await line2.locator('td.consent').textContent()) ?? '', /2024-04-01 書面/u);
    assert.equal((await line3.locator('td.consent .badge.warn').textContent())?.trim(), '未記録', 'a formal notice marks the row');
    await operator.shot('consent-missing', { fullPage: true });

    await line3.getByRole('button', { name: '編集' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('同意方法').selectOption('electronic');
    await dialog.getByLabel('同意日').fill('2024-05-10');
    await dialog.getByLabel(/取得の記録/u).fill('申込フォームで同意');
    await operator.shot('consent-dialog');
    await dialog.getByRole('button', { name: '保存' }).click();
    await line3.locator('td.consent', { hasText: '2024-05-10' }).waitFor();
    assert.match((await line3.locator('td.consent').textContent()) ?? '', /2024-05-10 電子/u);
    await operator.shot('consent-recorded', { fullPage: true });

    const rows = await app.api('GET', `/campaigns/${id}/recipients`);
    assert.deepEqual(rows.body.recipients[1].consent, { date: '2024-05-10', method: 'electronic', note: '申込フォームで同意' });
    await page.goto(`${app.url}/console/campaigns/${id}/setup/send`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.getByRole('alert').filter({ hasText: '債権譲渡通知' }).count(), 0, 'with every consent recorded, the step no longer objects');
    assert.deepEqual(operator.errors, [], 'no script error');
  } catch (err) {
    await operator.shot('failure-consent', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await operator.close();
  }
});
