// The recipient's side as use-cases the pages call: resolve a link, record what happened (opens, tries,
// expired views), verify identity, check a session, load the recipient's row and their notice, whom to
// contact, the anti-smishing check. The web layer only turns these into HTML.
import type { Store } from '../store/index.ts';
import type { LinkTarget, NewLandingEvent } from '../store/landing.ts';
import type { LandingEventKind } from '../store/schema-landing.ts';
import type { Vault } from '../security/vault.ts';
import { linkUrl } from '../core/link.ts';
import { createTokens, type Tokens } from './tokens.ts';
import { createMissLimiter, type MissLimiter } from './rate-limit.ts';
import { resolveLink, type ConfiguredTarget, type LinkVisit } from './resolve.ts';
import { verifyIdentity, type VerifyOutcome } from './verify.ts';
import { compileNotice, renderNotice, type CompiledNotice } from './notice.ts';
import { contactFor, toOrganisation, type Contact, type Organisation, type OrganisationDefaults } from './organisation.ts';
import { classifyCheckInput, isOfficialSender, type CheckResult } from './check.ts';
import { userAgentFamily } from './user-agent.ts';
import { MISS_BUDGET, MISS_WINDOW_MS } from './policy.ts';

export interface Visitor {
  ip: string;
  userAgent: string | undefined;
}

export interface LandingDeps {
  store: Store;
  vault: Vault;
  defaults: OrganisationDefaults;
  now?: () => number;
  limiter?: MissLimiter;
}

export type Lang = 'ja' | 'en';

export interface NoticeHtml {
  html: string;
  /** False when English was asked for but the notice exists in Japanese only. */
  inRequestedLanguage: boolean;
}

const MAX_CACHED_NOTICES = 200;

/** The row's values also under the list's own headers, so a notice may say {{学籍番号}} for external_id. */
function byHeader(columnsJson: string | null, fields: Readonly<Record<string, string>>): Record<string, string> {
  if (!columnsJson) return {};
  const out: Record<string, string> = {};
  for (const { header, field } of JSON.parse(columnsJson) as { header: string; field: string }[]) {
    const value = fields[field];
    if (header && value !== undefined) out[header] = value;
  }
  return out;
}

export function createLanding(deps: LandingDeps) {
  const { store, defaults } = deps;
  const now = deps.now ?? Date.now;
  const tokens: Tokens = createTokens(deps.vault);
  const limiter = deps.limiter ?? createMissLimiter({ misses: MISS_BUDGET, windowMs: MISS_WINDOW_MS });
  // Compiled notices by campaign, language and settings version: a change anywhere shows at once.
  const notices = new Map<string, { compiled: CompiledNotice; inRequestedLanguage: boolean } | null>();

  function event(target: LinkTarget, kind: LandingEventKind, visitor: Visitor | null): NewLandingEvent {
    const ua = visitor ? userAgentFamily(visitor.userAgent) : null;
    return {
      messageId: target.messageId,
      campaignId: target.campaignId,
      kind,
      at: now(),
      browser: ua?.browser ?? null,
      os: ua?.os ?? null,
      platform: ua?.platform ?? null,
      ipHash: visitor ? tokens.ipHash(visitor.ip) : null,
    };
  }
  const record = (target: LinkTarget, kind: LandingEventKind, visitor: Visitor | null) => store.landing.recordEvents([event(target, kind, visitor)]);

  async function organisation(): Promise<Organisation> {
    return toOrganisation(await store.landing.organisation(), defaults);
  }

  return {
    tokens,
    limiter,
    now,
    organisation,

    async logo(): Promise<{ type: string; bytes: Buffer } | null> {
      const row = await store.landing.organisation();
      return row?.logo_type && row.logo_data ? { type: row.logo_type, bytes: Buffer.from(row.logo_data, 'base64') } : null;
    },

    resolve(code: string): Promise<LinkVisit> {
      return resolveLink(store.landing, code, now());
    },

    /** Every view of a link's entry page is an open (time, browser family, keyed hash of the IP). */
    recordOpen: (target: LinkTarget, visitor: Visitor) => record(target, 'open', visitor),
    recordExpiredView: (target: LinkTarget, visitor: Visitor) => record(target, 'expired_view', visitor),
    /** An answer sent to a locked page: refused whatever it was, and kept in the page's history. */
    recordRefused: (target: LinkTarget, visitor: Visitor) => record(target, 'refused', visitor),

    async verify(code: string, target: ConfiguredTarget, answer: string, visitor: Visitor): Promise<VerifyOutcome> {
      const result = await verifyIdentity({ store, tokens, now }, code, target, answer);
      const kinds: Partial<Record<VerifyOutcome['outcome'], LandingEventKind[]>> = {
        verified: ['verified'],
        wrong: ['verify_failed'],
        locked: ['verify_failed', 'locked'],
        refused: ['refused'],
      };
      const events = (kinds[result.outcome] ?? []).map((k) => event(target, k, visitor));
      await store.landing.recordEvents(events);
      return result;
    },

    /** The session's expiry when the cookie opens this link's page now, else null. */
    session(code: string, target: LinkTarget, cookie: string | undefined): number | null {
      return tokens.checkSession(cookie, code, target.messageId, target.sessionGeneration, now());
    },

    async recipientFields(target: LinkTarget): Promise<Record<string, string>> {
      const r = (await store.recipients.byIds([target.recipientId])).get(target.recipientId);
      return r?.fields ?? {};
    },

    /** The campaign's notice for this recipient, merged and escaped; null when there is none. */
    async notice(code: string, target: ConfiguredTarget, lang: Lang, fields: Readonly<Record<string, string>>): Promise<NoticeHtml | null> {
      const key = `${target.campaignId}:${target.landing.updatedAt}:${lang}`;
      let cached = notices.get(key);
      if (cached === undefined) {
        const n = await store.landing.notice(target.campaignId);
        const english = lang === 'en' && !!n?.noticeEn;
        const source = english ? n!.noticeEn! : (n?.notice ?? '');
        cached = source.trim() === '' ? null : { compiled: compileNotice(source), inRequestedLanguage: lang === 'ja' || english };
        if (notices.size >= MAX_CACHED_NOTICES) notices.clear();
        notices.set(key, cached);
      }
      if (!cached) return null;
      const values = { ...byHeader(target.campaignColumnsJson, fields), ...fields, url: linkUrl(defaults.linkBase(), code) };
      return { html: renderNotice(cached.compiled, values), inRequestedLanguage: cached.inRequestedLanguage };
    },

    /** Whom to call: the campaign's own contact, else the organisation's. */
    async contact(target: LinkTarget, org: Organisation): Promise<Contact | null> {
      const landing = await store.landing.campaignLanding(target.campaignId);
      return contactFor(org, landing?.contact_json);
    },

    /** The anti-smishing check; a code that is not ours counts against the visitor's guessing budget. */
    async check(input: string, visitor: Visitor, org: Organisation): Promise<CheckResult> {
      const what = classifyCheckInput(input);
      if (what.kind === 'unreadable') return what;
      if (what.kind === 'sender') return { kind: 'sender', sender: what.sender, official: isOfficialSender(what.sender, org.officialSenders) };
      const found = await store.landing.sentAtByCode(what.code);
      if (!found) {
        limiter.miss(visitor.ip, now());
        return { kind: 'code', found: false };
      }
      return { kind: 'code', found: true, sentAt: found.submittedAt };
    },
  };
}

export type Landing = ReturnType<typeof createLanding>;
export type { LinkVisit, ConfiguredTarget, VerifyOutcome, Organisation, Contact, CheckResult };
