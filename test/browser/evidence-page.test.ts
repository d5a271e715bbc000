// The 証跡 / Evidence page in a real browser: after a small campaign is sent, an administrator opens it
// from the header, reads the ledger's figures as the API gives them and the plain statement that the
// times are the installation's own clock (no TSA here), runs 「今すぐ検証」 and reads its report, and
// downloads the hand-over bundle and a campaign's bundle (zips); the campaign's own page offers
// 「証跡をエクスポート」. A viewer sees the same figures (in English too) but neither the check nor the
// downloads.
// Screenshots: test-output/screenshots/console-evidence-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { campaignWithList, sendCampaign } from '../support/factories.ts';
import { until } from '../support/wait.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const ADMIN = { login: 'kansa@example.jp', password: 'shoseki-Pass-2026', displayName: '監査 花子' };
const VIEWER = { login: 'etsuran@example.jp', password: 'etsuran-Pass-2026', displayName: '閲覧 次郎' };
const OWN_CLOCK = '時刻は本システム自身の時計です（第三者の時刻認証ではありません）';

const stage = consoleStage();

test('an administrator reads the ledger, verifies it and downloads its bundles; a viewer only reads', { timeout: 180_000 }, async () => {
  const { app, browser } = stage;
  for (const u of [
    { ...ADMIN, role: 'admin' },
    { ...VIEWER, role: 'viewer' },
  ]) {
    const made = await app.api('POST', '/users', { login: u.login, password: u.password, displayName: u.displayName, role: u.role });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
  const { id: campaignId } = await campaignWithList(app, { name: '12月 証跡の確認', template: '{{name}}様 お知らせです', policyPack: 'none' }, ['氏名,電話番号', '山田 太郎,090-7474-0001', '佐藤 花子,090-7474-0002']);
  await sendCampaign(app, campaignId);
  const k = app.app.store.db.kysely;
  await until('the campaign completed in the ledger', async () => (await k.selectFrom('evidence_entries').select('id').where('kind', '=', 'campaign.completed').where('campaign_id', '=', campaignId).executeTakeFirst()) ?? undefined, 30_000);
  await app.app.ledger!.seal('test');
  const status = (await app.api('GET', '/evidence/status')).body;
  assert.equal(status.entries.waiting, 0);

  const admin: Laptop = await laptop(browser);
  const { page } = admin;
  try {
    await logIn(page, app.url, ADMIN.login, ADMIN.password);
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '証跡' }).click();
    await page.getByRole('heading', { name: '証跡', level: 1 }).waitFor();

    // The figures are the API's, and the time source is said plainly.
    const figure = (id: string) => page.getByTestId(`evidence-${id}`).locator('dd').first();
    await page.getByTestId('evidence-time-statement').waitFor();
    assert.equal(await page.getByTestId('evidence-time-statement').textContent(), OWN_CLOCK);
    assert.equal(await figure('recorded').textContent(), status.entries.recorded.toLocaleString('ja-JP'));
    assert.equal(await figure('in-tree').textContent(), status.entries.inTree.toLocaleString('ja-JP'));
    assert.equal(await figure('waiting').textContent(), '0');
    assert.match((await page.getByTestId('evidence-head').textContent()) ?? '', new RegExp(`\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}${status.latestHead.size} 件まで`));
    assert.equal(await figure('stamp').textContent(), 'なし（署名のみ）');
    assert.equal(await figure('source').textContent(), '本システムの時計');
    assert.equal(await figure('skew').textContent(), '未測定');
    assert.equal(await figure('retention').textContent(), '5 年');
    assert.equal(await page.getByTestId('evidence-key-id').textContent(), status.key.keyId);
    assert.equal(await page.getByTestId('evidence-public-key').textContent(), status.key.publicKeyPem.trim());
    await page.getByText('npx todoku evidence verify bundle.zip', { exact: true }).waitFor();

    // 今すぐ検証: the whole ledger checked on the server, its report on the page.
    await page.getByRole('button', { name: '今すぐ検証' }).click();
    const report = page.getByTestId('evidence-verify-report');
    await report.waitFor();
    assert.match((await report.textContent()) ?? '', new RegExp(`問題はありません。記録 ${status.entries.inTree} 件とツリーヘッド ${status.heads.total} 件（タイムスタンプ付き 0 件）を確認しました。`));
    await admin.shot('evidence-01-admin', { fullPage: true });

    // The hand-over bundle and a campaign's bundle download as zips.
    const handover = page.waitForEvent('download');
    await page.getByRole('link', { name: '全証跡をダウンロード（引継ぎ用）' }).click();
    const all = await handover;
    assert.match(all.suggestedFilename(), /\.zip$/);
    assert.equal(readFileSync((await all.path())!).subarray(0, 2).toString('latin1'), 'PK');
    const one = page.waitForEvent('download');
    await page.getByRole('link', { name: '証跡をエクスポート: 12月 証跡の確認' }).click();
    const bundle = await one;
    assert.match(bundle.suggestedFilename(), /\.zip$/);
    assert.equal(readFileSync((await bundle.path())!).subarray(0, 2).toString('latin1'), 'PK');

    // The campaign's page offers its bundle beside the results exports.
    await page.goto(`${app.url}/console/campaigns/${campaignId}`);
    const exportLink = page.getByRole('group', { name: '出力' }).getByRole('link', { name: '証跡をエクスポート' });
    await exportLink.waitFor();
    assert.equal(await exportLink.getAttribute('href'), `/api/v1/campaigns/${campaignId}/evidence.zip`);

    // The audit log names who checked the ledger.
    const audit = await app.api('GET', '/audit?action=evidence.verify');
    assert.match(audit.body.entries[0].sentence.ja, /監査 花子 が 証跡台帳を検証（問題なし、/);
    assert.deepEqual(admin.errors, []);
  } finally {
    await admin.close();
  }

  const viewer: Laptop = await laptop(browser);
  try {
    await logIn(viewer.page, app.url, VIEWER.login, VIEWER.password);
    await viewer.page.goto(`${app.url}/console/evidence`);
    await viewer.page.getByTestId('evidence-recorded').waitFor();
    assert.equal(await viewer.page.getByTestId('evidence-recorded').locator('dd').first().textContent(), status.entries.recorded.toLocaleString('ja-JP'));
    assert.equal(await viewer.page.getByRole('button', { name: '今すぐ検証' }).count(), 0);
    assert.equal(await viewer.page.getByRole('link', { name: /ダウンロード|エクスポート/ }).count(), 0);
    await viewer.page.getByText('ダウンロードはオペレーター以上の権限でできます', { exact: false }).waitFor();
    await viewer.shot('evidence-02-viewer');
    // English: the same statement and figures in English words.
    await viewer.page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('todoku.lang', 'en'));
    await viewer.page.reload();
    await viewer.page.getByRole('heading', { name: 'Evidence', level: 1 }).waitFor();
    assert.equal(await viewer.page.getByTestId('evidence-time-statement').textContent(), "The times are this installation's own clock (not certified by a third party)");
    assert.equal(await viewer.page.getByTestId('evidence-retention').locator('dd').first().textContent(), '5 years');
    assert.match((await viewer.page.getByTestId('evidence-head').textContent()) ?? '', new RegExp(`up to ${status.latestHead.size} entries$`));
    await viewer.shot('evidence-03-english');
    assert.deepEqual(viewer.errors, []);
  } finally {
    await viewer.close();
  }
});
