// Where webhooks may go: HTTPS anywhere, plain HTTP only on this machine, nothing with a password in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWebhookUrl, webhookUrlProblem } from '../../src/webhooks/endpoint.ts';
import { TodokuError } from '../../src/core/errors.ts';

test('https URLs anywhere are accepted', () => {
  assert.equal(webhookUrlProblem('https://hooks.example.jp/todoku?source=sms'), null);
});

test('http is accepted only for localhost, 127.0.0.1 and ::1', () => {
  for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1:9000/', 'http://[::1]:3000/x']) assert.equal(webhookUrlProblem(url), null, url);
  for (const url of ['http://example.jp/hook', 'http://10.0.0.5/hook', 'http://127.0.0.2/']) assert.ok(webhookUrlProblem(url), url);
});

test('other schemes, credentials, fragments and nonsense are refused with a bilingual reason', () => {
  for (const url of ['ftp://example.jp/x', 'https://user:pass@example.jp/', 'https://example.jp/#frag', 'not a url', 'javascript:alert(1)']) {
    const problem = webhookUrlProblem(url);
    assert.ok(problem?.ja && problem.en, url);
  }
  assert.throws(() => checkWebhookUrl('http://example.jp/'), (e: unknown) => e instanceof TodokuError && e.code === 'TODOKU_E_WEBHOOK_URL' && /https/.test(e.ja));
});
