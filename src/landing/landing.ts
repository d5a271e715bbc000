// The recipient's side as use-cases the pages call: resolve a link, record what happened (opens, tries,
// expired views), verify identity, check a session, load the recipient's row and their notice, whom to
// contact, the anti-smishing check. The per-address guessing budget is spent here too, on every miss
// (an unknown code, a wrong answer, an anti-smishing code that is not ours): the web layer only turns
// outcomes into HTML. The budget is kept in the database, shared by every process (rate-limit.ts).
import type { Store } from '../store/index.ts';
import type { LinkTarget, NewLandingEvent } from '../store/landing.ts';
import type { LandingEventKind } from '../store/schema-landing.ts';
import type { Vault } from '../security/vault.ts';
import { linkUrl } from '../core/link.ts';
import { createTokens, type Tokens } from './tokens.ts';
import { createMissLimiter, type MissLimiter } from './rate-limit.ts';
import { resolveLink, type ConfiguredTarget, type LinkVisit } from './resolve.ts';
import { verifyIdentity, type VerifyOutcome } from './verify.ts';
import { compileNotice, renderNoticeBytes, type CompiledNotice } from './notice.ts';
import { contactFor, toOrganisation, type Contact, type Organisation, type OrganisationDefaults } from './organisation.ts';
import { classifyCheckInput, isOfficialSender, ourLinkBases, type CheckResult } from './check.ts';
import { userAgentFamily } from './user-agent.ts';
import { MAX_FAILED_ATTEMPTS, MISS_BUDGET, MISS_WINDOW_MS } from './policy.ts';
import type { AnyEvidenceInput } from '../core/evidence/entry.ts';
import { createTtlCache } from '../core/ttl-cache.ts';
import { withDeriveMemo } from './derive-memo.ts';
import { createEventWriter } from './event-writer.ts';
import { decodeColumns } from '../core/csv/imported-columns.ts';

export interface Visitor {
  ip: string;
  userAgent: string | undefined;
}

export interface LandingDeps {
  store: Store;
  vault: Vault;
  defaults: OrganisationDefaults;
  now?: () => number;
  /** The per-address guessing budget; default: MISS_BUDGET per MISS_WINDOW_MS, in the store's shared buckets. */
  limiter?: MissLimiter;
}

export type Lang = 'ja' | 'en';

/** What a request under a link meets first: the address's spent budget, or the link's state. */
export type LinkEntry = LinkVisit | { kind: 'blocked'; retryAfterSeconds: number };

export interface NoticeHtml {
  /** The notice's HTML as UTF-8 bytes, in pieces (its own markup encoded once per campaign). */
  bytes: Buffer[];
  /** False when English was asked for but the notice exists in Japanese only. */
  inRequestedLanguage: boolean;
}

const MAX_CACHED_NOTICES = 200;
/** Settings changed in another process show here within this time. */
const ORGANISATION_TTL_MS = 1000;
/** A sent recipient's row never changes: kept decrypted for a while, for so many recipients at most. */
const RECIPIENT_TTL_MS = 5 * 60 * 1000;
const MAX_CACHED_RECIPIENTS = 5000;
/**
 * Page views (GET) may use a link's state read this recently. Changes made through this process
 * (answers, locks, unlocks, settings) clear it at once; other processes' show within this time.
 * Answers, locks and form posts always read the database.
 */
const LINK_TTL_MS = 1000;
const MAX_CACHED_LINKS = 10_000;
/** Codes known to exist, per process: 11 characters each, so 100,000 of them cost a few MB. */
const MAX_KNOWN_CODES = 100_000;
const KNOWN_CODE_TTL_MS = 60 * 60_000;
/**
 * Opens are counted once per visitor (keyed hash of the address and browser family) and link in each
 * window of this length: reloads, bursts and link previews add no rows. The first open is always kept, so
 * the funnel's "opened" and the timeline's first open are exact.
 */
export const OPEN_WINDOW_MS = 10 * 60_000;
/** How often a process deletes marks of past windows (two windows' worth are kept, the rest deleted). */
export const OPEN_MARKS_PRUNE_EVERY_MS = 60_000;
/** Marks this process has seen stored, so many at most (about 100 bytes each). */
const MAX_KNOWN_MARKS = 50_000;

// A campaign's list columns (JSON in its row) decoded once, not on every view.
const MAX_DECODED_COLUMNS = 200;
const decodedColumns = new Map<string, ReturnType<typeof decodeColumns>>();
function columnsOf(columnsJson: string | null): ReturnType<typeof decodeColumns> {
  if (columnsJson === null) return decodeColumns(null);
  let columns = decodedColumns.get(columnsJson);
  if (!columns) {
    columns = decodeColumns(columnsJson);
    if (decodedColumns.size >= MAX_DECODED_COLUMNS) decodedColumns.clear();
    decodedColumns.set(columnsJson, columns);
  }
  return columns;
}

/** The row's values also under the list's own headers, so a notice may say {{学籍番号}} for external_id. */
function byHeader(columnsJson: string | null, fields: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { header, field } of columnsOf(columnsJson)) {
    const value = fields[field];
    if (header && value !== undefined) out[header] = value;
  }
  return out;
}

export function createLanding(deps: LandingDeps) {
  const { store, defaults } = deps;
  const now = deps.now ?? Date.now;
  const vault = withDeriveMemo(deps.vault, now);
  const tokens: Tokens = createTokens(vault);
  const limiter =
    deps.limiter ??
    createMissLimiter({
      buckets: store.rateLimits,
      // The same key in every process (derived from the vault), and never the address itself.
      hash: (address) => vault.derive('landing/guess-budget', address, 16).toString('base64url'),
      misses: MISS_BUDGET,
      windowMs: MISS_WINDOW_MS,
    });
  // Compiled notices by campaign, language and settings version: a change anywhere shows at once.
  const notices = new Map<string, { compiled: CompiledNotice; inRequestedLanguage: boolean } | null>();
  const organisations = createTtlCache<'org', Organisation>(1, ORGANISATION_TTL_MS, now);
  const recipients = createTtlCache<number, Record<string, string>>(MAX_CACHED_RECIPIENTS, RECIPIENT_TTL_MS, now);
  // A recipient's notice as bytes, by notice (its campaign, settings version, language), link and link base.
  const campaignContacts = new WeakMap<Organisation, Map<string, Contact>>();
  const merged = createTtlCache<string, Buffer[]>(MAX_CACHED_RECIPIENTS, RECIPIENT_TTL_MS, now);
  const events = createEventWriter(store.landing);
  const links = createTtlCache<string, LinkTarget>(MAX_CACHED_LINKS, LINK_TTL_MS, now);
  // A cadence step's own notice, by message: part of the link's state, read as recently as the link.
  const stepNotices = createTtlCache<number, string | null>(MAX_CACHED_LINKS, LINK_TTL_MS, now);
  // Codes this process has seen exist (a code, once sent, is never taken back): looking one up again is no
  // guess, so it only checks the budget instead of reserving from it (one read, not two writes per view).
  const knownCodes = createTtlCache<string, true>(MAX_KNOWN_CODES, KNOWN_CODE_TTL_MS, now);
  // The lookup in flight for a code not yet known here, which later requests for the same code wait for.
  const firstLookups = new Map<string, Promise<void>>();

  function event(target: LinkTarget, kind: LandingEventKind, visitor: Visitor | null, evidence?: AnyEvidenceInput): NewLandingEvent {
    const ua = visitor ? userAgentFamily(visitor.userAgent) : null;
    const at = now();
    return {
      // The entry is dated as the event is.
      ...(evidence ? { evidence: { ...evidence, at } } : {}),
      messageId: target.messageId,
      campaignId: target.campaignId,
      kind,
      at,
      browser: ua?.browser ?? null,
      os: ua?.os ?? null,
      platform: ua?.platform ?? null,
      ipHash: visitor ? tokens.ipHash(visitor.ip) : null,
    };
  }
  const record = (target: LinkTarget, kind: LandingEventKind, visitor: Visitor | null) => events.record([event(target, kind, visitor)]);

  // The browser family rather than the whole user-agent: a client that varies the string at will must not
  // turn one visitor into many. Keyed with the vault, so the mark tells nothing about the address.
  const openVisitorHash = (visitor: Visitor, ua: { browser: string | null; os: string | null; platform: string | null }) =>
    vault.derive('landing/open-visitor', `${visitor.ip}|${ua.browser ?? ''}|${ua.os ?? ''}|${ua.platform ?? ''}`, 16).toString('base64url');
  let marksPrunedAt = Number.NEGATIVE_INFINITY;
  // Marks (message, visitor, window) this process has seen stored, its own or another's: a repeat view in
  // the same window would store nothing, so it writes nothing. The store's mark stays the guard across
  // processes; an entry is kept only after the write that found or made the mark succeeded.
  const knownMarks = createTtlCache<string, true>(MAX_KNOWN_MARKS, OPEN_WINDOW_MS, now);

  async function recordOpen(target: LinkTarget, visitor: Visitor): Promise<void> {
    const at = now();
    const bucket = Math.floor(at / OPEN_WINDOW_MS);
    const ua = userAgentFamily(visitor.userAgent);
    const visitorHash = openVisitorHash(visitor, ua);
    const mark = `${target.messageId}|${visitorHash}|${bucket}`;
    if (knownMarks.get(mark) === undefined) {
      // A counted open is evidence (初回閲覧 and later ones); whether it is the first the store decides.
      const open = event(target, 'open', visitor, { kind: 'page.opened', campaignId: target.campaignId, messageId: target.messageId, data: { first: true } });
      await events.record([{ ...open, at, evidence: { ...open.evidence!, at }, once: { visitorHash, bucket } }]);
      knownMarks.set(mark, true);
    }
    if (at - marksPrunedAt >= OPEN_MARKS_PRUNE_EVERY_MS) {
      marksPrunedAt = at;
      await store.landing.pruneOpenMarks(bucket - 1);
    }
  }

  async function lookup(code: string, recent: boolean): Promise<LinkTarget | undefined> {
    const hit = recent ? links.get(code) : undefined;
    if (hit) return hit;
    const target = await store.landing.byCode(code);
    // Unknown codes are never kept: guessing must not fill memory (and is rate limited anyway).
    if (target) links.set(code, target);
    return target;
  }

  async function organisation(): Promise<Organisation> {
    let org = organisations.get('org');
    if (!org) {
      org = toOrganisation(await store.landing.organisation(), defaults);
      organisations.set('org', org);
    }
    return org;
  }

  /** Seconds until this address may try again, or null while it has budget left (`recent`: as read within the last second). */
  function blocked(visitor: Visitor, recent = false): Promise<{ retryAfterSeconds: number } | null> {
    return limiter.blocked(visitor.ip, now(), { recent });
  }

  return {
    tokens,
    organisation,
    blocked,
    /** After a change through this process: shown at once here (other processes within a second). */
    organisationChanged(): void {
      organisations.delete('org');
    },

    async logo(): Promise<{ type: string; bytes: Buffer } | null> {
      const row = await store.landing.organisation();
      return row?.logo_type && row.logo_data ? { type: row.logo_type, bytes: Buffer.from(row.logo_data, 'base64') } : null;
    },

    /**
     * What a link may show this visitor now; `recent` allows the state read within the last second (page
     * views). A blocked address learns nothing about the code; an unknown code spends from its budget.
     */
    async enter(code: string, visitor: Visitor, opts: { recent?: boolean } = {}): Promise<LinkEntry> {
      let known = knownCodes.get(code) === true;
      // A burst of views of a link new to this process waits for the first one's lookup rather than each
      // taking a token (a phone's parallel requests must not spend the budget a real link never spends).
      const earlier = known ? undefined : firstLookups.get(code);
      if (earlier) {
        await earlier;
        known = knownCodes.get(code) === true;
      }
      if (known) {
        // A page view of a known code may rely on the budget as read within the last second (rate-limit.ts RECENT_MS).
        const refused = await blocked(visitor, opts.recent ?? false);
        if (refused) return { kind: 'blocked', ...refused };
        return resolveLink({ byCode: (c) => lookup(c, opts.recent ?? false) }, code, now());
      }
      // A code not known to exist may be a guess: its token is taken before the lookup (a burst of parallel
      // guesses gets exactly the budget's worth of lookups) and given back when the code is real.
      let done = (): void => {};
      const first = !firstLookups.has(code) && firstLookups.size < MAX_KNOWN_CODES;
      if (first) firstLookups.set(code, new Promise<void>((resolve) => (done = resolve)));
      try {
        const refused = await limiter.reserve(visitor.ip, now());
        if (refused) return { kind: 'blocked', ...refused };
        const visit = await resolveLink({ byCode: (c) => lookup(c, opts.recent ?? false) }, code, now());
        if (visit.kind !== 'unknown') {
          knownCodes.set(code, true);
          await limiter.refund(visitor.ip);
        }
        return visit;
      } finally {
        if (first) {
          firstLookups.delete(code);
          done();
        }
      }
    },

    /** Forgets link states read earlier (after an unlock or a settings change made through this process). */
    linksChanged(): void {
      links.clear();
      stepNotices.clear();
    },

    /** A view of a link's entry page is an open (time, browser family, keyed hash of the IP), once per visitor and window. */
    recordOpen,
    recordExpiredView: (target: LinkTarget, visitor: Visitor) => record(target, 'expired_view', visitor),
    /** An answer sent to a locked page: refused whatever it was, and kept in the page's history. */
    recordRefused: (target: LinkTarget, visitor: Visitor) => record(target, 'refused', visitor),

    async verify(code: string, target: ConfiguredTarget, answer: string, visitor: Visitor): Promise<VerifyOutcome> {
      links.delete(code);
      const result = await verifyIdentity({ store, tokens, now }, code, target, answer);
      links.delete(code);
      await events.record(identityEvents(target, result).map(([k, proof]) => event(target, k, visitor, proof)));
      // A wrong answer is a guess like an unknown code: it spends from the address's budget, the one that locked the page too.
      if (result.outcome === 'wrong' || result.outcome === 'locked') await limiter.miss(visitor.ip, now());
      return result;
    },

    /** The session's expiry when the cookie opens this link's page now, else null. */
    session(code: string, target: LinkTarget, cookie: string | undefined): number | null {
      return tokens.checkSession(cookie, code, target.messageId, target.sessionGeneration, now());
    },

    async recipientFields(target: LinkTarget): Promise<Record<string, string>> {
      let fields = recipients.get(target.recipientId);
      if (!fields) {
        fields = (await store.recipients.byIds([target.recipientId])).get(target.recipientId)?.fields ?? {};
        recipients.set(target.recipientId, fields);
      }
      return fields;
    },

    /** The campaign's notice (or the cadence step's own) for this recipient, merged and escaped; null when there is none. */
    async notice(code: string, target: ConfiguredTarget, lang: Lang, fields: Readonly<Record<string, string>>): Promise<NoticeHtml | null> {
      // A cadence step may have a notice of its own (Japanese only) instead of the campaign's.
      let own = stepNotices.get(target.messageId);
      if (own === undefined) {
        own = await store.cadences.stepNotice(target.messageId);
        stepNotices.set(target.messageId, own);
      }
      const key = own !== null ? `step:${lang}:${own}` : `${target.campaignId}:${target.landing.updatedAt}:${lang}`;
      let cached = notices.get(key);
      if (cached === undefined && own !== null) {
        cached = own.trim() === '' ? null : { compiled: compileNotice(own), inRequestedLanguage: lang === 'ja' };
        if (notices.size >= MAX_CACHED_NOTICES) notices.clear();
        notices.set(key, cached);
      }
      if (cached === undefined) {
        const n = await store.landing.notice(target.campaignId);
        const english = lang === 'en' && !!n?.noticeEn;
        const source = english ? n!.noticeEn! : (n?.notice ?? '');
        cached = source.trim() === '' ? null : { compiled: compileNotice(source), inRequestedLanguage: lang === 'ja' || english };
        if (notices.size >= MAX_CACHED_NOTICES) notices.clear();
        notices.set(key, cached);
      }
      if (!cached) return null;
      // A sent recipient's values never change: their merged notice is kept like their row.
      const base = defaults.linkBase();
      const mergedKey = `${key}\0${code}\0${base}`;
      let bytes = merged.get(mergedKey);
      if (!bytes) {
        const values = { ...byHeader(target.campaignColumnsJson, fields), ...fields, url: linkUrl(base, code) };
        bytes = renderNoticeBytes(cached.compiled, values);
        merged.set(mergedKey, bytes);
      }
      return { bytes, inRequestedLanguage: cached.inRequestedLanguage };
    },

    /** Whom to call: the campaign's own contact, else the organisation's. */
    contact(target: LinkTarget, org: Organisation): Contact | null {
      const json = target.landing?.contactJson;
      if (!json) return contactFor(org, json);
      // The same object for the same settings, so the page's contact block is rendered once (layout.ts).
      let byJson = campaignContacts.get(org);
      if (!byJson) campaignContacts.set(org, (byJson = new Map()));
      let contact = byJson.get(json);
      if (!contact) {
        contact = contactFor(org, json)!;
        if (byJson.size >= MAX_CACHED_NOTICES) byJson.clear();
        byJson.set(json, contact);
      }
      return contact;
    },

    /**
     * The anti-smishing check; a code that is not ours counts against the visitor's guessing budget. A
     * link to another host is never looked up: the warning is the same whether its code exists or not.
     */
    async check(input: string, visitor: Visitor, org: Organisation): Promise<CheckResult> {
      const what = classifyCheckInput(input, ourLinkBases([defaults.linkBase(), org.linkBase, ...org.officialLinkBases]));
      if (what.kind === 'unreadable' || what.kind === 'foreign') return what;
      if (what.kind === 'sender') return { kind: 'sender', sender: what.sender, official: isOfficialSender(what.sender, org.officialSenders) };
      // Reserved before the lookup, as for a link (check-routes.ts has already refused a spent budget).
      const refused = await limiter.reserve(visitor.ip, now());
      if (refused) return { kind: 'blocked', ...refused };
      const found = await store.landing.sentAtByCode(what.code);
      if (!found) return { kind: 'code', found: false };
      await limiter.refund(visitor.ip);
      return { kind: 'code', found: true, sentAt: found.submittedAt, bare: what.kind === 'code' };
    },
  };
}

/**
 * The page events an identity check leaves, each with its evidence entry: passed; failed with the try's
 * number; the last failure and the lock. A refusal on a locked page is history, not a check.
 */
function identityEvents(target: ConfiguredTarget, result: VerifyOutcome): [LandingEventKind, AnyEvidenceInput | undefined][] {
  const ids = { campaignId: target.campaignId, messageId: target.messageId };
  const method = target.landing.method;
  const failed = (attempt: number): AnyEvidenceInput => ({ kind: 'identity.failed', ...ids, data: { method, attempt } });
  switch (result.outcome) {
    case 'verified':
      return [['verified', { kind: 'identity.passed', ...ids, data: { method } }]];
    case 'wrong':
      return [['verify_failed', failed(MAX_FAILED_ATTEMPTS - result.remaining)]];
    case 'locked':
      return [
        ['verify_failed', failed(MAX_FAILED_ATTEMPTS)],
        ['locked', { kind: 'identity.locked', ...ids, data: { method } }],
      ];
    case 'refused':
      return [['refused', undefined]];
    default:
      return [];
  }
}

export type Landing = ReturnType<typeof createLanding>;
export type { LinkVisit, ConfiguredTarget, VerifyOutcome, Organisation, Contact, CheckResult };
