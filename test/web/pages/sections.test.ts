// The verified page's extension point, as the PDF, survey and payment parts use it: a section renders
// its fragment after the notice from the verified visit; its own routes under the link serve verified
// sessions only, check CSRF on posts, and show the expiry page once the link has expired. A section
// that fails does not take the page down. Built with the real server and a real database.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { createTestDb, testVault, type TestDb } from '../../support/db.ts';
import { buildServer } from '../../../src/web/server.ts';
import { createComposer } from '../../../src/campaign/compose.ts';
import { createLanding, type Landing } from '../../../src/landing/landing.ts';
import { createLogger } from '../../../src/log.ts';
import { createAccounts } from '../../../src/accounts/accounts.ts';
import { createWebhookService } from '../../../src/webhooks/service.ts';
import { html } from '../../../src/web/pages/html.ts';
import type { LandingSection, VerifiedVisit } from '../../../src/web/pages/sections.ts';
import { Visitor } from './visitor.ts';

let t: TestDb;
let app: FastifyInstance;
let origin: string;
let path: string;
let campaignId: number;
const posted: { messageId: number; x: string | undefined }[] = [];
let seen: VerifiedVisit | undefined;
let landing: Landing;

const demo: LandingSection = {
  id: 'demo',
  render: (v) => {
    seen = v;
    return html`<section aria-labelledby="demo-h"><h2 id="demo-h">${v.t({ ja: 'お支払い', en: 'Payment' })}</h2>
<p>${v.fields.name}様 ${v.fields.amount}円</p>
<form method="post" action="${v.base}/demo/answer">${v.csrf}<input name="x" aria-label="x"><button>送信</button></form></section>`;
  },
  routes: (r) => {
    r.get('/detail', (v, _req, reply) => reply.type('text/plain; charset=utf-8').send(`detail of message ${v.messageId}`));
    r.post('/answer', (v, req, reply) => {
      posted.push({ messageId: v.messageId, x: (req.body as Record<string, string>).x });
      return reply.redirect(v.base, 303);
    });
  },
};
const broken: LandingSection = {
  id: 'broken',
  render: () => {
    throw new Error('this section fails');
  },
};

before(async () => {
  t = await createTestDb('sqlite');
  const c = await t.store.campaigns.create({ name: 'sections' });
  campaignId = c.id;
  await t.store.recipients.insertBatch(c.id, [{ line: 2, phone: '+819055550001', fields: { name: '<b>山田</b>', amount: '12345', birth_date: '1990/01/02' } }]);
  await t.store.messages.materialise(c.id);
  const m = await t.db.kysely.selectFrom('messages').select('id').where('campaign_id', '=', c.id).executeTakeFirstOrThrow();
  let base = '';
  const composer = createComposer(testVault, () => base);
  const code = composer.linkCode(m.id);
  await t.db.kysely.updateTable('messages').set({ link_code: code, submitted_at: Date.now(), state: 'delivered' }).where('id', '=', m.id).execute();
  await t.store.landing.putCampaignLanding(c.id, { method: 'birth_date', column_name: 'birth_date', digits: null, expires_at: Date.now() + 3600_000, notice: '# ご案内\n\n{{name}}様', notice_en: null, contact_json: null });
  const log = createLogger('silent');
  landing = createLanding({ store: t.store, vault: testVault, defaults: { sender: 'TODOKU', linkBase: () => base } });
  app = await buildServer({ store: t.store, vault: testVault, composer, limits: { maxParts: 10 }, lint: { blocking: [], linkBase: () => base }, poke: () => {}, now: Date.now, webhookService: createWebhookService({ store: t.store }), simulator: null, log, version: 'test', accounts: createAccounts(t.store, testVault), landing: { service: landing, sections: [demo, broken] } });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
  base = `${origin}/l`;
  path = `/l/${code}`;
});
after(async () => {
  await app.close();
  await t.cleanup();
});

async function verifiedVisitor(): Promise<Visitor> {
  const v = new Visitor(origin);
  const r = await v.post(`${path}/verify`, await v.get(path), { answer: '1990-01-02' });
  assert.equal(r.status, 303);
  return v;
}

test('a section renders after the notice from the verified visit, its values escaped; a failing one is left out', async () => {
  const v = await verifiedVisitor();
  const page = await v.get(path);
  assert.equal(page.status, 200);
  const notice = page.html.indexOf('<article class="notice"');
  const section = page.html.indexOf('<div class="section" id="section-demo">');
  assert.ok(notice > 0 && section > notice, 'the section follows the notice');
  assert.match(page.html, /&lt;b&gt;山田&lt;\/b&gt;様 12345円/u);
  assert.doesNotMatch(page.html, /section-broken/u);
  assert.equal(seen?.code, path.slice(3));
  assert.equal(seen?.campaignId, campaignId);
  assert.equal(seen?.lang, 'ja');
  assert.ok(seen!.sessionExpiresAt > Date.now());
  assert.ok(seen!.linkExpiresAt! > Date.now());
});

test("a section's page is for verified sessions only", async () => {
  const stranger = new Visitor(origin);
  const away = await stranger.get(`${path}/demo/detail`);
  assert.equal(away.status, 303);
  assert.equal(away.location, path);
  const v = await verifiedVisitor();
  const detail = await v.get(`${path}/demo/detail`);
  assert.equal(detail.status, 200);
  assert.match(detail.html, /^detail of message \d+$/u);
});

test("a section's form post needs the form's CSRF token", async () => {
  const v = await verifiedVisitor();
  const page = await v.get(path);
  assert.equal((await v.request('POST', `${path}/demo/answer`, { x: 'no token' })).status, 403);
  const ok = await v.post(`${path}/demo/answer`, page, { x: 'はい' });
  assert.equal(ok.status, 303);
  assert.deepEqual(posted.map((p) => p.x), ['はい']);
});

test("after the link expires, a section's page shows whom to contact", async () => {
  const v = await verifiedVisitor();
  await t.db.kysely.updateTable('campaign_landing').set({ expires_at: Date.now() - 1000, updated_at: Date.now() }).where('campaign_id', '=', campaignId).execute();
  // Changed behind the service's back (as another process would): told, as the settings API does.
  landing.linksChanged();
  const expired = await v.get(`${path}/demo/detail`);
  assert.equal(expired.status, 410);
  assert.doesNotMatch(expired.html, /山田|12345|detail of/u);
});

test('a section id that would clash with the link’s own routes is refused at start', async () => {
  const other = createLanding({ store: t.store, vault: testVault, defaults: { sender: 'TODOKU', linkBase: () => '' } });
  await assert.rejects(
    buildServer({ store: t.store, vault: testVault, composer: createComposer(testVault, () => ''), limits: { maxParts: 10 }, lint: { blocking: [], linkBase: () => 'http://localhost/l' }, poke: () => {}, now: Date.now, webhookService: createWebhookService({ store: t.store }), simulator: null, log: createLogger('silent'), version: 'test', accounts: createAccounts(t.store, testVault), landing: { service: other, sections: [{ id: 'verify' }] } }),
    /not allowed/u,
  );
});
