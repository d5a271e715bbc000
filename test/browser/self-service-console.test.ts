// The operator's side of self-service in the console: two people used their page (a dispute, and "not
// me" from under the identity check); an operator finds them in the inbox's 「申出（タスク）」 tab, upholds
// the dispute with a note, confirms the report, then takes the number off the 「宛先違いリスト」; and the
// campaign's page settings show which actions are offered. Screenshots: console-self-service-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inDays, sentCampaign } from '../support/factories.ts';
import { Visitor } from '../web/pages/visitor.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const OPERATOR = { login: 'tantou@example.jp', password: 'tantou-Pass-2026', displayName: '督促 担当' };
const stage = consoleStage();

test('an operator reviews a dispute and a "not me" report, and empties the misdelivery list', { timeout: 120_000 }, async () => {
  const { app, browser } = stage;
  assert.equal((await app.api('POST', '/users', { ...OPERATOR, role: 'operator' })).status, 201);
  const c = await sentCampaign(app, '1月 督促', ['氏名,電話番号,金額,生年月日', '山田 太郎,090-5400-0001,12000,1990/01/02', '佐藤 花子,090-5400-0002,30000,1985/12/31'].join('\n'), {
    verification: { method: 'birth_date' },
    expiresAt: inDays(14),
    notice: '{{name}}様 {{amount}}円のお支払いをお願いします。',
  });
  // 山田 disputes after the check; someone at 佐藤's number says it is not them.
  const yamada = c.recipients.get('山田 太郎')!;
  const v = new Visitor(app.url);
  await v.post(`${yamada.path}/verify`, await v.get(yamada.path), { answer: '1990-01-02' });
  const dispute = await v.get(`${yamada.path}/self-service/dispute`);
  assert.equal((await v.post(`${yamada.path}/self-service/dispute`, dispute, { note: 'この請求は完済済みです' })).status, 303);
  const sato = c.recipients.get('佐藤 花子')!;
  const w = new Visitor(app.url);
  assert.equal((await w.post(`${sato.path}/self-service/not-me`, await w.get(`${sato.path}/self-service/not-me`), {})).status, 303);

  const office: Laptop = await laptop(browser);
  const { page } = office;
  try {
    await logIn(page, app.url, OPERATOR.login, OPERATOR.password);
    await page.getByRole('link', { name: '受信箱' }).first().click();
    const tabs = page.getByRole('navigation', { name: '受信箱の表示' });
    await tabs.getByRole('link', { name: /申出（タスク）/u }).click();
    await page.getByRole('heading', { name: '受取人からの申出', level: 1 }).waitFor();
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: /山田 太郎/u }).waitFor();
    await table.getByText('この請求は完済済みです').waitFor();
    await office.shot('self-service-requests');

    await page.getByRole('button', { name: '山田 太郎 の申出に対応する' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('メモ（記録に残ります）').fill('入金記録を確認。請求を取り下げ。');
    await office.shot('self-service-review');
    await dialog.getByRole('button', { name: '異議を認める' }).click();
    await table.getByRole('rowheader', { name: /山田 太郎/u }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: /佐藤 花子 の申出に対応する/u }).click();
    await page.getByRole('dialog').getByRole('button', { name: '宛先違いを確認' }).click();
    await page.getByText('該当する申出はありません。').waitFor();

    await tabs.getByRole('link', { name: '宛先違いリスト' }).click();
    await page.getByRole('heading', { name: '宛先違いリスト', level: 1 }).waitFor();
    await page.getByRole('rowheader', { name: '090-****-0002' }).waitFor();
    await office.shot('self-service-misdelivered');
    await page.getByRole('button', { name: '090-****-0002 をリストから外す' }).click();
    await page.getByText('宛先違いリストに番号はありません。').waitFor();

    const reviewed = (await app.api('GET', `/debtor-actions?campaign=${c.id}`)).body.actions.map((a: { kind: string; state: string; resolvedBy: string }) => [a.kind, a.state]);
    assert.deepEqual(reviewed, [['not_me', 'resolved'], ['dispute', 'resolved']]);
    const audit = (await app.api('GET', '/audit?limit=20')).body;
    assert.ok(JSON.stringify(audit).includes('debtor_action.resolve'));

    // The campaign's page settings show the self-service choices.
    await page.goto(`${app.url}/console/campaigns/${c.id}/setup/page`);
    const form = page.getByRole('form', { name: '受取人のセルフサービス' });
    await form.getByRole('checkbox', { name: '「分割払いを相談したい」を表示する' }).uncheck();
    await form.getByRole('button', { name: 'セルフサービスの設定を保存' }).click();
    await form.getByText('保存しました').waitFor();
    await form.scrollIntoViewIfNeeded();
    await office.shot('self-service-settings');
    assert.equal((await app.api('GET', `/campaigns/${c.id}/self-service`)).body.instalment, false);
    assert.deepEqual(office.errors, []);
  } finally {
    await office.close();
  }
});
