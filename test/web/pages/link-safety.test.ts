// What a link never gives away, over HTTP against the running app: unknown codes all get one answer
// and spend the address's budget (then even real links wait); every open is recorded with the browser
// family and a keyed hash of the address; an expired link shows whom to contact and nothing personal,
// at every URL under it; script in any list cell or the notice arrives as text; the page is small,
// script-free and never cached or referred.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { inDays, sentCampaign, setLandingPage, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../../support/factories.ts';
import { MISS_BUDGET } from '../../../src/landing/policy.ts';
import { textOf, Visitor } from './visitor.ts';

const XSS = '<script>alert(1)</script>';
const LIST = [
  '氏名,電話番号,金額,生年月日,備考',
  `山田 太郎,090-2222-0001,12345,1990/01/02,"${XSS}<img src=x onerror=alert(2)>"`,
  '佐藤 花子,090-2222-0002,5000,1985/12/31,なし',
  '鈴木 一郎,090-2222-0003,8000,1970/07/07,なし',
].join('\n');
const NOTICE = `# ご案内\n\n{{name}}様 未納額 {{amount|yen}}\n\n備考: {{備考}}\n\n${XSS}\n\n<iframe src="https://evil.example"></iframe>\n\n[click](javascript:alert(3))`;

let t: TestApp;
let c: SentCampaign;
before(async () => {
  t = await startTestApp('sqlite');
  await setOrganisation(t, { ...TOTO_UNIVERSITY, officialSenders: ['0120-000-111'] });
  c = await sentCampaign(t, 'safety', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(3), notice: NOTICE });
});
after(async () => t.stop());

async function verified(name: string, answer: string): Promise<{ v: Visitor; path: string; messageId: number }> {
  const r = c.recipients.get(name)!;
  const v = new Visitor(t.url);
  const res = await v.post(`${r.path}/verify`, await v.get(r.path), { answer });
  assert.equal(res.status, 303);
  return { v, path: r.path, messageId: r.messageId };
}

test('every unknown code, of any form, gets the same page and status', async () => {
  const v = new Visitor(t.url);
  const answers = await Promise.all(['AAAAAAAAAAA', 'zzzzzzzzzzz', 'short', 'x'.repeat(64), '%3Cscript%3E', '00000000000'].map((code) => v.get(`/l/${code}`)));
  for (const a of answers) {
    assert.equal(a.status, 404);
    assert.equal(a.html, answers[0]!.html);
  }
  assert.match(answers[0]!.html, /リンクが確認できません/u);
  assert.match(answers[0]!.html, /03-1234-5678/u, 'whom to call');
});

test(`after ${MISS_BUDGET} unknown codes an address waits, even for a real link; others are served`, async () => {
  const v = new Visitor(t.url);
  for (let i = 0; i < MISS_BUDGET; i++) assert.equal((await v.get(`/l/Guess${String(i).padStart(6, '0')}`)).status, 404);
  const blocked = await v.get(c.recipients.get('佐藤 花子')!.path);
  assert.equal(blocked.status, 429);
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  assert.equal((await v.get('/l/AAAAAAAAAAA')).status, 429, 'the same answer for unknown codes');
  assert.equal((await new Visitor(t.url).get(c.recipients.get('佐藤 花子')!.path)).status, 200);
});

test('an open is recorded with the browser family and a keyed hash of the address, never the address', async () => {
  const r = c.recipients.get('鈴木 一郎')!;
  const v = new Visitor(t.url, '203.0.113.77');
  await v.get(r.path);
  const events = await t.app.store.landing.events(r.messageId);
  const open = events.find((e) => e.kind === 'open')!;
  assert.equal(open.browser, 'Safari');
  assert.equal(open.os, 'iOS');
  assert.equal(open.platform, 'mobile');
  assert.match(open.ip_hash!, /^[0-9a-f]{32}$/u);
  const rows = await t.app.store.db.kysely.selectFrom('landing_events').selectAll().execute();
  assert.ok(!JSON.stringify(rows).includes('203.0.113'));
  const funnel = await t.api('GET', `/campaigns/${c.id}/landing`);
  assert.ok(funnel.body.funnel.opened >= 1);
});

test('script in a list cell and in the notice is shown as text; raw HTML and javascript: links are not rendered', async () => {
  const { v, path } = await verified('山田 太郎', '1990/01/02');
  const page = await v.get(path);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.html, /<script|<img src=x|<iframe|href="javascript:/iu);
  assert.match(page.html, /備考: &lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x onerror=alert\(2\)&gt;/u);
  assert.match(textOf(page.html), /<script>alert\(1\)<\/script>/u, 'a reader sees it as text');
  const csp = page.headers.get('content-security-policy')!;
  assert.match(csp, /default-src 'none'/u);
  assert.doesNotMatch(csp, /script-src/u, 'no script may run at all');
});

test('pages carry no script, allow zoom, declare Japanese, and stay small before the notice', async () => {
  const r = c.recipients.get('佐藤 花子')!;
  const form = await new Visitor(t.url).get(r.path);
  assert.doesNotMatch(form.html, /<script/iu);
  assert.match(form.html, /<html lang="ja">/u);
  assert.match(form.html, /<meta name="viewport" content="width=device-width, initial-scale=1">/u);
  assert.doesNotMatch(form.html, /user-scalable|maximum-scale/u);
  assert.equal(form.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(form.headers.get('x-frame-options'), 'DENY');
  assert.ok(Buffer.byteLength(form.html) < 30 * 1024, `form page ${Buffer.byteLength(form.html)} bytes`);

  const { v, path } = await verified('佐藤 花子', '1985/12/31');
  const page = await v.get(path);
  const notice = /<article class="notice"[^>]*>([\s\S]*?)<\/article>/u.exec(page.html)![1]!;
  const shell = Buffer.byteLength(page.html) - Buffer.byteLength(notice);
  assert.ok(shell < 30 * 1024, `verified page without its notice: ${shell} bytes`);
  const css = await v.get(/href="(\/p\/style\.css[^"]+)"/u.exec(page.html)![1]!);
  assert.equal(css.status, 200);
  assert.ok(Buffer.byteLength(css.html) < 12 * 1024, `stylesheet ${Buffer.byteLength(css.html)} bytes`);
  assert.match(css.headers.get('cache-control')!, /immutable/u);
});

test('English is one link away and remembered', async () => {
  const r = c.recipients.get('佐藤 花子')!;
  const v = new Visitor(t.url);
  const ja = await v.get(r.path);
  assert.match(ja.html, new RegExp(`href="${r.path}\\?lang=en"`, 'u'));
  const en = await v.get(`${r.path}?lang=en`);
  assert.match(en.html, /<html lang="en">/u);
  assert.match(en.html, /Date of birth/u);
  assert.match((await v.get(r.path)).html, /<html lang="en">/u);
});

test('an expired link shows whom to contact and nothing personal, at every URL under it, even with a session', async () => {
  const { v, path, messageId } = await verified('鈴木 一郎', '1970/07/07');
  assert.match((await v.get(path)).html, /鈴木 一郎様/u);
  const form = await v.get(path);
  await setLandingPage(t, c.id, { verification: { method: 'birth_date' }, expiresAt: new Date(Date.now() - 60_000).toISOString(), notice: NOTICE, contact: { name: '学生課 奨学金係', phone: '03-9999-0000', hours: '平日 10:00〜16:00' } });

  const answers = [
    await v.get(path),
    await v.get(`${path}/pdf`),
    await v.get(`${path}/survey/answer?x=1`),
    await v.get(`${path}/verify`),
    await v.post(`${path}/verify`, form, { answer: '1970/07/07' }),
    await v.post(`${path}/pay`, form, {}),
  ];
  for (const a of answers) {
    assert.equal(a.status, 410);
    assert.match(a.html, /閲覧期限が過ぎています/u);
    assert.match(a.html, /03-9999-0000/u);
    assert.match(a.html, /学生課 奨学金係/u);
    assert.doesNotMatch(a.html, /鈴木|8,000|8000|1970|name="answer"|\.pdf/u);
  }
  assert.equal(v.cookie('tdk_s', path), undefined, 'the session cookie is cleared');
  const history = await t.api('GET', `/messages/${messageId}/landing`);
  assert.ok(history.body.events.some((e: { kind: string }) => e.kind === 'expired_view'));
});
