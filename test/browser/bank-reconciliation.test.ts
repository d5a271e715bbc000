// The 入金消込 page in a real browser: an operator uploads the bank's 振込入金通知 (Shift_JIS bytes), reads
// what it did in counts and the rows worth a look, then resolves the two credits nobody could be matched
// to: finds the right 田中 among two of the same name and applies the credit, and sets the other aside.
// Screenshots: test-output/screenshots/console-bank-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { until } from '../support/app.ts';
import { zenginFile } from '../support/bank-files.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const OPERATOR = { login: 'keiri@example.jp', password: 'keiri-Pass-2026', displayName: '経理 担当' };
const stage = consoleStage();

test('an operator imports a bank file, reads the counts, assigns one credit and sets another aside', { timeout: 120_000 }, async () => {
  const { app, browser } = stage;
  assert.equal((await app.api('POST', '/users', { ...OPERATOR, role: 'operator' })).status, 201);
  const { id } = await campaignWithList(app, { name: '12月 授業料', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, [
    '氏名,電話番号,金額,学籍番号,フリガナ',
    '山田 太郎,090-3300-0001,35000,1234567,ヤマダ タロウ',
    '田中 一郎,090-3300-0002,5000,2000002,タナカ イチロウ',
    '田中 市郎,090-3300-0003,5000,2000003,タナカ イチロウ',
  ].join('\n'));
  await sendCampaign(app, id);
  const messages = await until('messages handed over', async () => {
    const list = (await app.api('GET', `/campaigns/${id}/messages`)).body.messages as { id: number; to: string; state: string }[];
    return list.length === 3 && list.every((m) => m.state !== 'queued') ? list : undefined;
  });
  const tanaka = messages.find((m) => m.to === '+819033000002')!.id;

  const office: Laptop = await laptop(browser);
  const { page } = office;
  try {
    await logIn(page, app.url, OPERATOR.login, OPERATOR.password);
    await page.getByRole('link', { name: '入金消込' }).click();
    await page.getByRole('heading', { name: '入金消込', level: 1 }).waitFor();
    await page.getByText('消込できていない入金はありません').waitFor();

    await page.getByLabel('ファイル（全銀協フォーマットまたはCSV）').setInputFiles({
      name: 'FURIKOMI.TXT',
      mimeType: 'text/plain',
      buffer: zenginFile('01', [
        { inquiry: '000101', date: '2026-12-04', amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ' },
        { inquiry: '000102', date: '2026-12-04', amount: 5_000, payerName: 'ﾀﾅｶ ｲﾁﾛｳ' },
        { inquiry: '000103', date: '2026-12-05', amount: 3_000, payerName: 'ｺﾊﾞﾔｼ ﾏｺﾄ' },
      ]),
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    const status = page.getByRole('status');
    await status.getByText('振込入金通知を取り込みました').waitFor();
    const count = async (term: string) => (await status.locator('dl div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd').textContent())?.trim();
    assert.equal(await count('消込'), '1');
    assert.equal(await count('未消込'), '2');
    await status.getByRole('cell', { name: '同じフリガナと金額の人が複数います' }).waitFor();
    const table = page.getByRole('table').last();
    await table.getByRole('rowheader', { name: 'ﾀﾅｶ ｲﾁﾛｳ' }).waitFor();
    await office.shot('bank-01-imported', { fullPage: true });

    // The ambiguous 田中: search the list, and apply the credit to the right one.
    await page.getByRole('button', { name: 'ﾀﾅｶ ｲﾁﾛｳ の消込先を探す' }).click();
    const dialog = page.getByRole('dialog', { name: 'ﾀﾅｶ ｲﾁﾛｳ（¥5,000）の消込先' });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel('氏名・フリガナ・顧客番号').inputValue(), 'ﾀﾅｶ ｲﾁﾛｳ');
    await dialog.getByRole('button', { name: '探す' }).click();
    await dialog.getByRole('rowheader', { name: '田中 市郎' }).waitFor();
    await office.shot('bank-02-find-person');
    await dialog.getByRole('button', { name: '田中 一郎 に消込' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await table.getByRole('rowheader', { name: 'ﾀﾅｶ ｲﾁﾛｳ' }).waitFor({ state: 'detached' });

    // The stranger's credit: set aside (the confirmation is accepted).
    await page.getByRole('button', { name: 'ｺﾊﾞﾔｼ ﾏｺﾄ を対象外にする' }).click();
    await page.getByText('消込できていない入金はありません').waitFor();
    assert.deepEqual(office.dialogs, ['confirm: ｺﾊﾞﾔｼ ﾏｺﾄ（¥3,000）を対象外にしますか？']);
    await office.shot('bank-03-resolved');
    assert.deepEqual(office.errors, []);

    const paid = (await app.api('GET', `/campaigns/${id}/payments`)).body;
    assert.equal(paid.counts.paid, 2);
    assert.ok((paid.payments as { messageId: number; state: string }[]).some((p) => p.messageId === tanaka && p.state === 'paid'), 'the 田中 chosen has paid');
  } finally {
    await office.close();
  }
});
