// The 督促シナリオ page in a real browser: an operator opens a sent campaign's cadence tab and builds three
// steps in the editor, starting from the built-in 「未開封者への再通知」 (moved to the start: a re-notice at
// once to those who have not opened), then a reminder 「期日の3日前 10:00」 and a notice 「期日翌日」 to those
// who have not paid, each time typed in words; runs the dry run and reads, per person, which steps would
// go and when in Japan time, and why not (no due date; already paid by bank transfer); exports the file,
// saves, starts it after a confirmation, and follows it per step: step 1 sent and delivered, who left and
// why, who is where, who is done, and one person taken out by hand; pauses it, reads an edited YAML file
// back in and resumes it. Then the same page in English.
// Screenshots: test-output/screenshots/console-cadence-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { until } from '../support/app.ts';
import { zenginFile } from '../support/bank-files.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const OPERATOR = { login: 'tokusoku@example.jp', password: 'tokusoku-Pass-2026', displayName: '督促 担当' };
// Someone whose last step waits is looked at again 1 s after it may go (30 s in production), so 全ステップ終了
// follows at the cadence's next tick instead of half a minute later.
const stage = consoleStage({ TODOKU_CADENCE_RECHECK_MS: '1000' });
const DAY = 86_400_000;

/** Today in Tokyo plus `days`, as YYYY-MM-DD. */
const tokyoDate = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
/** A Tokyo date and time as the console writes it in Japanese (2026/12/01 10:00). */
const shown = (date: string, time: string) =>
  new Intl.DateTimeFormat('ja-JP', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(`${date}T${time}:00+09:00`));
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

async function download(page: Page, button: Locator): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return readFile((await file.path())!, 'utf8');
}

test('an operator builds a 3-step cadence, reads its dry run, starts it and follows it per step', { timeout: 180_000 }, async () => {
  const { app, browser } = stage;
  assert.equal((await app.api('POST', '/users', { ...OPERATOR, role: 'operator' })).status, 201);
  const due = tokyoDate(10);
  const { id } = await campaignWithList(app, { name: '12月 授業料', template: '{{name}}様 授業料のお支払いをお願いします。経理課', policyPack: 'none' }, [
    '氏名,電話番号,金額,学籍番号,支払期限',
    `山田 太郎,090-3400-0001,35000,1234567,${due}`,
    `佐藤 花子,090-3400-0002,35000,1234568,${due}`,
    '鈴木 一郎,090-3400-0003,35000,1234569,',
  ].join('\n'));
  await sendCampaign(app, id);
  await until('the campaign handed over', async () => {
    const list = (await app.api('GET', `/campaigns/${id}/messages`)).body.messages as { state: string }[];
    return list.length === 3 && list.every((m) => m.state !== 'queued') ? list : undefined;
  });
  // 山田 pays by bank transfer before the cadence starts: the dry run and the start both know it.
  const bank = await app.api('POST', '/payments/bank-files', zenginFile('01', [{ inquiry: '000201', date: tokyoDate(0), amount: 35_000, payerName: '1234567ﾔﾏﾀﾞ ﾀﾛｳ' }]), { contentType: 'text/plain' });
  assert.equal(bank.status, 200, JSON.stringify(bank.body));

  const office: Laptop = await laptop(browser);
  const { page } = office;
  try {
    await logIn(page, app.url, OPERATOR.login, OPERATOR.password);
    await page.getByRole('link', { name: '12月 授業料' }).click();
    await page.getByRole('navigation', { name: 'キャンペーンの画面' }).getByRole('link', { name: '督促シナリオ' }).click();
    await page.getByRole('heading', { name: /督促シナリオ/, level: 1 }).waitFor();

    // Three steps: the built-in 「未開封者への再通知」 to start from, moved to the start (a re-notice at once to
    // those who have not opened), then a reminder 「期日の3日前 10:00」 and a notice 「期日翌日」 to those
    // who have not paid, each time typed in words.
    await page.getByRole('button', { name: '「未開封者への再通知」から始める' }).click();
    const steps = page.locator('li.cadence-step');
    assert.equal(await steps.count(), 1);
    assert.equal(await page.getByTestId('step-1-when').textContent(), '前回から2日後');
    assert.equal(await page.getByTestId('step-1-who').textContent(), '未開封の人に送ります。');
    await page.getByLabel('シナリオ名').fill('12月 授業料の督促');
    const build = async (n: number, words: string, name?: string, text?: string) => {
      const card = steps.nth(n - 1);
      if (name) await card.getByLabel('ステップ名').fill(name);
      await card.getByLabel('言葉で指定').fill(words);
      await card.getByRole('button', { name: '反映' }).click();
      if (text) await page.getByLabel(`ステップ${n}の本文`).fill(text);
    };
    await build(1, '開始時');
    await page.getByRole('button', { name: '＋ ステップを追加' }).click();
    await build(2, '期日の3日前 10:00', '期日前のお知らせ', '{{name}}様 授業料のお支払期限が近づいています。経理課');
    await page.getByRole('button', { name: '＋ ステップを追加' }).click();
    await build(3, '期日翌日', '期日翌日の督促', '{{name}}様 授業料のお支払いが確認できていません。経理課');
    await steps.nth(2).getByLabel('未入金の人', { exact: true }).check();
    assert.equal(await page.getByTestId('step-1-when').textContent(), '開始時');
    assert.equal(await page.getByTestId('step-1-who').textContent(), '未開封の人に送ります。', 'the condition stays when the time changes');
    assert.equal(await page.getByTestId('step-2-when').textContent(), '期日の3日前 10:00');
    assert.equal(await page.getByTestId('step-2-who').textContent(), 'シナリオから離脱していない全員に送ります。');
    assert.equal(await page.getByTestId('step-3-when').textContent(), '期日翌日 10:00');
    assert.equal(await page.getByTestId('step-3-who').textContent(), '未入金の人に送ります。');

    // Words it cannot read are named, and change nothing; words that carry a condition tick it.
    await steps.nth(2).getByLabel('言葉で指定').fill('そのうち');
    await steps.nth(2).getByRole('button', { name: '反映' }).click();
    await steps.nth(2).getByRole('alert').getByText('「そのうち」を読めません').waitFor();
    assert.equal(await page.getByTestId('step-3-when').textContent(), '期日翌日 10:00');
    await page.getByRole('button', { name: '＋ ステップを追加' }).click();
    await build(4, '未開封なら2日後');
    assert.equal(await page.getByTestId('step-4-when').textContent(), '前回から2日後');
    assert.equal(await steps.nth(3).getByLabel('未開封の人', { exact: true }).isChecked(), true);
    await page.getByRole('button', { name: '「ステップ4」を削除' }).click();
    assert.equal(await steps.count(), 3);

    // The dry run of what is on screen (not yet saved): for each person, which steps and when, or why not.
    const startAt = await page.getByLabel('開始日時（日本時間）').inputValue();
    await page.getByRole('button', { name: 'ドライランを実行' }).click();
    const plan = (name: string) => page.getByRole('table', { name: new RegExp(`^${name}`) });
    const cells = async (name: string) => (await plan(name).getByRole('cell').allTextContents()).map((s) => s.trim());
    await plan('佐藤 花子').waitFor();
    assert.match((await plan('佐藤 花子').locator('caption').textContent())!, new RegExp(`支払期限 ${due}`));
    const atStart = shown(startAt.slice(0, 10), startAt.slice(11, 16));
    assert.deepEqual(await cells('佐藤 花子'), [
      `送信予定 ${atStart} （条件次第）`,
      `送信予定 ${shown(addDays(due, -3), '10:00')}`,
      `送信予定 ${shown(addDays(due, 1), '10:00')} （条件次第）`,
    ]);
    assert.deepEqual(await cells('鈴木 一郎'), [`送信予定 ${atStart} （条件次第）`, '送らない 支払期限がない', '送らない 支払期限がない']);
    assert.deepEqual(await cells('山田 太郎'), ['離脱後 入金済み', '離脱後 入金済み', '離脱後 入金済み']);
    await page.getByText(/^離脱: 入金済み/).waitFor();
    await office.shot('cadence-01-editor-dry-run', { fullPage: true });

    // The file an office keeps: times in its own words.
    const yaml = await download(page, page.getByRole('button', { name: 'YAMLで書き出す' }));
    assert.match(yaml, /at: 開始時\n/);
    assert.match(yaml, /at: 期日の3日前 10:00\n/);
    assert.match(yaml, /at: 期日翌日\n/);
    const json = JSON.parse(await download(page, page.getByRole('button', { name: 'JSONで書き出す' }))) as { steps: { at: unknown; when: string[] }[] };
    assert.deepEqual(json.steps.map((s) => s.when), [['not_opened'], [], ['not_paid']]);

    // Saved, then started after a confirmation that names the steps.
    await page.getByRole('button', { name: 'シナリオを保存' }).click();
    await page.getByText('督促シナリオを保存しました').waitFor();
    await page.getByRole('button', { name: '開始', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: '督促シナリオを開始しますか？' });
    await confirm.getByText('期日の3日前 10:00').waitFor();
    await office.shot('cadence-02-start-confirm');
    await confirm.getByRole('button', { name: '開始する' }).click();
    await confirm.waitFor({ state: 'hidden' });

    // Tracking per step: 山田 left as paid before any step; 佐藤 and 鈴木 got step 1 at once (neither has
    // opened), delivered; 鈴木, with no due date, passed steps 2 and 3 and is done; 佐藤 waits for step 2.
    await page.getByRole('heading', { name: 'ステップ別の進捗', level: 2 }).waitFor();
    await page.getByTestId('step-1-delivered').filter({ hasText: /^2$/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('step-3-reached').filter({ hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('step-1-sent').textContent(), '2');
    assert.equal(await page.getByTestId('step-1-reached').textContent(), '2');
    assert.equal(await page.getByTestId('step-1-current').textContent(), '1');
    assert.equal(await page.getByTestId('step-2-skipped').textContent(), '1');
    // Done once the last step's message has gone (looked at again TODOKU_CADENCE_RECHECK_MS after it may go).
    await page.getByTestId('members-done').filter({ hasText: /^1$/ }).waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: '入金済み 1' }).waitFor();

    // Who is done: 鈴木, with the steps not sent and why.
    await page.getByRole('combobox', { name: /^状態/ }).selectOption({ label: '全ステップ終了' });
    const members = page.getByRole('table', { name: 'ステップごとの宛先' });
    await members.getByRole('rowheader', { name: /佐藤 花子/ }).waitFor({ state: 'detached' });
    const suzukiRow = members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /鈴木 一郎/ }) });
    await suzukiRow.getByRole('cell', { name: '2: 支払期限がない / 3: 支払期限がない' }).waitFor();
    assert.equal(await members.getByRole('rowheader').count(), 1);
    await page.getByRole('button', { name: '絞り込みを解除' }).click();
    await members.getByRole('rowheader', { name: /佐藤 花子/ }).waitFor();
    await office.shot('cadence-03-tracking', { fullPage: true });

    // 佐藤 taken out by hand: the reason shows on her row and in the counts of step 1.
    await page.getByRole('button', { name: '佐藤 花子 をシナリオから外す' }).click();
    const takeOut = page.getByRole('dialog', { name: 'シナリオから外しますか？' });
    await takeOut.getByRole('button', { name: 'シナリオから外す' }).click();
    await takeOut.waitFor({ state: 'hidden' });
    const satoRow = members.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /佐藤 花子/ }) });
    await satoRow.getByText('担当者が停止').waitFor();
    await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^ステップ1/ }) }).getByRole('button', { name: '担当者が停止 1' }).waitFor();

    // Paused, its file read back in with the reminder moved (the office edited the YAML), and resumed.
    await page.getByRole('button', { name: '一時停止', exact: true }).click();
    await page.getByRole('dialog', { name: '督促シナリオを一時停止しますか？' }).getByRole('button', { name: '一時停止する' }).click();
    await page.getByRole('link', { name: 'ステップを編集' }).click();
    await page.getByLabel('ファイルから読み込む').setInputFiles({ name: 'tokusoku.yaml', mimeType: 'text/yaml', buffer: Buffer.from(yaml.replace('期日の3日前 10:00', '期日の5日前 9:00')) });
    await page.getByTestId('step-2-when').filter({ hasText: '期日の5日前 09:00' }).waitFor();
    assert.deepEqual(office.dialogs, ['confirm: 「tokusoku.yaml」の内容で督促シナリオを置き換えて保存しますか？']);
    await office.shot('cadence-04-paused-imported');
    await page.getByRole('button', { name: '再開', exact: true }).click();
    await page.getByRole('dialog', { name: '督促シナリオを再開しますか？' }).getByRole('button', { name: '再開する' }).click();
    await page.getByRole('link', { name: 'ステップ別の進捗' }).click();

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Progress per step', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Paid 1' }).waitFor();
    await office.shot('cadence-05-tracking-en', { fullPage: true });
    await page.getByRole('link', { name: 'Steps', exact: true }).click();
    await page.getByTestId('step-2-when').filter({ hasText: '5 days before the due date, 09:00' }).waitFor();
    await page.getByRole('button', { name: '日本語' }).click();
    assert.deepEqual(office.errors, []);

    const cadence = (await app.api('GET', `/campaigns/${id}/cadence`)).body as { state: string; left: Record<string, number> };
    assert.equal(cadence.state, 'running');
    assert.equal(cadence.left.paid, 1);
    assert.equal(cadence.left.operator, 1);
  } finally {
    await office.close();
  }
});
