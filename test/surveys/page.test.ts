// The survey on the verified page, over HTTP: a form that needs no script, CSRF-checked; a post with
// problems comes back with each problem at its question and the answers kept; a good one is stored and
// shown as answered, and can be changed; labels and answers with markup are shown as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { inDays, sentCampaign, type SentCampaign } from '../support/factories.ts';
import { textOf, Visitor } from '../web/pages/visitor.ts';

const LIST = ['氏名,電話番号,金額,生年月日', '山田 太郎,090-3333-0001,12345,1990/01/02', '佐藤 花子,090-3333-0002,5000,1985/12/31'].join('\n');
const SURVEY = {
  title: 'お支払いについて',
  questions: [
    { id: 'plan', type: 'single', label: 'お支払いの予定', required: true, options: [{ id: 'now', label: '今月中に支払う' }, { id: 'split', label: '分割を希望 <b>相談</b>' }] },
    { id: 'reach', type: 'multiple', label: '連絡方法', options: ['SMS', '電話'] },
    { id: 'note', type: 'text', label: 'ご意見', maxLength: 100 },
    { id: 'date', type: 'date', label: 'お支払い予定日' },
  ],
};

let t: TestApp;
let c: SentCampaign;
before(async () => {
  t = await startTestApp('sqlite');
  c = await sentCampaign(t, 'アンケート画面', LIST, { verification: { method: 'birth_date' }, expiresAt: inDays(7), notice: '# お知らせ\n\n{{name}}様' }, {
    beforeSend: async (id) => {
      const put = await t.api('PUT', `/campaigns/${id}/survey`, SURVEY);
      assert.equal(put.status, 200, JSON.stringify(put.body));
    },
  });
});
after(async () => t?.stop());

async function verified(name: string, birth: string) {
  const r = c.recipients.get(name)!;
  const v = new Visitor(t.url);
  const form = await v.get(r.path);
  const ok = await v.post(`${r.path}/verify`, form, { answer: birth });
  assert.equal(ok.status, 303);
  return { v, r, page: await v.get(r.path) };
}

test('the verified page carries the survey as a labelled form with the CSRF token; nothing before verification', async () => {
  const r = c.recipients.get('山田 太郎')!;
  const anonymous = await new Visitor(t.url).get(r.path);
  assert.doesNotMatch(anonymous.html, /お支払いの予定/u);
  const { page } = await verified('山田 太郎', '1990-01-02');
  assert.match(page.html, /<h2 id="survey-h">お支払いについて<\/h2>/u);
  assert.match(page.html, /<form method="post" action="\/l\/[0-9A-Za-z]{11}\/survey\/answer" class="main"><input type="hidden" name="_csrf"/u);
  assert.match(page.html, /<legend><strong>1\. お支払いの予定<\/strong> <small>（必須）<\/small><\/legend>/u);
  assert.match(page.html, /<label class="card" for="survey-plan-0"><input type="radio" id="survey-plan-0" name="q_plan" value="now" required> 今月中に支払う<\/label>/u);
  assert.match(page.html, /<label for="survey-date">4\. お支払い予定日<\/label>/u);
  assert.match(page.html, /<input type="date" id="survey-date" name="q_date"/u);
  assert.match(page.html, /分割を希望 &lt;b&gt;相談&lt;\/b&gt;/u, 'a label with markup is text');
  assert.doesNotMatch(page.html, /<script/u);
});

test('a post without its CSRF token is refused; one with problems shows them at their questions and keeps the answers', async () => {
  const { v, r, page } = await verified('山田 太郎', '1990-01-02');
  const forged = await v.request('POST', `${r.path}/survey/answer`, { q_plan: 'now' });
  assert.equal(forged.status, 403);

  const bad = await v.post(`${r.path}/survey/answer`, page, { q_reach: 'SMS', q_note: '<script>alert(1)</script>', q_date: '2026-02-30' });
  assert.equal(bad.status, 422);
  assert.match(bad.html, /<div class="alert" role="alert"><p>2件の回答を確認してください。/u);
  assert.match(bad.html, /<fieldset id="survey-plan" aria-invalid="true" aria-describedby="survey-plan-error">/u);
  assert.match(bad.html, /<p class="alert" id="survey-date-error">日付を YYYY-MM-DD の形で入力してください<\/p>/u);
  assert.match(bad.html, /value="SMS" checked/u, 'what was chosen stays chosen');
  assert.match(bad.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/textarea>/u, 'typed markup comes back as text');
  assert.doesNotMatch(bad.html, /<script>/u);
});

test('a good post is stored, the page says answered, and a second post changes the answers', async () => {
  const { v, r, page } = await verified('佐藤 花子', '1985/12/31');
  const posted = await v.request('POST', `${r.path}/survey/answer`, undefined, {});
  assert.equal(posted.status, 403, 'no body, no token');
  const body = new URLSearchParams([['_csrf', /name="_csrf" value="([^"]+)"/u.exec(page.html)![1]!], ['q_plan', 'split'], ['q_reach', 'SMS'], ['q_reach', '電話'], ['q_note', '<b>夕方</b>に連絡ください']]);
  const ok = await fetch(`${t.url}${r.path}/survey/answer`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...v.cookies.entries()].map(([k, c]) => `${k.split('\0')[0]}=${c.value}`).join('; '), 'x-forwarded-for': v.ip }, body: body.toString() });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `${r.path}#section-survey`);

  const after = await v.get(r.path);
  assert.match(textOf(after.html), /回答済みです（\d{4}年\d+月\d+日 \d+:\d+）。.*まで変更できます。/u);
  assert.match(after.html, /value="split" checked/u);
  assert.match(after.html, /value="電話" checked/u);
  assert.match(after.html, /&lt;b&gt;夕方&lt;\/b&gt;に連絡ください<\/textarea>/u);
  assert.match(after.html, /回答を更新する/u);

  const changed = await v.post(`${r.path}/survey/answer`, after, { q_plan: 'now' });
  assert.equal(changed.status, 303);
  const results = await t.api('GET', `/campaigns/${c.id}/survey/results`);
  assert.equal(results.body.answered, 1);
  assert.deepEqual(results.body.questions[0].options.map((o: any) => o.count), [1, 0]);
  const csv = await t.api('GET', `/campaigns/${c.id}/survey/export.csv`);
  assert.match(csv.body, /佐藤 花子,,.*今月中に支払う,,,/u);
});
