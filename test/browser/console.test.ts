// The operator console in a real browser against the whole running app (web, dispatcher, SMSC simulator
// over SMPP): an administrator logs in, drives the wizard from a Shift_JIS (CP932) CSV as Excel saves it
// to delivered messages, watches the funnel move without reloading (Server-Sent Events) as a recipient
// opens their link, reads a message's timeline, answers an SMS reply in the inbox, visits every
// administration screen; a viewer finds no send, pause, cancel or reply button and the API refuses
// them (403). Screenshots of every screen go to test-output/screenshots/console-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { readCertificateFile } from '../../src/core/evidence/certificate-file.ts';
import { verifyCertificate } from '../../src/core/evidence/verify-certificate.ts';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, until, type TestApp } from '../support/app.ts';
import { campaignWithList, createCampaign, sendCampaign } from '../support/factories.ts';
import { launchChromium } from '../support/browser.ts';
import { ensureConsoleBuilt, laptop, type Laptop } from './console-support.ts';

const ADMIN = { login: 'soumu@example.jp', password: 'kanri-Pass-2026', displayName: '総務 花子' };
const REPLY_FROM = '+819012345678';

/** The list as a finance office keeps it: the phone column under a header Todoku does not know (連絡先). */
function tuitionCsv(): Buffer {
  const rows = [
    '学籍番号,氏名,連絡先,金額,支払期限,生年月日,備考',
    'S0001,山田 太郎,090-1234-5678,12000,2026-12-20,2004-04-01,前期分',
    'S0002,佐藤 花子,080-2345-6789,34500,2026-12-20,2003-11-15,',
    'S0003,鈴木 一郎,03-3123-4567,5000,2026-12-20,2004-01-09,',
    'S0004,高橋 美咲,０７０－３４５６－７８９０,8800,2026-12-20,2004-07-30,分納',
    'S0005,田中 健,090-1234-5678,1000,2026-12-20,2002-05-05,',
    'S0006,伊藤 さくら,12345,4000,2026-12-20,2003-03-03,',
    'S0007,渡辺 翔,090-8765-4321,22000,2026-12-20,2004-12-24,',
  ];
  return iconv.encode(rows.join('\r\n') + '\r\n', 'CP932');
}

let app: TestApp;
let browser: Browser;

before(async () => {
  await ensureConsoleBuilt();
  app = await startTestApp('sqlite');
  browser = await launchChromium();
  const created = await app.api('POST', '/users', { login: ADMIN.login, password: ADMIN.password, displayName: ADMIN.displayName, role: 'admin' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  // The recipient on line 2 answers the notice by SMS once it is delivered.
  const sim = await app.api('PUT', '/simulator/settings', { moScript: { [REPLY_FROM]: ['来週の金曜日に払います'] }, moDelayMs: 300 });
  assert.equal(sim.status, 200);
});

after(async () => {
  await browser?.close();
  await app?.stop();
});

async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('ログインID', { exact: true }).fill(login);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

test('an administrator sends a CP932 list through the wizard, watches it live, answers a reply; a viewer cannot send', { timeout: 240_000 }, async () => {
  const admin: Laptop = await laptop(browser);
  try {
    await journey(admin);
  } catch (err) {
    // What the screen showed when it went wrong, for whoever reads the failure.
    await admin.shot('failure', { fullPage: true }).catch(() => {});
    if (admin.errors.length) console.error(admin.errors.join('\n'));
    throw err;
  } finally {
    await admin.close();
  }
});

async function journey(admin: Laptop): Promise<void> {
  const { page } = admin;

  // 1. Login.
  await page.goto(`${app.url}/`);
  await page.getByRole('heading', { name: 'ログイン' }).waitFor();
  await admin.shot('01-login');
  await logIn(page, ADMIN.login, ADMIN.password);
  await page.getByRole('heading', { name: 'キャンペーン', level: 1 }).waitFor();
  assert.match(page.url(), /\/console\/$/);

  // 2. A new campaign, then its list: the header 連絡先 is not a known phone header, so the preview says so.
  await page.getByLabel('キャンペーン名').fill('2026年12月 授業料督促');
  await admin.shot('02-campaigns');
  await page.getByRole('button', { name: '作成して宛先を登録' }).click();
  await page.getByRole('heading', { name: '宛先リスト', level: 2 }).waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: '滞納者リスト.csv', mimeType: 'text/csv', buffer: tuitionCsv() });
  await page.getByText('電話番号の列が見つかりません').waitFor();
  await page.getByText('文字コード: Shift_JIS（CP932）').waitFor();
  assert.equal(await page.getByRole('button', { name: 'この内容で取り込む' }).isDisabled(), true, 'no import without a phone column');
  await admin.shot('03-mapping-problem');

  // The operator maps 連絡先 to the phone field: the preview reads the rows again, each with its verdict.
  await page.getByLabel('「連絡先」列の項目').selectOption('phone');
  await page.getByText('電話番号の列が見つかりません').waitFor({ state: 'detached' });
  await until('four rows accepted in the preview', async () => (await page.getByText('取り込み可', { exact: true }).count()) === 4);
  await page.getByText('固定電話の番号です').first().waitFor();
  await page.getByText('2行目と同じ電話番号です').waitFor();
  await admin.shot('04-mapping-preview', { fullPage: true });

  // Import with a progress bar, then the rejected rows with their reasons and downloads.
  await page.getByRole('button', { name: 'この内容で取り込む' }).click();
  await page.getByRole('heading', { name: '取り込み結果' }).waitFor();
  await page.getByRole('heading', { name: '除外された行（3件）' }).waitFor();
  const rejections = page.locator('section[aria-labelledby=rejections-h] tbody tr');
  await until('three rejected rows listed', async () => (await rejections.count()) === 3);
  assert.match((await rejections.nth(0).textContent()) ?? '', /^4.*固定電話/);
  assert.ok(await page.locator('a[href$="rejections.csv?encoding=cp932"]').count());
  await admin.shot('05-rejections', { fullPage: true });

  // 3. The message: merge fields, a field picked from the list, live preview on real rows, parts and cost.
  await page.getByRole('link', { name: '次へ: メッセージ本文' }).click();
  const body = page.getByLabel('本文', { exact: true });
  await body.fill('{{name}}様 東西大学学生課です。授業料{{amount|yen}}が未納です。{{due_date|date}}までにお支払いください。詳細: ');
  await page.getByRole('button', { name: '専用リンク (url)' }).click();
  await until('the url merged into the text', async () => (await body.inputValue()).endsWith('{{url}}'));
  await page.getByText(/山田 太郎様 東西大学学生課です。授業料¥12,000が未納です。2026年12月20日までに/).first().waitFor();
  await page.getByText('合計通数（分割後）').waitFor();
  await admin.shot('06-template', { fullPage: true });
  await page.getByRole('button', { name: '保存して次へ' }).click();

  // 4. The recipient's page: identity check by birth date, a notice, a one-question survey.
  await page.getByRole('heading', { name: '本人確認とお知らせ' }).waitFor();
  // The birth-date column is proposed for the birth-date check.
  await until('the birth date column proposed', async () => (await page.getByRole('combobox', { name: '照合する列', exact: true }).inputValue()) === 'birth_date');
  await page.getByLabel('お知らせ本文（Markdown、差し込み可）').fill('## 授業料のお支払いについて\n{{name}} 様\n\n未納の授業料 {{amount|yen}} を {{due_date|date}} までにお支払いください。');
  await page.getByLabel('問い合わせ先の電話番号').fill('03-1234-5678');
  await page.getByLabel('受付時間').fill('平日 9:00〜17:00');
  await page.getByRole('button', { name: '受信者ページを保存' }).click();
  await page.locator('form[aria-labelledby=landing-h]').getByText('保存しました').waitFor();
  await page.getByLabel('アンケートを表示する').check();
  await page.getByLabel('質問 1').fill('お支払いの予定を教えてください');
  await page.getByLabel('選択肢（1行に1つ）').fill('今週中に払う\n来月払う\n相談したい');
  await page.locator('section[aria-labelledby=survey-h]').getByRole('button', { name: '保存' }).click();
  await page.locator('section[aria-labelledby=survey-h]').getByText('保存しました').waitFor();
  await admin.shot('07-recipient-page', { fullPage: true });

  // 5. Send now: the confirmation says how many people, how many parts, when, and the policy.
  await page.getByRole('link', { name: '次へ: 送信' }).click();
  await page.getByRole('button', { name: '送信内容を確認' }).click();
  const dialog = page.getByRole('dialog', { name: '送信の確認' });
  await dialog.waitFor();
  const confirmation = (await dialog.textContent()) ?? '';
  const campaignIdInUrl = Number(/campaigns\/(\d+)\//.exec(page.url())![1]);
  const expected = await app.api('POST', `/campaigns/${campaignIdInUrl}/preview`, {});
  assert.ok(expected.body.totalParts >= 4);
  assert.match(confirmation, new RegExp(`4 人に、合計 ${expected.body.totalParts} 通のSMSを今すぐ送信します。`));
  assert.match(confirmation, /時間帯の制限はありません/);
  await admin.shot('08-send-confirm');
  await dialog.getByRole('button', { name: '送信する' }).click();

  // 6. Live tracking: the funnel fills in without the page being reloaded.
  await page.waitForURL(/\/console\/campaigns\/\d+$/);
  const campaignId = Number(/campaigns\/(\d+)$/.exec(page.url())![1]);
  await page.evaluate(() => ((globalThis as unknown as { stillSamePage: boolean }).stillSamePage = true));
  await until('four delivered in the funnel', async () => (await text(page, 'funnel-delivered')) === '4', 30_000);
  assert.equal(await text(page, 'funnel-targeted'), '4');
  assert.equal(await text(page, 'funnel-opened'), '0');
  await page.getByText('リアルタイム更新中').waitFor();
  await page.locator('.chart .legend').getByText('配信 4').waitFor();
  await admin.shot('09-tracking-delivered');

  // A recipient opens the link from their SMS: the console shows it within seconds, same page.
  const received = await app.api('GET', '/simulator/received?limit=100');
  const sms = (received.body.received as { to: string; text: string }[]).find((m) => m.to.endsWith('9012345678'));
  assert.ok(sms, 'the simulator got the message to line 2');
  const link = /https?:\/\/\S+\/l\/\S+/.exec(sms.text)![0];
  const phonePage = await browser.newPage();
  await phonePage.goto(link);
  await phonePage.close();
  await until('the open counted in the console', async () => (await text(page, 'funnel-opened')) === '1', 20_000);
  // The recipient table follows too (it re-reads the live figures at most every few seconds).
  await page.locator('table.recipients tbody tr').first().locator('li.done', { hasText: '開封' }).waitFor();
  assert.equal(await page.evaluate(() => (globalThis as unknown as { stillSamePage?: boolean }).stillSamePage), true, 'the page was not reloaded');
  await page.locator('.chart .legend').getByText('開封 1').waitFor();
  await admin.shot('10-tracking-opened', { fullPage: true });

  // The recipient table: search, then one message's timeline.
  await page.getByLabel('検索（氏名・電話番号・番号・行）').fill('山田');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await until('one row for 山田', async () => (await page.locator('table.recipients tbody tr').count()) === 1 && ((await page.locator('table.recipients tbody tr').textContent()) ?? '').includes('山田 太郎'));
  await page.getByRole('button', { name: '2行目の経過を見る' }).click();
  const timeline = page.getByRole('dialog', { name: '2行目のメッセージの経過' });
  await timeline.getByText('端末に配達').waitFor();
  await timeline.getByText('リンクを開封').waitFor();
  await admin.shot('11-message-timeline');
  // That message's 記録証明書 downloads as a PDF carrying its own data, which verifies.
  const certificate = page.waitForEvent('download');
  await timeline.getByRole('link', { name: '記録証明書 (PDF)' }).click();
  const certificatePdf = readFileSync((await (await certificate).path())!);
  assert.equal(certificatePdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok((await verifyCertificate(await readCertificateFile(certificatePdf))).ok, 'the certificate from the console verifies');
  await timeline.getByRole('button', { name: '閉じる' }).click();

  // Exports: the results in CP932 keep the Japanese names.
  const exported = await page.context().request.get(`${app.url}/api/v1/campaigns/${campaignId}/export.csv?encoding=cp932`);
  assert.equal(exported.status(), 200);
  assert.match(iconv.decode(Buffer.from(await exported.body()), 'CP932'), /山田 太郎/);

  // The printable summary.
  await page.getByRole('link', { name: '印刷用まとめ' }).click();
  await page.getByRole('heading', { name: '配信結果のまとめ: 2026年12月 授業料督促' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  await admin.shot('12-summary-print', { fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: '戻る' }).click();

  // 7. The inbox: the reply came back from line 2's number, tagged as a promise to pay.
  await until('the reply in the inbox', async () => ((await app.api('GET', '/inbox')).body.conversations as unknown[]).length === 1, 20_000);
  await page.getByRole('link', { name: /受信箱/ }).click();
  await page.getByRole('heading', { name: '受信箱（返信）' }).waitFor();
  await page.locator('.conversation-list a').first().click();
  await page.getByText('来週の金曜日に払います').first().waitFor();
  await page.locator('.thread').getByText('支払い予定', { exact: true }).first().waitFor();
  await page.getByLabel('返信する').fill('ご連絡ありがとうございます。お支払いをお待ちしております。東西大学学生課');
  await page.getByRole('button', { name: '返信を送る' }).click();
  await page.getByText('返信を送信待ちに登録しました。').waitFor();
  await until(
    'the reply handed to the carrier',
    async () => ((await app.api('GET', '/simulator/received?limit=100')).body.received as { text: string }[]).some((m) => m.text.includes('お支払いをお待ちしております')),
    20_000,
  );
  await page.locator('.thread .msg.out').filter({ hasText: 'お支払いをお待ちしております' }).waitFor();
  await admin.shot('13-inbox');

  // 8. Administration: a viewer is added (one-time password shown once), and every screen.
  await page.getByRole('link', { name: '管理', exact: true }).click();
  await page.getByLabel('ログインID', { exact: true }).fill('etsuran@example.jp');
  await page.getByLabel('表示名').fill('閲覧 次郎');
  await page.getByLabel('権限').first().selectOption('viewer');
  await page.getByRole('button', { name: '追加（仮パスワードを発行）' }).click();
  const oneTime = ((await page.locator('code.secret').textContent()) ?? '').trim();
  assert.ok(oneTime.length >= 10, 'a one-time password was shown');
  await admin.shot('14-admin-users');
  for (const [tab, name] of [
    ['APIキー', '15-admin-keys'],
    ['配信ルート', '16-admin-routes'],
    ['組織情報', '17-admin-organisation'],
    ['配信停止リスト', '18-admin-suppressions'],
    ['Webhook', '19-admin-webhooks'],
    ['操作ログ', '20-admin-audit'],
  ] as const) {
    await page.getByRole('navigation', { name: '管理メニュー' }).getByRole('link', { name: tab }).click();
    if (tab === '配信ルート') {
      await page.getByText('接続中').first().waitFor();
      await page.getByRole('button', { name: '接続テスト' }).first().click();
      await page.locator('td .ok.small').first().waitFor();
      await page.getByRole('button', { name: '編集' }).first().click();
      await page.getByRole('dialog', { name: 'ルート「simulator」の編集' }).waitFor();
      await admin.shot('16a-admin-route-edit');
      await page.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();
    }
    if (tab === 'APIキー') {
      await page.getByLabel('名前').fill('会計システム連携');
      await page.getByRole('button', { name: '作成', exact: true }).click();
      await page.locator('code.secret').waitFor();
    }
    // Sentences, not action codes: the JSON behind each stays in its disclosure.
    if (tab === '操作ログ') await page.getByText(/を送信開始/u).first().waitFor();
    await admin.shot(name, { fullPage: tab === '操作ログ' });
  }

  // English on request.
  await page.goto(`${app.url}/console/campaigns/${campaignId}`);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Funnel' }).waitFor();
  await admin.shot('21-tracking-english');
  await page.getByRole('button', { name: '日本語' }).click();

  // 9. The viewer: a new password first, then no button that sends, pauses, cancels or replies.
  const draftId = await createCampaign(app, { name: '下書きのキャンペーン', template: '{{name}}様 お知らせです {{url}}' });
  const viewer = await laptop(browser);
  const v = viewer.page;
  await v.goto(`${app.url}/console/`);
  await logIn(v, 'etsuran@example.jp', oneTime);
  await v.getByRole('heading', { name: 'パスワードの変更' }).waitFor();
  await viewer.shot('22-viewer-new-password');
  await v.getByLabel('仮パスワード').fill(oneTime);
  await v.getByLabel('新しいパスワード', { exact: true }).fill('etsuran-Pass-2026');
  await v.getByLabel('新しいパスワード（確認）').fill('etsuran-Pass-2026');
  await v.getByRole('button', { name: 'パスワードを変更' }).click();
  await v.getByRole('heading', { name: 'キャンペーン', level: 1 }).waitFor();
  assert.equal(await v.getByRole('button', { name: '作成して宛先を登録' }).count(), 0);

  await v.goto(`${app.url}/console/campaigns/${campaignId}`);
  await until('the viewer sees the funnel', async () => (await text(v, 'funnel-delivered')) === '4');
  for (const name of ['一時停止', '再開', '送信を取り消す']) assert.equal(await v.getByRole('button', { name }).count(), 0, `no ${name} button`);
  assert.equal(await v.locator('a[href*="export.csv"]').count(), 0, 'no export for a viewer');
  assert.match((await v.locator('table.recipients tbody tr').first().textContent()) ?? '', /\*\*\*\*/, 'numbers masked');
  await viewer.shot('23-viewer-tracking');

  await v.goto(`${app.url}/console/campaigns/${draftId}/setup/send`);
  await v.getByRole('heading', { name: '送信', level: 2 }).waitFor();
  assert.equal(await v.getByRole('button', { name: '送信内容を確認' }).count(), 0, 'no send button for a viewer');
  await viewer.shot('24-viewer-send-step');

  const conversations = (await app.api('GET', '/inbox')).body.conversations as { id: string }[];
  await v.goto(`${app.url}/console/inbox/${conversations[0]!.id}`);
  await v.locator('.thread').getByText('支払い予定', { exact: true }).first().waitFor();
  assert.equal(await v.getByText('来週の金曜日に払います').count(), 0, 'a viewer reads no texts');
  assert.equal(await v.getByLabel('返信する').count(), 0, 'no reply box for a viewer');
  await viewer.shot('25-viewer-inbox');

  // The API refuses them anyway, CSRF token and all.
  // (No named functions inside evaluate: tsx would wrap them in a helper the page does not have.)
  const refused = await v.evaluate(async (calls) => {
    const { cookie } = (globalThis as unknown as { document: { cookie: string } }).document;
    const csrf = decodeURIComponent(/todoku_csrf=([^;]+)/.exec(cookie)?.[1] ?? '');
    const statuses = await Promise.all(
      calls.map(([path, body]) =>
        fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) }).then((r) => r.status),
      ),
    );
    return { send: statuses[0], pause: statuses[1], reply: statuses[2] };
  }, [
    [`/campaigns/${draftId}/send`, {}],
    [`/campaigns/${campaignId}/pause`, {}],
    [`/inbox/${conversations[0]!.id}/reply`, { text: 'test' }],
  ] as [string, unknown][]);
  assert.deepEqual(refused, { send: 403, pause: 403, reply: 403 });
  assert.equal((await app.api('GET', `/campaigns/${draftId}`)).body.status, 'draft');

  assert.deepEqual(admin.dialogs.filter((d) => !d.startsWith('confirm')), []);
  assert.deepEqual([...admin.errors, ...viewer.errors], [], 'no script error on any page');
  await viewer.close();
}

test('an operator replaces a broken list in the wizard (「リストを差し替える」), corrects and removes rows, deletes a draft, archives a sent campaign', { timeout: 180_000 }, async () => {
  const header = '氏名,電話番号,請求金額,支払期限';
  const people = ['山田 太郎,090-6000-0001', '佐藤 花子,090-6000-0002', '鈴木 一郎,090-6000-0003', '高橋 美咲,090-6000-0004'];
  const csv = (amounts: string[]) => iconv.encode([header, ...people.map((p, i) => `${p},${amounts[i]},2026/12/20`)].join('\r\n') + '\r\n', 'CP932');
  const id = await createCampaign(app, { name: '差し替え 12月督促', template: '{{name}}様 ご請求額{{amount|yen}}です。' });
  const first = await app.api('POST', `/campaigns/${id}/recipients`, csv(['12000', '', '', '8000']), { contentType: 'text/csv' });
  assert.equal(first.status, 200, JSON.stringify(first.body));

  const operator = await laptop(browser);
  const { page } = operator;
  try {
    await page.goto(`${app.url}/`);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByRole('heading', { name: 'キャンペーン', level: 1 }).waitFor();
    await page.goto(`${app.url}/console/campaigns/${id}/setup/recipients`);
    await page.getByRole('heading', { name: '宛先リスト（4件）' }).waitFor();
    const amountOf = async (line: number) => (await page.locator(`tr[data-line="${line}"] td`).nth(4).textContent())?.trim();
    assert.equal(await amountOf(3), '', 'the blank amount is shown as it is');

    // The corrected file replaces the whole list: not refused as 4 duplicates.
    await page.getByRole('button', { name: 'リストを差し替える' }).click();
    await page.getByText('今の宛先リスト（除外された行を含む）がこのファイルの内容に置き換わります').waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '滞納者リスト_修正.csv', mimeType: 'text/csv', buffer: csv(['12000', '8000', '3000', '8000']) });
    await page.getByRole('button', { name: 'この内容でリストを差し替える' }).click();
    await page.getByText('宛先リストを差し替えました。').waitFor();
    await until('the new amounts listed', async () => (await amountOf(3)) === '8000' && (await amountOf(4)) === '3000');
    assert.equal((await app.api('GET', `/campaigns/${id}`)).body.acceptedCount, 4);
    await operator.shot('30-list-replaced', { fullPage: true });

    // One row corrected in its dialog: a landline is refused in words, a mobile number is taken.
    await page.locator('tr[data-line="5"]').getByRole('button', { name: '編集' }).click();
    const dialog = page.getByRole('dialog', { name: '5行目を修正' });
    await dialog.getByLabel('電話番号').fill('03-1234-5678');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText(/固定電話/).waitFor();
    await dialog.getByLabel('電話番号').fill('080-6000-0099');
    await dialog.getByLabel('請求金額').fill('9500');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await until('the corrected row shown', async () => (await amountOf(5)) === '9500');

    // Two rows removed after a confirmation.
    await page.getByLabel('2行目を選ぶ').check();
    await page.getByLabel('4行目を選ぶ').check();
    await page.getByRole('button', { name: '選んだ行を削除（2件）' }).click();
    await page.getByRole('dialog', { name: '宛先の削除' }).getByRole('button', { name: '削除' }).click();
    await page.getByRole('heading', { name: '宛先リスト（2件）' }).waitFor();
    assert.equal((await app.api('GET', `/campaigns/${id}`)).body.acceptedCount, 2);
    await operator.shot('31-list-corrected', { fullPage: true });
    const audit = (await app.api('GET', '/audit?limit=20')).body.entries.map((e: { action: string }) => e.action);
    for (const action of ['campaign.recipients.replace', 'campaign.recipients.edit', 'campaign.recipients.remove']) assert.ok(audit.includes(action), action);

    // A draft that will not be sent is deleted, after a confirmation.
    await page.getByRole('button', { name: 'キャンペーンを削除' }).click();
    await page.getByText('キャンペーン「差し替え 12月督促」を宛先リストごと削除します').waitFor();
    await operator.shot('32-delete-draft');
    await page.getByRole('dialog', { name: 'キャンペーンの削除' }).getByRole('button', { name: 'キャンペーンを削除' }).click();
    await page.getByRole('heading', { name: 'キャンペーン', level: 1 }).waitFor();
    assert.equal((await app.api('GET', `/campaigns/${id}`)).status, 404);

    // A cancelled campaign is archived: gone from the list, back with "show archived".
    const cancelledId = await createCampaign(app, { name: '取消済み 11月' });
    assert.equal((await app.api('POST', `/campaigns/${cancelledId}/cancel`)).status, 200);
    await page.reload();
    const row = page.locator('tr', { hasText: '取消済み 11月' });
    await row.getByRole('button', { name: 'アーカイブ' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('アーカイブしたものも表示').check();
    await row.getByText('アーカイブ済み').waitFor();
    await operator.shot('33-archived-shown');
    assert.deepEqual(operator.errors, [], 'no script error');
  } catch (err) {
    await operator.shot('failure-list-correction', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await operator.close();
  }
});

/** A fixed-offset zone whose local hour is now `hour` (Etc/GMT signs are inverted by convention). */
function zoneAtHour(hour: number): string {
  const utc = new Date().getUTCHours();
  for (let offset = -12; offset <= 14; offset++) {
    if ((utc + offset + 24) % 24 === hour) return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }
  throw new Error('no zone');
}

test('the tracking page shows 配達待ち until the last receipt, then 完了; a campaign held by quiet hours says when it will go', { timeout: 120_000 }, async () => {
  // Receipts come 8 s after each hand-over: long enough to see the campaign wait for them.
  assert.equal((await app.api('PUT', '/simulator/settings', { receiptDelayMs: 8_000 })).status, 200);
  const operator = await laptop(browser);
  const { page } = operator;
  try {
    const { id } = await campaignWithList(app, { name: '配達待ちの確認', template: '{{name}}様 お支払いのお願いです。東都大学 学生課' }, ['氏名,電話番号', '山田 太郎,090-6100-0001', '佐藤 花子,090-6100-0002']);
    await sendCampaign(app, id);
    await page.goto(`${app.url}/`);
    await logIn(page, ADMIN.login, ADMIN.password);
    await page.getByRole('heading', { name: 'キャンペーン', level: 1 }).waitFor();
    await page.goto(`${app.url}/console/campaigns/${id}`);
    const title = page.getByRole('heading', { level: 1 });
    // The badge, exactly: the campaign's own name (配達待ちの確認) holds the same word.
    await title.getByText('配達待ち', { exact: true }).waitFor({ timeout: 15_000 });
    assert.equal((await app.api('GET', `/campaigns/${id}`)).body.status, 'awaiting_receipts');
    await operator.shot('40-awaiting-receipts', { fullPage: true });
    await title.getByText('完了', { exact: true }).waitFor({ timeout: 30_000 });
    assert.equal((await app.api('GET', `/campaigns/${id}`)).body.counts.delivered, 2);
    await operator.shot('41-completed', { fullPage: true });

    const night = await campaignWithList(app, { name: '夜間の督促', timeZone: zoneAtHour(23), policyPack: 'jp_money_lending', template: '{{name}}様 お支払いのお願いです。東都大学 学生課' }, ['氏名,電話番号', '鈴木 一郎,090-6100-0003']);
    await sendCampaign(app, night.id);
    await until('held back by quiet hours', async () => (await app.api('GET', `/campaigns/${night.id}/messages`)).body.messages.every((m: { errorCode: string | null }) => m.errorCode === 'POLICY_QUIET_HOURS'));
    await page.goto(`${app.url}/console/campaigns/${night.id}`);
    const notice = page.getByTestId('waiting-notice');
    await notice.waitFor();
    assert.match((await notice.textContent()) ?? '', /^1件が送信を待っています: 21:00〜8:00は送信しません。\d{1,2}月\d{1,2}日 8:00 \(Etc\/[^)]+\)に送信します$/u);
    const cell = page.locator('tbody tr', { hasText: '鈴木 一郎' });
    await cell.getByText(/21:00〜8:00は送信しません/).waitFor();
    assert.doesNotMatch((await page.locator('body').textContent()) ?? '', /POLICY_/);
    await operator.shot('42-quiet-hours-explained', { fullPage: true });
    assert.deepEqual(operator.errors, [], 'no script error');
  } catch (err) {
    await operator.shot('failure-states', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await app.api('PUT', '/simulator/settings', { receiptDelayMs: 20 });
    await operator.close();
  }
});
