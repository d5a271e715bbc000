// The wizard's last step says, before anyone presses send, what the server would refuse: a template with
// {{url}} and no recipient page (issue 11 §2) is named with its fix, and the send button stays off; once a
// page is set, the step is ready. Screenshot: test-output/screenshots/console-send-blocker.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignWithList, setLandingPage } from '../support/factories.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const OPERATOR = { login: 'tantou@example.jp', password: 'tantou-Pass-2026', displayName: '担当' };

const stage = consoleStage();

test('a {{url}} template without a recipient page is named on the send step, with its fix, before sending', { timeout: 120_000 }, async () => {
  const { app, browser } = stage;
  assert.equal((await app.api('POST', '/users', { ...OPERATOR, role: 'operator' })).status, 201);
  const { id } = await campaignWithList(app, { name: 'リンク先なし', template: '{{name}}様 東都大学 学生課です。お支払いのご案内: {{url}}' }, ['氏名,電話番号,生年月日', '山田 太郎,090-6200-0001,1990-01-02']);
  const operator: Laptop = await laptop(browser);
  const { page } = operator;
  try {
    await logIn(page, app.url, OPERATOR.login, OPERATOR.password);

    await page.goto(`${app.url}/console/campaigns/${id}/setup/send`);
    const blocker = page.getByRole('alert').filter({ hasText: '受信者ページ' });
    await blocker.waitFor();
    assert.match((await blocker.textContent()) ?? '', /\{\{url\}\}/u, 'says which part of the template needs the page');
    await operator.shot('send-blocker', { fullPage: true });
    const send = page.getByRole('button', { name: /送信/u }).last();
    assert.equal(await send.isDisabled(), true, 'nothing can be sent from here');

    await setLandingPage(app, id, { verification: { method: 'birth_date' }, expiresAt: null, notice: '# お支払いのご案内' });
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.getByRole('alert').filter({ hasText: '受信者ページ' }).count(), 0, 'with a page, the step no longer objects');
    assert.deepEqual(operator.errors, [], 'no script error');
  } catch (err) {
    await operator.shot('failure-send-blocker', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await operator.close();
  }
});
