// Self-service on the recipient's page, as use-cases: what the campaign offers, and what the person asks
// for there — a promise to pay by a date (confirmed by SMS), instalments, a dispute, "not me" (the
// number reached someone else; offered before the identity check too) — checked against the campaign's
// settings and recorded by the store in one transaction (store/debtor-actions.ts). The operator's side:
// the settings, the review of a request (audited) and the misdelivery list.
import type { Store } from '../store/index.ts';
import type { Logger } from '../log.ts';
import type { DebtorAction } from '../store/debtor-actions.ts';
import { TodokuError } from '../core/errors.ts';
import { createTtlCache } from '../core/ttl-cache.ts';
import { PROMISE_CONFIRMATION_KIND } from '../core/inbound/message-kinds.ts';
import {
  checkPromiseDate,
  dateInZone,
  DEBTOR_NOTE_MAX,
  parseYen,
  promiseConfirmation,
  PROMISE_GRACE_DAYS_LIMIT,
  PROMISE_MAX_DAYS_LIMIT,
  type DebtorActionKind,
  type DebtorActionResolution,
  type PromiseDateProblem,
  type SelfServiceSettings,
} from '../core/debtor-actions.ts';

export interface SelfServiceDeps {
  store: Store;
  now: () => number;
  /** The configured sender: the organisation's name in a confirmation when no name is set. */
  sender: string;
  /** Tells local dispatchers a confirmation was queued. */
  poke?: () => void;
  log?: Logger;
}

/** Whose page: the message the link belongs to. */
export interface PageOf {
  campaignId: number;
  recipientId: number;
  messageId: number;
}

/** A problem with one field of a form, in both languages; the page shows it at the field. */
export interface FieldProblem {
  field: 'date' | 'amount' | 'monthly' | 'note';
  ja: string;
  en: string;
}

export type Submitted = { ok: true; action: DebtorAction; created: boolean; cancelled: number; confirmationId: number | null } | { ok: false; problems: FieldProblem[] };

const DATE_PROBLEM: Record<PromiseDateProblem, (max: number) => FieldProblem> = {
  invalid: () => ({ field: 'date', ja: 'お支払い予定日を選んでください（例: 2026-05-01）', en: 'Choose the date you will pay by (e.g. 2026-05-01)' }),
  past: () => ({ field: 'date', ja: 'お支払い予定日は今日以降の日付にしてください', en: 'The date must be today or later' }),
  too_far: (max) => ({ field: 'date', ja: `お支払い予定日は今日から${max}日以内にしてください`, en: `The date must be within ${max} days from today` }),
};

const AMOUNT_PROBLEM = (field: 'amount' | 'monthly'): FieldProblem => ({ field, ja: '金額は半角または全角の数字で、円単位で入力してください（例: 12000）', en: 'Enter the amount in yen, digits only (e.g. 12000)' });
const NOTE_PROBLEM: FieldProblem = { field: 'note', ja: `ご相談内容は${DEBTOR_NOTE_MAX}文字以内にしてください`, en: `Please keep the message within ${DEBTOR_NOTE_MAX} characters` };

const isOpenPromise = (a: DebtorAction) => a.kind === 'promise' && a.state === 'open';

function offOrThrow(on: boolean): void {
  if (on) return;
  throw new TodokuError('TODOKU_E_SELF_SERVICE_OFF', { ja: 'このお知らせでは、この手続きを受け付けていません', en: 'This notice does not offer this' });
}

function noteOf(text: string | undefined): string | null | 'too_long' {
  const t = (text ?? '').replace(/\r\n?/gu, '\n').trim();
  if (t === '') return null;
  return [...t].length > DEBTOR_NOTE_MAX ? 'too_long' : t;
}

/** A campaign's settings as page views see them: changes through this process at once, other processes' within this time. */
const VIEW_SETTINGS_TTL_MS = 1000;
/**
 * A person's requests as page views see them, when none is an open promise (those are settled on every
 * view): a request made or reviewed through this process shows at once, one through another process
 * (or a promise the cadence settles) within this time. Forms and the "not me" page read them fresh.
 */
const VIEW_ACTIONS_TTL_MS = 1000;
const MAX_VIEWED_PEOPLE = 10_000;

export function createSelfService(deps: SelfServiceDeps) {
  const { store, now } = deps;
  const viewed = createTtlCache<number, SelfServiceSettings>(1000, VIEW_SETTINGS_TTL_MS, now);
  const viewedPeople = createTtlCache<string, DebtorAction[]>(MAX_VIEWED_PEOPLE, VIEW_ACTIONS_TTL_MS, now);
  const personKey = (page: { campaignId: number; recipientId: number }) => `${page.campaignId}|${page.recipientId}`;
  // Bumped by every change made through this process: a view's read begun before one is not kept.
  let changes = 0;
  /** Records a request: the person's page shows it at once. */
  async function record(input: Parameters<Store['debtorActions']['record']>[0]): ReturnType<Store['debtorActions']['record']> {
    changes++;
    try {
      return await store.debtorActions.record(input);
    } finally {
      changes++;
      viewedPeople.delete(personKey(input));
    }
  }

  async function zoneOf(campaignId: number): Promise<{ zone: string; english: boolean; sender: string | null }> {
    const c = await store.campaigns.byId(campaignId);
    return { zone: c?.time_zone ?? 'Asia/Tokyo', english: c?.policy_pack === 'us_fdcpa_reg_f', sender: c?.sender ?? null };
  }

  /** The promise's confirmation SMS, as the next message to the person (not to a number on the suppression list). */
  async function queueConfirmation(page: PageOf, action: DebtorAction): Promise<number | null> {
    const recipient = (await store.recipients.byIds([page.recipientId])).get(page.recipientId);
    if (!recipient) return null;
    const toHash = store.suppressions.idOf(recipient.phone);
    if ((await store.suppressions.among([toHash])).has(toHash)) return null;
    const { english, sender } = await zoneOf(page.campaignId);
    const organisation = await store.landing.organisation();
    const name = organisation?.name || sender || deps.sender;
    const text = promiseConfirmation(name, { promisedDate: action.promised_date!, amount: action.amount }, english ? 'en' : 'ja');
    const id = await store.inbound.queueMessage({ messageId: page.messageId, campaignId: page.campaignId, recipientId: page.recipientId, toHash }, { kind: PROMISE_CONFIRMATION_KIND, text });
    if (id !== null) {
      deps.poke?.();
      deps.log?.info({ messageId: id, campaignId: page.campaignId }, 'promise confirmation queued');
    }
    return id;
  }

  /** Today in the campaign's zone, and how many days ahead a promise may name. */
  /** The person's requests in this campaign, their promise settled first (their page shows where each stands). */
  async function ofPerson(page: PageOf): Promise<DebtorAction[]> {
    // Settling only changes open promises: a person without one (most page views) costs one read.
    const actions = await store.debtorActions.ofRecipient(page.campaignId, page.recipientId);
    if (!actions.some(isOpenPromise)) return actions;
    await store.debtorActions.settlePromises(now(), { campaignId: page.campaignId, recipientIds: [page.recipientId] });
    return store.debtorActions.ofRecipient(page.campaignId, page.recipientId);
  }

  async function promiseWindow(campaignId: number): Promise<{ today: string; maxDays: number }> {
    const [{ zone }, s] = await Promise.all([zoneOf(campaignId), store.debtorActions.settings(campaignId)]);
    return { today: dateInZone(now(), zone), maxDays: s.promiseMaxDays };
  }

  return {
    settings: (campaignId: number): Promise<SelfServiceSettings> => store.debtorActions.settings(campaignId),

    /** The settings for showing a page (read within the last second); a submission reads them fresh. */
    async settingsForView(campaignId: number): Promise<SelfServiceSettings> {
      let s = viewed.get(campaignId);
      if (!s) {
        s = await store.debtorActions.settings(campaignId);
        viewed.set(campaignId, s);
      }
      return s;
    },

    /** The campaign's choice of actions, checked and audited. */
    async saveSettings(campaignId: number, input: SelfServiceSettings, actor: string): Promise<SelfServiceSettings> {
      if (!Number.isInteger(input.promiseMaxDays) || input.promiseMaxDays < 1 || input.promiseMaxDays > PROMISE_MAX_DAYS_LIMIT || !Number.isInteger(input.promiseGraceDays) || input.promiseGraceDays < 0 || input.promiseGraceDays > PROMISE_GRACE_DAYS_LIMIT) {
        throw new TodokuError('TODOKU_E_SELF_SERVICE_INPUT', {
          ja: `約束できる期間は1〜${PROMISE_MAX_DAYS_LIMIT}日、猶予は0〜${PROMISE_GRACE_DAYS_LIMIT}日で指定してください`,
          en: `the promise window must be 1 to ${PROMISE_MAX_DAYS_LIMIT} days and the grace 0 to ${PROMISE_GRACE_DAYS_LIMIT} days`,
        });
      }
      const saved = await store.debtorActions.putSettings(campaignId, input);
      viewed.delete(campaignId);
      await store.audit.append({ actor, action: 'campaign.self_service.update', target: `campaign:${campaignId}`, details: { ...saved } });
      return saved;
    },

    promiseWindow,

    ofPerson,

    /** The same for showing the page: read within the last second unless an open promise is among them. */
    async ofPersonForView(page: PageOf): Promise<DebtorAction[]> {
      const key = personKey(page);
      const hit = viewedPeople.get(key);
      if (hit) return hit;
      const seen = changes;
      const actions = await ofPerson(page);
      if (seen === changes && !actions.some(isOpenPromise)) viewedPeople.set(key, actions);
      return actions;
    },

    /**
     * Open promises past their date + grace become broken, paid ones kept. Run before requests are shown
     * (the console's list, a person's page); the cadence reads the same rule (core promiseStatus) on its own.
     */
    settle: (): Promise<unknown> => store.debtorActions.settlePromises(now()),

    /** 「支払いを約束する」: a date within the campaign's limit and optionally an amount; confirmed by SMS. */
    async promise(page: PageOf, form: { date?: string | undefined; amount?: string | undefined }): Promise<Submitted> {
      const s = await store.debtorActions.settings(page.campaignId);
      offOrThrow(s.promise);
      const { today } = await promiseWindow(page.campaignId);
      const date = (form.date ?? '').normalize('NFKC').trim();
      const problems: FieldProblem[] = [];
      const dateProblem = checkPromiseDate(date, today, s.promiseMaxDays);
      if (dateProblem) problems.push(DATE_PROBLEM[dateProblem](s.promiseMaxDays));
      const amount = parseYen(form.amount);
      if (amount === 'invalid') problems.push(AMOUNT_PROBLEM('amount'));
      if (problems.length > 0 || amount === 'invalid') return { ok: false, problems };
      const recorded = await record({ ...page, kind: 'promise', promisedDate: date, amount, verified: true });
      const confirmationId = recorded.created ? await queueConfirmation(page, recorded.action) : null;
      return { ok: true, action: recorded.action, created: recorded.created, cancelled: 0, confirmationId };
    },

    /** 「分割払いを相談したい」: a preferred monthly amount and a free text, for the operator's inbox. */
    async instalment(page: PageOf, form: { monthly?: string | undefined; note?: string | undefined }): Promise<Submitted> {
      offOrThrow((await store.debtorActions.settings(page.campaignId)).instalment);
      const problems: FieldProblem[] = [];
      const monthly = parseYen(form.monthly);
      if (monthly === 'invalid') problems.push(AMOUNT_PROBLEM('monthly'));
      const note = noteOf(form.note);
      if (note === 'too_long') problems.push(NOTE_PROBLEM);
      if (monthly === null && note === null) problems.push({ field: 'monthly', ja: 'ご希望の月々の金額か、ご相談内容を入力してください', en: 'Enter the monthly amount you can pay, or a message' });
      if (problems.length > 0 || monthly === 'invalid' || note === 'too_long') return { ok: false, problems };
      const recorded = await record({ ...page, kind: 'instalment', monthlyAmount: monthly, note, verified: true });
      return { ok: true, action: recorded.action, created: recorded.created, cancelled: 0, confirmationId: null };
    },

    /** 「内容に心当たりがない」: stops the person's messages of this campaign and waits for review. */
    async dispute(page: PageOf, form: { note?: string | undefined }): Promise<Submitted> {
      offOrThrow((await store.debtorActions.settings(page.campaignId)).dispute);
      const note = noteOf(form.note);
      if (note === 'too_long') return { ok: false, problems: [NOTE_PROBLEM] };
      const recorded = await record({ ...page, kind: 'dispute', note, verified: true });
      return { ok: true, action: recorded.action, created: recorded.created, cancelled: recorded.cancelled, confirmationId: null };
    },

    /** Whether the campaign offers "not me" (the page asks before the identity check). */
    async offersNotMe(campaignId: number): Promise<boolean> {
      return (await store.debtorActions.settings(campaignId)).notMe;
    },

    /**
     * 「私は宛先の本人ではありません」: stops the messages, lists the number as misdelivered, waits for review.
     * `verified`: whether the person had passed the identity check (it is offered before it too).
     */
    async notMe(page: PageOf, verified: boolean): Promise<Submitted> {
      offOrThrow((await store.debtorActions.settings(page.campaignId)).notMe);
      const recipient = (await store.recipients.byIds([page.recipientId])).get(page.recipientId);
      const recorded = await record({ ...page, kind: 'not_me', verified, ...(recipient ? { phone: recipient.phone } : {}) });
      return { ok: true, action: recorded.action, created: recorded.created, cancelled: recorded.cancelled, confirmationId: null };
    },

    /** An operator's review of an open request, with a note; audited. */
    async resolve(id: number, decision: { state: DebtorActionResolution; note: string | null }, actor: string): Promise<DebtorAction> {
      const note = decision.note?.trim() || null;
      const result = await store.debtorActions.resolve(id, { state: decision.state, by: actor, note });
      changes++;
      viewedPeople.clear();
      if (!result) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `申出 #${id} はありません`, en: `request #${id} not found` });
      if (!result.changed) {
        throw new TodokuError(
          'TODOKU_E_DEBTOR_ACTION_STATE',
          { ja: `申出 #${id} はすでに対応済みです`, en: `request #${id} is no longer open` },
          { state: result.action.state },
        );
      }
      await store.audit.append({ actor, action: 'debtor_action.resolve', target: `debtor_action:${id}`, details: { kind: result.action.kind, state: decision.state, campaignId: result.action.campaign_id, hasNote: note !== null } });
      return result.action;
    },

    /** Takes a number off the misdelivery list (imports accept it again); audited. */
    async removeMisdelivered(id: number, actor: string): Promise<void> {
      if (!(await store.debtorActions.misdelivered.remove(id, actor))) {
        throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `宛先違いの番号 #${id} はリストにありません`, en: `misdelivered number #${id} is not listed` });
      }
      await store.audit.append({ actor, action: 'misdelivered.remove', target: `misdelivered:${id}` });
    },
  };
}

export type SelfService = ReturnType<typeof createSelfService>;

/** Kinds the campaign offers after the identity check, in the page's order. */
export function offeredAfterCheck(s: SelfServiceSettings): DebtorActionKind[] {
  return (['promise', 'instalment', 'dispute', 'not_me'] as const).filter((k) => (k === 'promise' ? s.promise : k === 'instalment' ? s.instalment : k === 'dispute' ? s.dispute : s.notMe));
}
