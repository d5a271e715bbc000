// Logging in to the running app over HTTP and what each role may do: cookies as a browser gets them,
// CSRF refused without the token (JSON and HTML form), a viewer who cannot create or send, an operator
// who can, administrators' users and audit log, API keys with roles that need no cookies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCampaign } from '../support/factories.ts';
import { Browser } from './browser.ts';

let t: TestApp;
let admin: Browser;

/** A person made by the administrator (through the API), logged in a fresh browser. */
async function person(login: string, role: 'admin' | 'operator' | 'viewer', password = `${role} password for tests`): Promise<{ browser: Browser; id: number }> {
  const created = await admin.request('POST', '/users', { json: { login, role, password }, csrf: true });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const browser = new Browser(t.url);
  const r = await browser.login(login, password);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return { browser, id: created.body.user.id };
}

function assertForbidden(r: { status: number; body: any; headers: Headers }, role: string): void {
  assert.equal(r.status, 403, JSON.stringify(r.body));
  assert.match(r.headers.get('content-type')!, /application\/problem\+json/);
  assert.equal(r.body.code, 'TODOKU_E_FORBIDDEN');
  assert.match(r.body.title, new RegExp(`権限がありません.*${role}`));
}

before(async () => {
  t = await startTestApp('sqlite');
  // The first administrator, as `todoku admin create` would make it; then the browser logs in.
  await t.api('POST', '/users', { login: 'admin@example.jp', role: 'admin', password: 'administrator secret 1' });
  admin = new Browser(t.url);
  assert.equal((await admin.login('admin@example.jp', 'administrator secret 1')).status, 200);
});
after(async () => t?.stop());

test('logging in sets an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie; Secure behind TLS', async () => {
  const b = new Browser(t.url);
  const r = await b.login('ADMIN@example.jp', 'administrator secret 1');
  assert.equal(r.status, 200);
  assert.equal(r.body.user.role, 'admin');
  const session = r.setCookies.find((c) => c.startsWith('todoku_session='))!;
  const csrf = r.setCookies.find((c) => c.startsWith('todoku_csrf='))!;
  assert.match(session, /HttpOnly/);
  assert.match(session, /SameSite=Lax/);
  assert.doesNotMatch(session, /Secure/, 'plain http in this test');
  assert.doesNotMatch(csrf, /HttpOnly/);
  assert.equal(b.csrf, r.body.csrfToken);

  const tls = await new Browser(t.url).request('POST', '/session', { json: { login: 'admin@example.jp', password: 'administrator secret 1' }, headers: { 'x-forwarded-proto': 'https' } });
  assert.ok(tls.setCookies.every((c) => /; Secure/.test(c)), 'behind a TLS proxy both cookies are Secure');

  const me = await b.request('GET', '/session/me');
  assert.equal(me.body.kind, 'user');

  const crossSiteForm = await new Browser(t.url).request('POST', '/session', { form: { login: 'admin@example.jp', password: 'administrator secret 1' } });
  assert.equal(crossSiteForm.status, 415, 'no login from another site\'s HTML form');
  assert.equal(crossSiteForm.setCookies.length, 0);
  assert.equal(me.body.user.login, 'admin@example.jp');
});

test('logging out ends the session: the old cookie no longer opens anything', async () => {
  const b = new Browser(t.url);
  await b.login('admin@example.jp', 'administrator secret 1');
  const stolen = new Map(b.cookies);
  assert.equal((await b.request('DELETE', '/session', { csrf: true })).status, 204);
  assert.equal(b.cookies.size, 0, 'cookies cleared');
  const replay = new Browser(t.url);
  for (const [k, v] of stolen) replay.cookies.set(k, v);
  const r = await replay.request('GET', '/campaigns');
  assert.equal(r.status, 401);
  assert.equal(r.body.code, 'TODOKU_E_UNAUTHORIZED');
});

test('a wrong password is a Japanese 401; after five this address is locked out of the account with 429, Retry-After and a Japanese message', async () => {
  await person('target@example.jp', 'viewer', 'the real password 1');
  const b = new Browser(t.url);
  const wrong = await b.login('target@example.jp', 'a wrong guess');
  assert.equal(wrong.status, 401);
  assert.equal(wrong.body.title, 'ログインIDまたはパスワードが正しくありません');
  for (let i = 0; i < 4; i++) assert.equal((await b.login('target@example.jp', `guess ${i}`)).status, 401);
  const locked = await b.login('target@example.jp', 'the real password 1');
  assert.equal(locked.status, 429);
  assert.equal(locked.body.code, 'TODOKU_E_LOGIN_THROTTLED');
  assert.match(locked.body.title, /一時的にログインできません/);
  assert.equal(locked.headers.get('retry-after'), '60');
});

test('a viewer reads but cannot create or send a campaign, nor export personal data (403, Japanese)', async () => {
  const id = await createCampaign(t, { name: '閲覧テスト', template: '{{name}}様 お知らせです', policyPack: 'none' });
  const { browser: viewer } = await person('viewer@example.jp', 'viewer');
  assert.equal((await viewer.request('GET', '/campaigns')).status, 200);
  assert.equal((await viewer.request('GET', `/campaigns/${id}/messages`)).status, 200);
  assertForbidden(await viewer.request('POST', '/campaigns', { json: { name: 'viewer-made' }, csrf: true }), 'オペレーター');
  assertForbidden(await viewer.request('POST', `/campaigns/${id}/send`, { json: {}, csrf: true }), 'オペレーター');
  assertForbidden(await viewer.request('GET', `/campaigns/${id}/export.csv`), 'オペレーター');
  assertForbidden(await viewer.request('GET', '/users'), '管理者');
  assert.equal((await t.api('GET', '/campaigns/viewer-made')).status, 404, 'nothing was created');
});

test('an operator imports and sends, but cannot manage users or API keys', async () => {
  const { browser: op, id } = await person('operator@example.jp', 'operator');
  const created = await op.request('POST', '/campaigns', { json: { name: 'operator-run', template: '{{name}}様 お支払いのお願い', policyPack: 'none' }, csrf: true });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const csv = '氏名,電話番号\n山田 太郎,090-1111-2222\n';
  const imported = await fetch(`${t.url}/api/v1/campaigns/operator-run/recipients`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: [...op.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': op.csrf! },
    body: csv,
  });
  assert.equal(imported.status, 200, await imported.text());
  const sent = await op.request('POST', '/campaigns/operator-run/send', { json: {}, csrf: true });
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  assertForbidden(await op.request('GET', '/users'), '管理者');
  assertForbidden(await op.request('POST', '/api-keys', { json: { name: 'mine' }, csrf: true }), '管理者');

  const audit = await t.api('GET', '/audit?action=campaign.send');
  assert.equal(audit.body.entries[0].actor, `user:${id}:operator@example.jp`, 'the audit log names the person');
});

test('CSRF: a JSON or form post with the session cookie but without the token is refused; with it, it goes through', async () => {
  const { browser: op } = await person('csrf@example.jp', 'operator');
  const noToken = await op.request('POST', '/campaigns', { json: { name: 'csrf-json' } });
  assert.equal(noToken.status, 403);
  assert.equal(noToken.body.code, 'TODOKU_E_CSRF');
  assert.match(noToken.body.title, /CSRFトークン/);
  assert.equal((await op.request('POST', '/campaigns', { json: { name: 'csrf-json' }, csrf: 'forged-token' })).status, 403);
  const otherSession = (await new Browser(t.url).login('admin@example.jp', 'administrator secret 1')).body.csrfToken as string;
  assert.equal((await op.request('POST', '/campaigns', { json: { name: 'csrf-json' }, csrf: otherSession })).status, 403, "another session's token does not fit");

  const formNoToken = await op.request('POST', '/campaigns', { form: { name: 'csrf-form' } });
  assert.equal(formNoToken.status, 403);
  assert.equal(formNoToken.body.code, 'TODOKU_E_CSRF');
  assert.equal((await op.request('POST', '/campaigns', { form: { name: 'csrf-form', _csrf: 'wrong' } })).status, 403);
  assert.equal((await t.api('GET', '/campaigns/csrf-form')).status, 404, 'nothing was created by the refused posts');

  assert.equal((await op.request('POST', '/campaigns', { json: { name: 'csrf-json' }, csrf: true })).status, 201);
  assert.equal((await op.request('POST', '/campaigns', { form: { name: 'csrf-form', _csrf: op.csrf! } })).status, 201, 'an HTML form with the hidden field');
});

test('API keys need no cookie or CSRF token, carry a role, and stop working when revoked', async () => {
  const made = await admin.request('POST', '/api-keys', { json: { name: 'reporting', role: 'viewer' }, csrf: true });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.role, 'viewer');
  const viewerKey = made.body.key as string;
  assert.equal((await t.api('GET', '/campaigns', undefined, { key: viewerKey })).status, 200);
  const denied = await t.api('POST', '/campaigns', { name: 'by-viewer-key' }, { key: viewerKey });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.code, 'TODOKU_E_FORBIDDEN');

  const integration = await t.api('POST', '/api-keys', { name: 'integration' });
  assert.equal(integration.body.role, 'operator', 'operator unless said otherwise');
  const x = await fetch(`${t.url}/api/v1/campaigns`, { method: 'POST', headers: { 'x-api-key': integration.body.key, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'by-integration' }) });
  assert.equal(x.status, 201, 'X-API-Key works, no CSRF token needed');
  assert.equal((await t.api('POST', '/api-keys', { name: 'escalate' }, { key: integration.body.key })).status, 403, 'an operator key cannot make keys');

  assert.equal((await admin.request('DELETE', `/api-keys/${integration.body.id}`, { csrf: true })).status, 204);
  const revoked = await t.api('GET', '/campaigns', undefined, { key: integration.body.key });
  assert.equal(revoked.status, 401);
  assert.match(revoked.body.title, /APIキー/);
  const listed = await t.api('GET', '/api-keys');
  assert.deepEqual(
    listed.body.keys.filter((k: any) => ['reporting', 'integration'].includes(k.name)).map((k: any) => [k.name, k.role, k.revokedAt !== null]),
    [
      ['reporting', 'viewer', false],
      ['integration', 'operator', true],
    ],
  );
});

test('someone given a one-time password must change it before any work', async () => {
  const made = await admin.request('POST', '/users', { json: { login: 'newcomer@example.jp', displayName: '新人 太郎', role: 'operator' }, csrf: true });
  assert.equal(made.status, 201);
  const otp = made.body.oneTimePassword as string;
  assert.ok(otp);
  const b = new Browser(t.url);
  const login = await b.login('newcomer@example.jp', otp);
  assert.equal(login.body.user.mustChangePassword, true);
  const blocked = await b.request('GET', '/campaigns');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.body.code, 'TODOKU_E_PASSWORD_CHANGE_REQUIRED');
  assert.equal((await b.request('GET', '/session/me')).status, 200);
  const weak = await b.request('POST', '/session/password', { json: { currentPassword: otp, newPassword: 'short' }, csrf: true });
  assert.equal(weak.status, 422);
  assert.match(weak.body.title, /10文字以上/);
  const changed = await b.request('POST', '/session/password', { json: { currentPassword: otp, newPassword: 'my own password 2026' }, csrf: true });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.user.mustChangePassword, false);
  assert.equal((await b.request('GET', '/campaigns')).status, 200);
});

test('an administrator changes a role (effective on the next request), disables someone (logged out at once) and resets a password', async () => {
  const { browser, id } = await person('changing@example.jp', 'viewer');
  assert.equal((await browser.request('POST', '/campaigns', { json: { name: 'before-promotion' }, csrf: true })).status, 403);
  const promoted = await admin.request('PATCH', `/users/${id}`, { json: { role: 'operator' }, csrf: true });
  assert.equal(promoted.body.role, 'operator');
  assert.equal((await browser.request('POST', '/campaigns', { json: { name: 'after-promotion' }, csrf: true })).status, 201);

  assert.equal((await admin.request('PATCH', `/users/${id}`, { json: { disabled: true }, csrf: true })).body.disabled, true);
  assert.equal((await browser.request('GET', '/campaigns')).status, 401);

  await admin.request('PATCH', `/users/${id}`, { json: { disabled: false }, csrf: true });
  const reset = await admin.request('POST', `/users/${id}/reset-password`, { csrf: true });
  assert.equal(reset.status, 200);
  assert.equal((await new Browser(t.url).login('changing@example.jp', reset.body.oneTimePassword)).body.user.mustChangePassword, true);

  const users = await admin.request('GET', '/users');
  assert.ok(users.body.users.every((u: any) => !('password_hash' in u) && !('passwordHash' in u)));
  const me = await admin.request('GET', '/session/me');
  const lastAdmin = await admin.request('PATCH', `/users/${me.body.user.id}`, { json: { role: 'viewer' }, csrf: true });
  assert.equal(lastAdmin.status, 409);
  assert.equal(lastAdmin.body.code, 'TODOKU_E_LAST_ADMIN');
});

test('the audit log is for administrators, newest first, page by page', async () => {
  const first = await admin.request('GET', '/audit?limit=2');
  assert.equal(first.status, 200);
  assert.equal(first.body.entries.length, 2);
  assert.ok(first.body.entries[0].id > first.body.entries[1].id);
  const second = await admin.request('GET', `/audit?limit=2&before=${first.body.next}`);
  assert.ok(second.body.entries.every((e: any) => e.id < first.body.next));
  const logins = await admin.request('GET', '/audit?action=session.login&limit=500');
  assert.ok(logins.body.entries.length >= 3);
  assert.ok(logins.body.entries.every((e: any) => /^user:\d+:/.test(e.actor)));
  const { browser: op } = await person('auditor-wannabe@example.jp', 'operator');
  assertForbidden(await op.request('GET', '/audit'), '管理者');
});
