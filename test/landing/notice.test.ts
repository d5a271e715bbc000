// The notice: Markdown without raw HTML, merge fields from the recipient's row filled by the SMS
// template engine and escaped after the merge; long notices; fields never decide where a link goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileNotice, MISSING_VALUE, renderNotice } from '../../src/landing/notice.ts';
import { TodokuError } from '../../src/core/errors.ts';

test('fields are merged with filters, formatted as Markdown around them', () => {
  const n = compileNotice('# {{name}}様へのお知らせ\n\n未納額は **{{amount|yen}}**、期限は{{due_date|date}}です。');
  const html = renderNotice(n, { name: '山田 太郎', amount: '12345', due_date: '2026/12/01' });
  assert.match(html, /<h2>山田 太郎様へのお知らせ<\/h2>/u, 'the page title is the one h1: headings move down a level');
  assert.match(html, /<strong>¥12,345<\/strong>/u);
  assert.match(html, /2026年12月1日/u);
});

test('script in the notice text is shown as text', () => {
  const html = renderNotice(compileNotice('<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))'), {});
  assert.doesNotMatch(html, /<script|<img/u);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/u);
  assert.doesNotMatch(html, /href="javascript:/u);
});

test('script and Markdown in a list cell stay text after the merge', () => {
  const n = compileNotice('{{name}}様\n\n備考: {{note}}');
  const html = renderNotice(n, { name: '<script>alert("x")</script>', note: '**bold** [phish](https://evil.example) <b>b</b>' });
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;様/u);
  assert.match(html, /\*\*bold\*\* \[phish\]\(https:\/\/evil\.example\) &lt;b&gt;b&lt;\/b&gt;/u);
  assert.doesNotMatch(html, /<strong>|<a /u);
});

test('a field inside a link target is refused when the notice is set', () => {
  assert.throws(
    () => compileNotice('[お支払い]({{pay_url}})'),
    (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_NOTICE_FIELD_PLACEMENT',
  );
  // In the link's text it is fine.
  assert.match(renderNotice(compileNotice('[{{name}}様のページ](https://example.jp/)'), { name: '甲' }), /<a href="https:\/\/example\.jp\/" rel="noopener noreferrer">甲様のページ<\/a>/u);
});

test('a broken merge field is a template error naming where', () => {
  assert.throws(() => compileNotice('本文 {{name'), (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_TEMPLATE_SYNTAX');
});

test('a 10,830-character notice renders whole, with its fields', () => {
  const paragraph = '本件は未納となっている授業料についてのご案内です。期限までにお手続きをお願いいたします。'; // 45 characters
  let source = '# ご案内\n\n{{name}}様\n\n';
  while ([...source].length < 10_830) source += `${paragraph}\n\n`;
  source += '以上、{{name}}様へのご案内でした。';
  assert.ok([...source].length >= 10_830);
  const html = renderNotice(compileNotice(source), { name: '佐藤 花子' });
  assert.equal(html.split('佐藤 花子様').length - 1, 2);
  assert.equal(html.split(paragraph).length - 1, source.split(paragraph).length - 1);
});

test('a row without a value shows a dash, never a gap', () => {
  assert.match(renderNotice(compileNotice('金額: {{amount|yen}}'), { amount: '' }), new RegExp(`金額: ${MISSING_VALUE}`, 'u'));
});
