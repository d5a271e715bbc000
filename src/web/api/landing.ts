// /api/v1 for the recipient's side: the organisation's branding and contact (PUT/GET /organisation,
// its logo), a campaign's landing page (PUT/GET /campaigns/:c/landing), and a message's page state
// with the operator's unlock after five wrong answers (audited).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import type { Landing } from '../../landing/landing.ts';
import type { Campaign } from '../../store/schema.ts';
import type { CampaignLanding } from '../../store/schema-landing.ts';
import type { Organisation } from '../../landing/organisation.ts';
import { notFound } from './problem.ts';
import { TodokuError } from '../../core/errors.ts';
import { VERIFICATION_METHODS } from '../../landing/answers.ts';
import { logoType, saveCampaignLanding, saveOrganisation } from '../../landing/settings.ts';
import { recordContentChange } from '../../campaign/send-evidence.ts';
import { unlockMessage } from '../../landing/unlock.ts';
import { MAX_FAILED_ATTEMPTS } from '../../landing/policy.ts';
import { contrast, textOn } from '../pages/theme.ts';
import { linkBaseOf } from '../../core/link-origin.ts';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/u, '#rrggbb');
const contact = z.object({
  name: z.string().trim().max(100).nullish().describe('who answers, e.g. 学生課 奨学金係'),
  phone: z.string().trim().min(1).max(40),
  hours: z.string().trim().max(200),
  hoursEn: z.string().trim().max(200).nullish(),
});

const organisationBody = z.object({
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullish(),
  logoUrl: z.url({ protocol: /^https$/u }).max(2000).nullish().describe('an https image; or upload one with PUT /organisation/logo'),
  colours: z.object({ primary: colour, accent: colour }).optional(),
  contact: contact.omit({ name: true }).nullish(),
  officialSenders: z.array(z.string().trim().min(1).max(20)).max(20).default([]).describe('発信番号 or alphanumeric sender ids shown on the anti-smishing page'),
  linkBase: z.url().max(200).nullish().describe("what recipients' links start with, as shown on /verify (default TODOKU_LINK_BASE); left out: kept as set before, null: back to the default"),
  officialLinkBases: z
    .array(
      z
        .url({ protocol: /^https$/u })
        .max(200)
        .refine((u) => linkBaseOf(u) !== null, 'https://host[/path], without user, query or fragment'),
    )
    .max(10)
    .default([])
    .describe('further official link bases (e.g. an old short domain): on /verify a pasted link counts as ours only on TODOKU_LINK_BASE, linkBase or one of these'),
  shortNames: z.array(z.string().trim().min(1).max(60)).max(10).default([]).describe('official short names (e.g. さくら債権回収 for さくら債権回収株式会社): the wording check counts them as the sender name'),
  sampleMessage: z.string().max(700).nullish().describe('an example SMS shown on /verify'),
  legalName: z.string().trim().max(200).nullish().describe('法人名: the sender\'s legal name, on every recipient page, /verify and certificates; left out: kept'),
  address: z.string().trim().max(300).nullish().describe('所在地: the sender\'s registered address; left out: kept'),
  registrationNumbers: z
    .array(z.string().trim().min(1).max(200))
    .max(10)
    .optional()
    .describe('登録番号など, one per line, e.g. 債権回収会社 法務大臣許可番号 第123号, 適格請求書発行事業者登録番号 T1234567890123; left out: kept'),
  retentionDays: z
    .number()
    .int()
    .min(1)
    .max(36_500)
    .nullish()
    .describe('days after a campaign ends before personal data not kept as evidence is removed (rejected rows, unused columns, identity-check answers once the page expired, unmatched replies); null: kept; left out: kept as set'),
});

const organisationView = z.object({
  name: z.string(),
  nameEn: z.string().nullable(),
  logo: z.object({ kind: z.enum(['url', 'uploaded']), url: z.string() }).nullable(),
  colours: z.object({ primary: z.string(), accent: z.string() }),
  contact: z.object({ phone: z.string(), hours: z.string(), hoursEn: z.string().nullish() }).nullable(),
  officialSenders: z.array(z.string()),
  linkBase: z.string(),
  officialLinkBases: z.array(z.string()),
  shortNames: z.array(z.string()),
  sampleMessage: z.string().nullable(),
  updatedAt: z.string().nullable(),
  legalName: z.string().nullable(),
  address: z.string().nullable(),
  registrationNumbers: z.array(z.string()),
  retentionDays: z.number().nullable(),
});

const landingBody = z.object({
  verification: z.object({
    method: z.enum(VERIFICATION_METHODS).describe('birth_date 生年月日 | id_suffix 番号の下N桁 | postal_code 郵便番号 | pin'),
    column: z.string().trim().min(1).max(100).optional().describe('field or header holding the answer; default birth_date, external_id, postal_code or pin'),
    digits: z.number().int().min(2).max(8).optional().describe('id_suffix: trailing digits asked (default 4)'),
  }),
  expiresAt: z.iso.datetime({ offset: true }).nullable().describe('開封期限: afterwards the page shows only whom to contact'),
  notice: z.string().max(200_000).describe('Markdown (raw HTML shown as text) with {{field}} merge fields'),
  noticeEn: z.string().max(200_000).nullish(),
  contact: contact.nullish().describe("this campaign's contact; default the organisation's"),
});

const landingView = landingBody.extend({
  campaignId: z.number(),
  verification: z.object({ method: z.enum(VERIFICATION_METHODS), column: z.string(), digits: z.number().nullable() }),
  updatedAt: z.string(),
  funnel: z.object({ opened: z.number(), verified: z.number(), locked: z.number() }),
});

const messageLandingView = z.object({
  messageId: z.number(),
  failedAttempts: z.number(),
  maxAttempts: z.number(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  events: z.array(z.object({ kind: z.string(), at: z.string(), browser: z.string().nullable(), os: z.string().nullable(), platform: z.string().nullable() })),
});

const campaignRef = z.object({ campaign: z.string().min(1).describe('campaign id or name') });
const messageRef = z.object({ id: z.coerce.number().int().positive() });

function toOrganisationView(o: Organisation): z.infer<typeof organisationView> {
  return {
    name: o.name,
    nameEn: o.nameEn,
    logo: o.logo ? { kind: o.logo.kind, url: o.logo.kind === 'url' ? o.logo.url : `/p/logo?v=${o.logo.version.toString(36)}` } : null,
    colours: o.colours,
    contact: o.contact ? { phone: o.contact.phone, hours: o.contact.hours, hoursEn: o.contact.hoursEn ?? null } : null,
    officialSenders: o.officialSenders,
    linkBase: o.linkBase,
    officialLinkBases: o.officialLinkBases,
    shortNames: o.shortNames,
    sampleMessage: o.sampleMessage,
    updatedAt: o.updatedAt ? iso(o.updatedAt) : null,
    legalName: o.legalName,
    address: o.address,
    registrationNumbers: o.registrationNumbers,
    retentionDays: o.retentionDays,
  };
}

function toLandingView(l: CampaignLanding, funnel: { opened: number; verified: number; locked: number }): z.infer<typeof landingView> {
  return {
    campaignId: l.campaign_id,
    verification: { method: l.method, column: l.column_name, digits: l.digits },
    expiresAt: iso(l.expires_at),
    notice: l.notice,
    noticeEn: l.notice_en,
    contact: l.contact_json ? (JSON.parse(l.contact_json) as z.infer<typeof contact>) : null,
    updatedAt: iso(l.updated_at)!,
    funnel,
  };
}

/** Brand colours carry white or black text (whichever reads better) at WCAG AA contrast at least. */
function checkColours(colours: { primary: string; accent: string } | undefined): void {
  for (const [name, c] of Object.entries(colours ?? {})) {
    const ratio = contrast(c, textOn(c));
    if (ratio < 4.5) {
      throw new TodokuError(
        'TODOKU_E_ORGANISATION_COLOUR',
        { ja: `色 ${c}（${name}）では文字が読みにくくなります（コントラスト比 ${ratio.toFixed(2)}、4.5以上が必要）`, en: `colour ${c} (${name}) gives text a contrast of ${ratio.toFixed(2)}; at least 4.5 is needed` },
        { colour: name, ratio },
      );
    }
  }
}

export function landingApiRoutes(app: FastifyInstance, ctx: ApiContext, landing: Landing): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;

  async function loadCampaign(key: string): Promise<Campaign> {
    const c = (/^\d+$/u.test(key) ? await store.campaigns.byId(Number(key)) : undefined) ?? (await store.campaigns.byName(key));
    if (!c) throw notFound(`キャンペーン「${key}」/ campaign "${key}"`);
    return c;
  }

  r.get('/organisation', { schema: { tags: ['landing'], summary: 'The organisation as recipients see it: name, logo, colours, contact, official senders', response: { 200: organisationView } } }, async () =>
    toOrganisationView(await landing.organisation()),
  );

  r.put('/organisation', { config: { role: 'admin' }, schema: { tags: ['landing'], summary: 'Set the organisation’s branding, contact and official sender numbers', body: organisationBody, response: { 200: organisationView } } }, async (req) => {
    checkColours(req.body.colours);
    await saveOrganisation(store, req.body, req.actor);
    landing.organisationChanged();
    return toOrganisationView(await landing.organisation());
  });

  r.put(
    '/organisation/logo',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['landing'],
        summary: 'Upload the logo (PNG, JPEG, WebP or GIF, up to 256 KB, base64); set the organisation first',
        body: z.object({ data: z.string().min(1).max(360_000).describe('the image file, base64') }),
        response: { 200: organisationView },
      },
    },
    async (req) => {
      const bytes = Buffer.from(req.body.data, 'base64');
      const type = logoType(bytes);
      if (!type || bytes.length > 256 * 1024) {
        throw new TodokuError('TODOKU_E_LOGO', { ja: 'ロゴは256KB以下のPNG・JPEG・WebP・GIF画像にしてください', en: 'the logo must be a PNG, JPEG, WebP or GIF image of at most 256 KB' });
      }
      if (!(await store.landing.setLogo({ type, base64: bytes.toString('base64') }))) {
        throw new TodokuError('TODOKU_E_LOGO', { ja: '先に組織情報（PUT /organisation）を設定してください', en: 'set the organisation (PUT /organisation) first' });
      }
      await store.audit.append({ actor: req.actor, action: 'organisation.logo', target: 'organisation', details: { type, bytes: bytes.length } });
      landing.organisationChanged();
      return toOrganisationView(await landing.organisation());
    },
  );

  r.delete('/organisation/logo', { config: { role: 'admin' }, schema: { tags: ['landing'], summary: 'Remove the uploaded logo', response: { 204: noContent } } }, async (req, reply) => {
    await store.landing.setLogo(null);
    landing.organisationChanged();
    await store.audit.append({ actor: req.actor, action: 'organisation.logo.remove', target: 'organisation' });
    return reply.status(204).send(null);
  });

  r.get('/campaigns/:campaign/landing', { schema: { tags: ['landing'], summary: 'A campaign’s landing page settings, with opened / verified / locked counts', params: campaignRef, response: { 200: landingView } } }, async (req) => {
    const c = await loadCampaign(req.params.campaign);
    const l = await store.landing.campaignLanding(c.id);
    if (!l) throw notFound(`キャンペーン「${c.name}」のページ設定 / landing settings of campaign "${c.name}"`);
    return toLandingView(l, await store.landing.funnel(c.id));
  });

  r.put(
    '/campaigns/:campaign/landing',
    { schema: { tags: ['landing'], summary: 'Set a campaign’s identity check, expiry (開封期限), notice and contact', params: campaignRef, body: landingBody, response: { 200: landingView } } },
    async (req) => {
      const c = await loadCampaign(req.params.campaign);
      const saved = await saveCampaignLanding(
        store,
        c,
        { ...req.body, expiresAt: req.body.expiresAt === null ? null : Date.parse(req.body.expiresAt) },
        req.actor,
      );
      landing.linksChanged();
      await recordContentChange(store, c.id, req.actor);
      return toLandingView(saved, await store.landing.funnel(c.id));
    },
  );

  r.get('/messages/:id/landing', { schema: { tags: ['landing'], summary: 'A message’s page: wrong tries, lock, verification and its history', params: messageRef, response: { 200: messageLandingView } } }, async (req) => {
    const m = await store.landing.messageCampaign(req.params.id);
    if (!m) throw notFound(`メッセージ ${req.params.id} / message ${req.params.id}`);
    const s = await store.landing.state(m.id);
    const events = await store.landing.events(m.id, 100);
    return {
      messageId: m.id,
      failedAttempts: s?.failed_attempts ?? 0,
      maxAttempts: MAX_FAILED_ATTEMPTS,
      locked: s ? s.locked_at !== null || s.failed_attempts >= MAX_FAILED_ATTEMPTS : false,
      lockedAt: iso(s?.locked_at ?? null),
      verifiedAt: iso(s?.verified_at ?? null),
      events: events.map((e) => ({ kind: e.kind, at: iso(e.at)!, browser: e.browser, os: e.os, platform: e.platform })),
    };
  });

  r.post(
    '/messages/:id/unlock',
    { schema: { tags: ['landing'], summary: 'Unlock a message’s page after five wrong answers (audited)', params: messageRef, response: { 200: z.object({ messageId: z.number(), wasLocked: z.boolean(), locked: z.boolean() }) } } },
    async (req) => {
      const result = await unlockMessage(store, req.params.id, req.actor);
      landing.linksChanged();
      return { ...result, locked: false };
    },
  );
}
