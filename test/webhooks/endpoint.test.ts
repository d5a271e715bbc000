// Where webhooks may go, as written: HTTPS to a host that is not internal in any spelling; plain HTTP and
// internal addresses only for hosts the operator lists; nothing with a password in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebhookUrl, webhookUrlProblem } from '../../src/webhooks/endpoint.ts';
import { TodokuError } from '../../src/core/errors.ts';

const noDns = async () => [];

test('https URLs to public hosts are accepted', () => {
  assert.equal(webhookUrlProblem('https://hooks.example.jp/todoku?source=sms'), null);
  assert.equal(webhookUrlProblem('https://203.0.113.9/hook'), null);
});

test('http is refused unless the operator lists the host, and then only for that host', () => {
  for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1:9000/', 'http://[::1]:3000/x', 'http://example.jp/hook']) assert.ok(webhookUrlProblem(url), url);
  const allow = ['localhost', '127.0.0.1', '::1', 'erp.internal'];
  for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1:9000/', 'http://[::1]:3000/x', 'http://ERP.internal/x']) assert.equal(webhookUrlProblem(url, allow), null, url);
  for (const url of ['http://127.0.0.2/', 'http://example.jp/hook']) assert.ok(webhookUrlProblem(url, allow), url);
});

test('other schemes, credentials, fragments and nonsense are refused with a bilingual reason', async () => {
  for (const url of ['ftp://example.jp/x', 'https://user:pass@example.jp/', 'https://example.jp/#frag', 'not a url', 'javascript:alert(1)']) {
    const problem = webhookUrlProblem(url);
    assert.ok(problem?.ja && problem.en, url);
  }
  await assert.rejects(checkWebhookUrl('http://example.jp/', { allowHosts: [], lookup: noDns }), (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_WEBHOOK_URL' && /https/.test(e.ja));
});
