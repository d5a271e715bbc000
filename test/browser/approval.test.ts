// Approval before a send in the console, as two people do it: an operator asks for approval on the send
// step; an approver sees 承認待ち (with its count) in the header, opens the request with what the sender
// saw (sample texts, figures, wording check, recipient page) and sends it back with a comment; the
// operator reads the comment on the send step, asks again; the approver approves, and the send starts.
// Screenshots: test-output/screenshots/console-approval-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campaignWithList, setLandingPage, setOrganisation, TOTO_UNIVERSITY } from '../support/factories.ts';
import { until } from '../support/app.ts';
import { consoleStage, laptop, logIn, type Laptop } from './console-support.ts';

const OPERATOR = { login: 'sato@example.jp', password: 'sato-Pass-2026-x', displayName: '佐藤（担当）' };
const APPROVER = { login: 'kacho@example.jp', password: 'kacho-Pass-2026-x', displayName: '課長' };

const stage = consoleStage();

test('an operator asks for approval, an approver sends it back with a comment, then approves and the send starts', { timeout: 180_000 }, async () => {
  const { app, browser } = stage;
  assert.equal((await app.api('POST', '/users', { ...OPERATOR, role: 'operator' })).status, 201);
  assert.equal((await app.api('POST', '/users', { ...APPROVER, role: 'approver' })).status, 201);
  await setOrganisation(app, TOTO_UNIVERSITY);
  assert.equal((await app.api('PUT', '/organisation/sending', { approvalRequired: true, testNumbers: ['090-9999-0001'] })).status, 200);
  const { id } = await campaignWithList(
    app,
    { name: '12月 授業料のご案内', template: '東都大学 学生課です。{{name}}様 授業料{{amount|yen}}のお支払いをお願いします。{{url}}', policyPack: 'none' },
    ['氏名,電話番号,金額,生年月日', '山田 太郎,090-6300-0001,120000,1990-01-02', '佐藤 花子,090-6300-0002,80000,1991-02-03'],
  );
  await setLandingPage(app, id, { verification: { method: 'birth_date' }, expiresAt: null, notice: '# 授業料のお支払いについて\n\n{{name}}様の未納額は {{amount}} 円です。' });

  const operator: Laptop = await laptop(browser);
  const approver: Laptop = await laptop(browser);
  try {
    // The operator asks on the send step: the button says 承認を依頼, the dialog takes a note.
    const op = operator.page;
    await logIn(op, app.url, OPERATOR.login, OPERATOR.password);
    await op.goto(`${app.url}/console/campaigns/${id}/setup/send`);
    await op.getByText('送信・予約の前に承認が必要です', { exact: false }).first().waitFor();
    await op.getByRole('button', { name: '承認を依頼' }).click();
    await op.getByLabel('承認者へのメモ（任意）').fill('12月分の授業料です。確認をお願いします。');
    await op.getByRole('button', { name: '依頼する' }).click();
    await op.getByText('承認待ちです（依頼者:', { exact: false }).waitFor();
    await operator.shot('approval-requested', { fullPage: true });

    // The approver sees the count in the header and opens the request.
    const ap = approver.page;
    await logIn(ap, app.url, APPROVER.login, APPROVER.password);
    const nav = ap.getByRole('navigation', { name: /メイン|main/i }).getByRole('link', { name: /承認待ち/ });
    await nav.getByText('1', { exact: true }).waitFor();
    await nav.click();
    await ap.getByRole('heading', { name: '承認待ち', level: 1 }).waitFor();
    await ap.getByRole('link', { name: '12月 授業料のご案内' }).click();
    await ap.getByRole('heading', { name: /承認依頼 #\d+/, level: 1 }).waitFor();
    await ap.getByText('山田 太郎様 授業料¥120,000', { exact: false }).first().waitFor();
    await ap.getByText('12月分の授業料です。', { exact: false }).waitFor();
    await ap.getByText('授業料のお支払いについて', { exact: false }).waitFor();
    await approver.shot('approval-detail', { fullPage: true });

    // Sent back with a comment, which the operator reads on the send step.
    await ap.getByLabel('コメント', { exact: true }).fill('金額は税込みか確認してください');
    await ap.getByRole('button', { name: '差し戻す' }).click();
    await ap.getByText('差し戻しました。').waitFor();
    await op.reload();
    await op.getByText('差戻しされました（課長）', { exact: false }).waitFor();
    await op.getByText('金額は税込みか確認してください').waitFor();
    await operator.shot('approval-rejected', { fullPage: true });

    // Asked again, and approved: the send starts exactly as requested (now).
    await op.getByRole('button', { name: '承認を依頼' }).click();
    await op.getByRole('button', { name: '依頼する' }).click();
    await op.getByText('承認待ちです（依頼者:', { exact: false }).waitFor();
    // The operator's own request cannot be approved by them: the page says so, with no button.
    await op.getByRole('link', { name: '依頼を開く' }).click();
    await op.getByText('これはあなたの依頼です。', { exact: false }).waitFor();
    assert.equal(await op.getByRole('button', { name: /承認して/ }).count(), 0);

    await ap.goto(`${app.url}/console/approvals`);
    await ap.getByRole('link', { name: '12月 授業料のご案内' }).click();
    await ap.getByRole('button', { name: '承認して送信を開始' }).click();
    await ap.getByText('承認しました。送信を開始しました', { exact: false }).waitFor();
    await approver.shot('approval-approved', { fullPage: true });

    await until('the approved campaign sent', async () => {
      const c = await app.api('GET', `/campaigns/${id}`);
      return c.body.status !== 'draft' && (c.body.counts.submitted ?? 0) + (c.body.counts.delivered ?? 0) === 2 ? true : undefined;
    });
    const audit = await app.api('GET', '/audit?action=campaign.approval.approve');
    assert.match(audit.body.entries[0].actor, /kacho@example\.jp/);
    assert.deepEqual(operator.errors, [], 'no script error (operator)');
    assert.deepEqual(approver.errors, [], 'no script error (approver)');
  } catch (err) {
    await operator.shot('failure-approval-operator', { fullPage: true }).catch(() => {});
    await approver.shot('failure-approval-approver', { fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await operator.close();
    await approver.close();
  }
});
