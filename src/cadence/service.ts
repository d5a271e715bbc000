// The cadence use cases an operator calls (API and CLI through it): write the definition, start, pause,
// resume, stop, look at the funnel per step and the people, take one person out, and the dry run. Every
// action is audited and recorded in the evidence ledger (operator.action) by the store in its transaction.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { Vault } from '../core/vault.ts';
import type { CadenceMemberRow, CadenceRow } from '../store/cadences.ts';
import { TodokuError, type Bilingual } from '../core/errors.ts';
import { cadenceInput, toDefinition, type CadenceDefinition, type CadenceInput, type StepCondition, type StepTime } from '../core/cadence/definition.ts';
import { LEAVE_REASONS, type CadenceState, type LeaveReason, type MemberState, type SkipReason } from '../core/cadence/states.ts';
import { planPerson, type DryRunOutcome, type PersonFacts } from '../core/cadence/plan.ts';
import { stepTimeWords } from '../core/cadence/phrases.ts';
import { evidenceActor } from '../core/evidence/actor.ts';
import { CADENCE_CONDITION_LABELS, CADENCE_LEAVE_REASON_LABELS, CADENCE_MEMBER_STATE_LABELS, CADENCE_SKIP_REASON_LABELS, CADENCE_STATE_LABELS } from '../core/labels.ts';
import { parseCalendarDate, isoDate } from '../core/calendar-date.ts';
import { DEFAULT_SELF_SERVICE } from '../core/debtor-actions.ts';
import { missingColumns, parseTemplate } from '../core/template.ts';
import { decodeColumns } from '../core/csv/imported-columns.ts';

export interface CadenceDeps {
  store: Store;
  vault: Vault;
  now: () => number;
  /** Tells local dispatchers there is new work. */
  poke?: () => void;
}

type LeftCounts = Record<LeaveReason, number>;

export interface CadenceStepStatus {
  number: number;
  name: string;
  template: string | null;
  notice: string | null;
  at: StepTime;
  atText: Bilingual;
  when: StepCondition[];
  whenText: Bilingual[];
  counts: { reached: number; skipped: number; current: number; queued: number; sent: number; delivered: number; failed: number; opened: number; verified: number; paid: number; left: LeftCounts };
}

export interface CadenceStatus {
  campaignId: number;
  campaignName: string;
  name: string;
  state: CadenceState;
  stateText: Bilingual;
  definition: CadenceDefinition;
  graceDays: number;
  timeZone: string;
  steps: CadenceStepStatus[];
  members: { total: number; active: number; paused: number; left: number; done: number };
  left: LeftCounts;
  notStarted: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  startedAt: number | null;
  pausedAt: number | null;
  stoppedAt: number | null;
  completedAt: number | null;
}

export interface MemberView {
  recipientId: number;
  line: number;
  name: string;
  dueDate: string | null;
  state: MemberState;
  stateText: Bilingual;
  step: number;
  stepName: string | null;
  stepAt: number | null;
  nextAt: number | null;
  pausedUntil: number | null;
  leftReason: LeaveReason | null;
  leftReasonText: Bilingual | null;
  leftAt: number | null;
  leftStep: number | null;
  skipped: { step: number; reason: SkipReason; reasonText: Bilingual }[];
}

export interface MemberPage {
  members: MemberView[];
  next: number | null;
}

export interface DryRun {
  startAt: number;
  now: number;
  timeZone: string;
  total: number;
  people: {
    recipientId: number;
    line: number;
    name: string;
    dueDate: string | null;
    exit: { reason: LeaveReason | 'promise'; reasonText: Bilingual; at: number | null } | null;
    steps: { number: number; name: string; outcome: DryRunOutcome; at: number | null; reason: string | null; reasonText: Bilingual | null; conditional: boolean }[];
  }[];
  steps: { number: number; name: string; planned: number; sent: number; skipped: number; afterExit: number }[];
}

const PROMISE_TEXT: Bilingual = { ja: '支払いの約束により保留中', en: 'Paused by a promise to pay' };
const zeroLeft = (): LeftCounts => Object.fromEntries(LEAVE_REASONS.map((r) => [r, 0])) as LeftCounts;

export const definitionOf = (c: CadenceRow): CadenceDefinition => JSON.parse(c.definition_json) as CadenceDefinition;
export const timeZoneOf = (c: Pick<Campaign, 'time_zone'>): string => c.time_zone ?? 'Asia/Tokyo';

/** The person's row as the cadence reads it: name, due date (YYYY-MM-DD or null). */
export function personOf(fields: Readonly<Record<string, string>>): { name: string; dueDate: string | null } {
  const raw = fields.due_date;
  const due = raw ? parseCalendarDate(raw) : undefined;
  return { name: fields.name ?? '', dueDate: due ? isoDate(due) : null };
}

function stateError(c: CadenceRow, what: Bilingual): TodokuError {
  const s = CADENCE_STATE_LABELS[c.state];
  return new TodokuError('TODOKU_E_CADENCE_STATE', { ja: `督促シナリオは「${s.ja}」のため${what.ja}できません`, en: `the cadence is ${s.en.toLowerCase()}: it cannot be ${what.en}` });
}

export function readDefinition(input: unknown): CadenceDefinition {
  const parsed = cadenceInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new TodokuError('TODOKU_E_CADENCE_INVALID', { ja: `督促シナリオの定義に誤りがあります（${where}${first?.message ?? ''}）`, en: `the cadence definition is not valid (${where}${first?.message ?? ''})` }, parsed.error.issues);
  }
  return toDefinition(parsed.data);
}

/**
 * Each step's text read before anything is saved: its {{…}} syntax, and (once the list is imported) the
 * columns it names, so that a step never goes out with a blank where a field should be.
 */
export function checkTemplates(def: CadenceDefinition, c: Pick<Campaign, 'columns_json'>): void {
  const columns = c.columns_json ? decodeColumns(c.columns_json).map((x) => x.field) : null;
  def.steps.forEach((s, i) => {
    if (s.template === undefined) return;
    const where = { ja: `ステップ${i + 1}「${s.name}」`, en: `step ${i + 1} "${s.name}"` };
    let parsed;
    try {
      parsed = parseTemplate(s.template);
    } catch (err) {
      const e = err as TodokuError;
      throw new TodokuError('TODOKU_E_CADENCE_INVALID', { ja: `${where.ja}の本文: ${e.ja ?? e.message}`, en: `${where.en}, its text: ${e.message}` });
    }
    const missing = columns === null ? [] : missingColumns(parsed, columns);
    if (missing.length > 0) {
      throw new TodokuError('TODOKU_E_CADENCE_INVALID', {
        ja: `${where.ja}の本文が宛先リストにない項目を使っています: ${missing.join(', ')}`,
        en: `${where.en} uses fields the list does not have: ${missing.join(', ')}`,
      });
    }
  });
}

export function cadenceService(deps: CadenceDeps) {
  const { store } = deps;
  const cadences = store.cadences;

  async function load(c: Campaign): Promise<CadenceRow> {
    const row = await cadences.byCampaign(c.id);
    if (!row) throw new TodokuError('TODOKU_E_CADENCE_NONE', { ja: `キャンペーン「${c.name}」には督促シナリオがありません`, en: `campaign "${c.name}" has no cadence` });
    return row;
  }

  async function graceDaysOf(c: Campaign, def: CadenceDefinition): Promise<number> {
    return def.graceDays ?? (await cadences.graceDays(c.id)) ?? DEFAULT_SELF_SERVICE.promiseGraceDays;
  }

  async function status(c: Campaign): Promise<CadenceStatus> {
    const row = await load(c);
    const def = definitionOf(row);
    const people = await cadences.memberCounts(row.id);
    const messages = await cadences.stepCounts(c.id);
    const members = { total: 0, active: 0, paused: 0, left: 0, done: 0 };
    const left = zeroLeft();
    let notStarted = 0;
    for (const p of people) {
      members.total += p.n;
      members[p.state] += p.n;
      if (p.state === 'left' && p.reason) left[p.reason] += p.n;
      if (p.step === 0 && (p.state === 'active' || p.state === 'paused')) notStarted += p.n;
    }
    const steps = def.steps.map((s, i): CadenceStepStatus => {
      const number = i + 1;
      const m = messages.get(number) ?? { total: 0, queued: 0, sent: 0, delivered: 0, failed: 0, opened: 0, verified: 0 };
      const here = people.filter((p) => p.step === number);
      const stepLeft = zeroLeft();
      for (const p of here) if (p.state === 'left' && p.reason) stepLeft[p.reason] += p.n;
      const reached = people.filter((p) => p.step >= number).reduce((a, p) => a + p.n, 0);
      return {
        number,
        name: s.name,
        template: s.template ?? null,
        notice: s.notice ?? null,
        at: s.at,
        atText: stepTimeWords(s.at, def.time),
        when: s.when,
        whenText: s.when.map((w) => CADENCE_CONDITION_LABELS[w]),
        counts: {
          reached,
          skipped: Math.max(0, reached - m.total),
          current: here.filter((p) => p.state === 'active' || p.state === 'paused').reduce((a, p) => a + p.n, 0),
          queued: m.queued,
          sent: m.sent,
          delivered: m.delivered,
          failed: m.failed,
          opened: m.opened,
          verified: m.verified,
          paid: stepLeft.paid,
          left: stepLeft,
        },
      };
    });
    return {
      campaignId: c.id,
      campaignName: c.name,
      name: row.name,
      state: row.state,
      stateText: CADENCE_STATE_LABELS[row.state],
      definition: def,
      graceDays: await graceDaysOf(c, def),
      timeZone: timeZoneOf(c),
      steps,
      members,
      left,
      notStarted,
      createdAt: row.created_at,
      createdBy: row.created_by,
      updatedAt: row.updated_at,
      startedAt: row.started_at,
      pausedAt: row.paused_at,
      stoppedAt: row.stopped_at,
      completedAt: row.completed_at,
    };
  }

  async function move(c: Campaign, actor: string, from: readonly CadenceState[], to: CadenceState, action: 'cadence.started' | 'cadence.paused' | 'cadence.resumed' | 'cadence.stopped', what: Bilingual): Promise<CadenceStatus> {
    const row = await load(c);
    if (!from.includes(row.state)) throw stateError(row, what);
    if (action === 'cadence.started' && (c.status === 'draft' || c.status === 'cancelled')) {
      throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
        ja: 'キャンペーンの送信を確定してから督促シナリオを開始してください（下書き・取消済みのキャンペーンでは開始できません）',
        en: "confirm the campaign's send before starting its cadence (not on a draft or a cancelled campaign)",
      });
    }
    const moved = await cadences.transition(row, from, to, { action, ...evidenceActor(actor) });
    if (!moved) throw stateError((await cadences.byCampaign(c.id)) ?? row, what);
    await store.audit.append({ actor, action, target: `campaign:${c.id}`, details: { cadence: row.id, from: row.state, to } });
    if (to === 'running') deps.poke?.();
    return status(c);
  }

  async function memberViews(c: Campaign, def: CadenceDefinition, rows: readonly CadenceMemberRow[]): Promise<MemberView[]> {
    const recipients = await store.recipients.byIds(rows.map((r) => r.recipient_id));
    return rows.map((m) => {
      const r = recipients.get(m.recipient_id);
      const person = personOf(r?.fields ?? {});
      const skipped = m.skipped_json ? (JSON.parse(m.skipped_json) as Record<string, SkipReason>) : {};
      return {
        recipientId: m.recipient_id,
        line: r?.line ?? 0,
        name: person.name,
        dueDate: person.dueDate,
        state: m.state,
        stateText: CADENCE_MEMBER_STATE_LABELS[m.state],
        step: m.step,
        stepName: m.step > 0 ? (def.steps[m.step - 1]?.name ?? null) : null,
        stepAt: m.step_at,
        nextAt: m.next_at,
        pausedUntil: m.paused_until,
        leftReason: m.left_reason,
        leftReasonText: m.left_reason ? CADENCE_LEAVE_REASON_LABELS[m.left_reason] : null,
        leftAt: m.left_at,
        leftStep: m.left_step,
        skipped: Object.entries(skipped).map(([step, reason]) => ({ step: Number(step), reason, reasonText: CADENCE_SKIP_REASON_LABELS[reason] })),
      };
    });
  }

  return {
    status,

    async save(c: Campaign, input: CadenceInput | unknown, actor: string): Promise<CadenceStatus> {
      const def = readDefinition(input);
      checkTemplates(def, c);
      const existing = await cadences.byCampaign(c.id);
      if (existing && existing.state !== 'draft' && existing.state !== 'paused') throw stateError(existing, { ja: '変更', en: 'changed' });
      const row = await cadences.save(c.id, def.name, JSON.stringify(def), actor, { action: 'cadence.saved', ...evidenceActor(actor) });
      if (!row) throw stateError((await cadences.byCampaign(c.id)) ?? existing!, { ja: '変更', en: 'changed' });
      await store.audit.append({ actor, action: 'cadence.saved', target: `campaign:${c.id}`, details: { cadence: row.id, steps: def.steps.length, replaced: existing !== undefined } });
      return status(c);
    },

    start: (c: Campaign, actor: string) => move(c, actor, ['draft'], 'running', 'cadence.started', { ja: '開始', en: 'started' }),
    pause: (c: Campaign, actor: string) => move(c, actor, ['running'], 'paused', 'cadence.paused', { ja: '一時停止', en: 'paused' }),
    resume: (c: Campaign, actor: string) => move(c, actor, ['paused'], 'running', 'cadence.resumed', { ja: '再開', en: 'resumed' }),
    /** A completed cadence may be stopped too: its last steps may still be waiting for the contact policy. */
    stop: (c: Campaign, actor: string) => move(c, actor, ['draft', 'running', 'paused', 'completed'], 'stopped', 'cadence.stopped', { ja: '停止', en: 'stopped' }),

    async members(c: Campaign, q: { step?: number; state?: MemberState; reason?: LeaveReason; after?: number; limit: number }): Promise<MemberPage> {
      const row = await load(c);
      const rows = await cadences.members(row.id, q);
      return { members: await memberViews(c, definitionOf(row), rows), next: rows.length === q.limit ? rows.at(-1)!.recipient_id : null };
    },

    async stopMember(c: Campaign, recipientId: number, actor: string): Promise<MemberView> {
      const row = await load(c);
      const stopped = await cadences.stopMember(row, recipientId, evidenceActor(actor));
      if (!stopped) {
        const m = await cadences.member(row.id, recipientId);
        if (!m) throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `督促シナリオに受信者 ${recipientId} はいません`, en: `recipient ${recipientId} is not in the cadence` });
        throw new TodokuError('TODOKU_E_CADENCE_STATE', { ja: `受信者 ${recipientId} はすでに督促シナリオを終えています`, en: `recipient ${recipientId} is no longer in the cadence` });
      }
      await store.audit.append({ actor, action: 'cadence.member_stopped', target: `campaign:${c.id}`, details: { cadence: row.id, recipient: recipientId, step: stopped.step } });
      return (await memberViews(c, definitionOf(row), [stopped]))[0]!;
    },

    async dryRun(c: Campaign, opts: { sample: number; definition?: unknown; startAt?: number }): Promise<DryRun> {
      const row = await cadences.byCampaign(c.id);
      if (!row && opts.definition === undefined) await load(c);
      const def = opts.definition !== undefined ? readDefinition(opts.definition) : definitionOf(row!);
      const now = deps.now();
      const started = row && row.started_at !== null && opts.definition === undefined ? row.started_at : (opts.startAt ?? now);
      const timeZone = timeZoneOf(c);
      const clock = { now: Math.max(now, started), startedAt: started, timeZone, graceDays: await graceDaysOf(c, def) };
      const { ids, total } = await cadences.listIds(c.id, opts.sample);
      const recipients = await store.recipients.byIds(ids);
      const facts = await cadences.facts(c.id, ids);
      const running = row && row.state !== 'draft' && opts.definition === undefined;
      const members = running ? new Map((await cadences.membersOf(row.id, ids)).map((m) => [m.recipient_id, m])) : new Map<number, CadenceMemberRow>();
      const sent = running ? await cadences.stepMessages(c.id, ids) : new Map();
      const totals = def.steps.map((s, i) => ({ number: i + 1, name: s.name, planned: 0, sent: 0, skipped: 0, afterExit: 0 }));
      const people = ids.map((id) => {
        const r = recipients.get(id);
        const person = personOf(r?.fields ?? {});
        const f: PersonFacts = { ...facts.get(id)!, dueDate: person.dueDate };
        const m = members.get(id);
        const skippedAt = m?.skipped_json ? (JSON.parse(m.skipped_json) as Record<string, SkipReason>) : {};
        const history = new Map<number, { sent: boolean; at: number | null; skip?: SkipReason }>();
        for (let n = 1; n <= (m?.step ?? 0); n++) {
          const msg = (sent.get(id) as Map<number, { queuedAt: number; submittedAt: number | null }> | undefined)?.get(n);
          history.set(n, skippedAt[n] ? { sent: false, at: null, skip: skippedAt[n] } : { sent: true, at: msg?.submittedAt ?? msg?.queuedAt ?? null });
        }
        const left = m && m.state === 'left' && m.left_reason ? { reason: m.left_reason, at: m.left_at } : null;
        const plan = left
          ? { steps: [...history].map(([n, h]) => ({ number: n, outcome: (h.sent ? 'sent' : 'skipped') as DryRunOutcome, at: h.at, reason: h.skip ?? null })), exit: left }
          : planPerson(def, { step: m?.step ?? 0, stepAt: m?.step_at ?? null }, f, clock, history);
        const steps = def.steps.map((s, i) => {
          const p = plan.steps.find((x) => x.number === i + 1) ?? { number: i + 1, outcome: 'after_exit' as const, at: null, reason: plan.exit?.reason ?? null };
          const t = totals[i]!;
          if (p.outcome === 'planned') t.planned++;
          else if (p.outcome === 'sent') t.sent++;
          else if (p.outcome === 'skipped') t.skipped++;
          else t.afterExit++;
          const reasonText =
            p.reason === null ? null : p.outcome === 'skipped' ? CADENCE_SKIP_REASON_LABELS[p.reason as SkipReason] : p.reason === 'promise' ? PROMISE_TEXT : CADENCE_LEAVE_REASON_LABELS[p.reason as LeaveReason];
          return { number: i + 1, name: s.name, outcome: p.outcome, at: p.at, reason: p.reason, reasonText, conditional: s.when.length > 0 && p.outcome === 'planned' };
        });
        const exit = plan.exit ? { reason: plan.exit.reason, reasonText: plan.exit.reason === 'promise' ? PROMISE_TEXT : CADENCE_LEAVE_REASON_LABELS[plan.exit.reason], at: plan.exit.at } : null;
        return { recipientId: id, line: r?.line ?? 0, name: person.name, dueDate: person.dueDate, exit, steps };
      });
      return { startAt: started, now, timeZone, total, people, steps: totals };
    },
  };
}

export type CadenceService = ReturnType<typeof cadenceService>;
