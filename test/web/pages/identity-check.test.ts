// 本人認証 over HTTP against the running app (SMS sent through the simulator, links read from them), on
// SQLite and PostgreSQL: a wrong birth date, then the right one in another form, opens a session
// cookie scoped to that link; five wrong answers lock the page, the sixth is refused even when right,
// until an operator unlocks it (audited); forms without their CSRF token are refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eachDatabase } from '../../support/db.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../../support/factories.ts';
import { textOf, Visitor } from './visitor.ts';

const LIST = [
  '氏名,電話番号,金額,生年月日,郵便番号,学籍番号,暗証番号',
  '山田 太郎,090-1111-0001,12345,1990/01/02,123-4567,S2024-0001,AB12',
  '佐藤 花子,090-1111-0002,5000,1985-12-31,100-0001,S2024-0002,CD34',
  '鈴木 一郎,090-1111-0003,8000,平成2年3月4日,060-0000,S2024-0003,EF56',
  '高橋 次郎,090-1111-0004,9000,1970/7/7,900-0001,S2024-0004,GH78',
].join('\n');

const NOTICE = '# 授業料のご案内\n\n{{name}}様\n\n未納額は **{{amount|yen}}** です。';

eachDatabase('identity check', (kind) => {
  let t: TestApp;
  let c: SentCampaign;
  before(async () => {
    t = await startTestApp(kind);
    c = await sentCampaign(t, '本人認証', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: NOTICE });
  });
  after(async () => t.stop());

  test('the link first asks for the birth date and shows nothing personal', async () => {
    const r = c.recipients.get('山田 太郎')!;
    const page = await new Visitor(t.url).get(r.path);
    assert.equal(page.status, 200);
    assert.match(page.html, /<label for="answer">生年月日<\/label>/u);
    assert.match(page.html, /autocomplete="bday"/u);
    assert.doesNotMatch(page.html, /山田|12,345|12345|1990|0001|123-4567/u);
  });

  test('a wrong birth date says how many tries are left; the right one in another form opens the notice', async () => {
    const r = c.recipients.get('山田 太郎')!;
    const v = new Visitor(t.url);
    const form = await v.get(r.path);
    const wrong = await v.post(`${r.path}/verify`, form, { answer: '1990-01-03' });
    assert.equal(wrong.status, 422);
    assert.match(textOf(wrong.html), /一致しません.*あと4回間違えると/u);
    assert.match(wrong.html, /aria-invalid="true"/u);
    assert.doesNotMatch(wrong.html, /山田/u);

    const right = await v.post(`${r.path}/verify`, wrong, { answer: '平成２年１月２日' });
    assert.equal(right.status, 303);
    assert.equal(right.location, r.path);
    const setCookie = right.headers.getSetCookie().find((s) => s.startsWith('tdk_s='))!;
    assert.match(setCookie, /; Path=\/l\/[0-9A-Za-z]{11}(;|$)/u);
    assert.match(setCookie, /HttpOnly/u);
    assert.match(setCookie, /SameSite=Lax/u);
    assert.match(setCookie, /Max-Age=1800/u);
    assert.doesNotMatch(setCookie, /Secure/u, 'plain HTTP: not Secure');

    const notice = await v.get(r.path);
    assert.equal(notice.status, 200);
    assert.match(notice.html, /山田 太郎様/u);
    assert.match(notice.html, /<strong>¥12,345<\/strong>/u);
    assert.equal(notice.headers.get('cache-control'), 'no-store');

    const state = await t.api('GET', `/messages/${r.messageId}/landing`);
    assert.equal(state.body.failedAttempts, 0, 'the right answer forgets the wrong one');
    assert.ok(state.body.verifiedAt);
    // The notice read right after verifying is the same visitor within ten minutes: not a second open.
    assert.deepEqual(state.body.events.map((e: { kind: string }) => e.kind).slice(0, 3).reverse(), ['open', 'verify_failed', 'verified']);
  });

  test('behind TLS the session cookie is Secure', async () => {
    const r = c.recipients.get('佐藤 花子')!;
    const v = new Visitor(t.url);
    const form = await v.get(r.path, { 'x-forwarded-proto': 'https' });
    const right = await v.request('POST', `${r.path}/verify`, { _csrf: /name="_csrf" value="([^"]+)"/u.exec(form.html)![1]!, answer: '1985/12/31' }, { 'x-forwarded-proto': 'https' });
    assert.equal(right.status, 303);
    assert.match(right.headers.getSetCookie().find((s) => s.startsWith('tdk_s='))!, /; Secure/u);
  });

  test("one link's session does not open another link", async () => {
    const a = c.recipients.get('山田 太郎')!;
    const b = c.recipients.get('佐藤 花子')!;
    const v = new Visitor(t.url);
    await v.post(`${a.path}/verify`, await v.get(a.path), { answer: '19900102' });
    const session = v.cookie('tdk_s', a.path)!;
    assert.ok(session);
    // Even sent deliberately to the other link, it is not that link's session.
    const other = await v.get(b.path, { cookie: `tdk_s=${session}` });
    assert.equal(other.status, 200);
    assert.match(other.html, /生年月日/u);
    assert.doesNotMatch(other.html, /佐藤|山田/u);
  });

  test('a form posted without its CSRF token is refused and spends no try', async () => {
    const r = c.recipients.get('鈴木 一郎')!;
    const v = new Visitor(t.url);
    await v.get(r.path);
    const refused = await v.request('POST', `${r.path}/verify`, { answer: '1990/03/04' });
    assert.equal(refused.status, 403);
    const forged = await v.request('POST', `${r.path}/verify`, { answer: '1990/03/04', _csrf: 'x'.repeat(24) });
    assert.equal(forged.status, 403);
    const state = await t.api('GET', `/messages/${r.messageId}/landing`);
    assert.equal(state.body.failedAttempts, 0);
    assert.equal(v.cookie('tdk_s', r.path), undefined);
  });

  test('an answer not in date form is reported without spending a try', async () => {
    const r = c.recipients.get('鈴木 一郎')!;
    const v = new Visitor(t.url);
    const res = await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1990/02/30' });
    assert.equal(res.status, 422);
    assert.match(res.html, /形式が正しくありません/u);
    assert.equal((await t.api('GET', `/messages/${r.messageId}/landing`)).body.failedAttempts, 0);
  });

  test('six wrong tries: the fifth locks, the sixth is refused even with the right answer, until an operator unlocks', async () => {
    const r = c.recipients.get('高橋 次郎')!;
    const v = new Visitor(t.url);
    let page = await v.get(r.path);
    for (let i = 1; i <= 4; i++) {
      page = await v.post(`${r.path}/verify`, page, { answer: `1970/7/${10 + i}` });
      assert.equal(page.status, 422);
      assert.match(page.html, new RegExp(`あと${5 - i}回`, 'u'));
    }
    const fifth = await v.post(`${r.path}/verify`, page, { answer: '1970/7/20' });
    assert.equal(fifth.status, 423);
    assert.match(fifth.html, /ロックしました/u);
    assert.doesNotMatch(fifth.html, /name="answer"/u, 'no form on a locked page');

    const sixth = await v.request('POST', `${r.path}/verify`, { _csrf: /name="_csrf" value="([^"]+)"/u.exec(page.html)![1]!, answer: '1970/7/7' });
    assert.equal(sixth.status, 423, 'refused although right');
    assert.equal(v.cookie('tdk_s', r.path), undefined);
    assert.equal((await v.get(r.path)).status, 423, 'the link itself shows the lock');

    const state = await t.api('GET', `/messages/${r.messageId}/landing`);
    assert.equal(state.body.locked, true);
    assert.equal(state.body.failedAttempts, 5);
    assert.ok(state.body.events.some((e: { kind: string }) => e.kind === 'refused'));

    const unlocked = await t.api('POST', `/messages/${r.messageId}/unlock`);
    assert.equal(unlocked.status, 200);
    assert.deepEqual(unlocked.body, { messageId: r.messageId, wasLocked: true, locked: false });
    const audit = await t.app.store.audit.list(20);
    assert.ok(audit.some((a) => a.action === 'message.unlock' && a.target === `message:${r.messageId}` && a.actor.startsWith('apikey:')));

    const again = await v.get(r.path);
    assert.equal(again.status, 200);
    const ok = await v.post(`${r.path}/verify`, again, { answer: '1970-07-07' });
    assert.equal(ok.status, 303);
    assert.match((await v.get(r.path)).html, /高橋 次郎様/u);
  });

  test('unlocking a message that does not exist is a 404 problem', async () => {
    const r = await t.api('POST', '/messages/999999/unlock');
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 'TODOKU_E_NOT_FOUND');
  });

  test('ending the session asks for the answer again', async () => {
    const r = c.recipients.get('佐藤 花子')!;
    const v = new Visitor(t.url);
    await v.post(`${r.path}/verify`, await v.get(r.path), { answer: '1985/12/31' });
    const notice = await v.get(r.path);
    assert.match(notice.html, /佐藤 花子様/u);
    const out = await v.post(`${r.path}/logout`, notice, {});
    assert.equal(out.status, 303);
    const back = await v.get(r.path);
    assert.match(back.html, /name="answer"/u);
    assert.doesNotMatch(back.html, /佐藤/u);
  });
});

eachDatabase('other identity methods', (kind) => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp(kind);
  });
  after(async () => t.stop());

  const cases = [
    { method: 'postal_code' as const, label: /郵便番号/u, wrong: '123-4568', right: '〒１２３－４５６７' },
    { method: 'id_suffix' as const, label: /<label for="answer">学籍番号の下4桁<\/label>/u, wrong: '0002', right: '０００１' },
    { method: 'pin' as const, column: '暗証番号', label: /確認コード/u, wrong: 'AB13', right: 'ab12' },
  ];
  for (const k of cases) {
    test(`${k.method}: a wrong answer is refused, the right one in another form accepted`, async () => {
      const c = await sentCampaign(t, `method-${k.method}`, LIST, { verification: { method: k.method, ...(k.column ? { column: k.column } : {}) }, expiresAt: null, notice: NOTICE });
      const r = c.recipients.get('山田 太郎')!;
      const v = new Visitor(t.url);
      const form = await v.get(r.path);
      assert.match(form.html, k.label);
      assert.equal((await v.post(`${r.path}/verify`, form, { answer: k.wrong })).status, 422);
      assert.equal((await v.post(`${r.path}/verify`, form, { answer: k.right })).status, 303);
      assert.match((await v.get(r.path)).html, /山田 太郎様/u);
    });
  }
});
