// /api/v1/campaigns/:c/cadence — 督促シナリオ (a cadence of steps on a campaign's list), for operators:
//   POST /campaigns/:c/cadence                 create or replace it (JSON, or YAML as text/yaml), while draft or paused
//   GET  /campaigns/:c/cadence                 its definition, state, people per state and counts per step
//   POST /campaigns/:c/cadence/start|pause|resume|stop
//   POST /campaigns/:c/cadence/dry-run         for a sample of people: which steps they would get and when, or why not
//   GET  /campaigns/:c/cadence/members         who is in which step, who left and why (paginated)
//   POST /campaigns/:c/cadence/members/:recipient/stop   take one person out (reason: operator)
//   GET  /cadence-templates                    the built-in cadences (「未開封者への再通知」)
// The file format is described in docs/cadences.md; the rules live in src/core/cadence and src/cadence.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { campaignAccess, campaignRef as ref } from './campaign-access.ts';
import { TodokuError } from '../../core/errors.ts';
import { cadenceDefinitionSchema, cadenceInput, STEP_ANCHORS, STEP_CONDITIONS, toDefinition } from '../../core/cadence/definition.ts';
import { CADENCE_STATES, LEAVE_REASONS, MEMBER_STATES, SKIP_REASONS } from '../../core/cadence/states.ts';
import { BUILTIN_CADENCE_IDS, BUILTIN_CADENCES } from '../../core/cadence/builtin.ts';
import { DRY_RUN_OUTCOMES } from '../../core/cadence/plan.ts';
import { cadenceService, type CadenceStatus, type DryRun, type MemberPage } from '../../cadence/service.ts';

const bilingual = z.object({ ja: z.string(), en: z.string() });
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const reasonCounts = z.object(Object.fromEntries(LEAVE_REASONS.map((r) => [r, z.number()])) as Record<(typeof LEAVE_REASONS)[number], z.ZodNumber>);

const stepView = z.object({
  number: z.number().describe('1, 2 …'),
  name: z.string(),
  template: z.string().nullable().describe("null: the campaign's own text again"),
  notice: z.string().nullable().describe("markdown of this step's landing page; null: the campaign's page"),
  at: z.object({ from: z.enum(STEP_ANCHORS), days: z.number(), time: z.string().optional() }),
  atText: bilingual.describe('when, in words: 期日の3日前 10:00'),
  when: z.array(z.enum(STEP_CONDITIONS)),
  whenText: z.array(bilingual).describe('the conditions in words: 未開封の人 …'),
  counts: z
    .object({
      reached: z.number().describe('people who reached this step (sent it or skipped it)'),
      skipped: z.number().describe('reached without a message: a condition not met, no due date, its time before the start'),
      current: z.number().describe('people whose last step is this one and who are still in the cadence (active or paused)'),
      queued: z.number().describe('messages waiting to go (the contact policy may be holding them)'),
      sent: z.number().describe('handed to a carrier'),
      delivered: z.number(),
      failed: z.number().describe('undeliverable, expired, rejected, failed or cancelled'),
      opened: z.number().describe("people who opened this step's link"),
      verified: z.number().describe("people who passed the identity check on this step's page"),
      paid: z.number().describe('people who left as paid while this was their last step'),
      left: reasonCounts.describe('people who left while this was their last step, by reason'),
    })
    .describe('the funnel of this step'),
});

const cadenceView = z
  .object({
    campaignId: z.number(),
    campaignName: z.string(),
    name: z.string(),
    state: z.enum(CADENCE_STATES),
    stateText: bilingual,
    definition: cadenceDefinitionSchema,
    graceDays: z.number().describe("days of grace after a promised date in force (the definition's, else the campaign's self-service setting)"),
    timeZone: z.string().describe("office time zone of the steps' times (the campaign's)"),
    steps: z.array(stepView),
    members: z.object({ total: z.number(), active: z.number(), paused: z.number(), left: z.number(), done: z.number() }),
    left: reasonCounts.describe('people who left, by reason'),
    notStarted: z.number().describe('step 0: people still waiting for their first step'),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    startedAt: z.string().nullable(),
    pausedAt: z.string().nullable(),
    stoppedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'Cadence' });

const memberView = z.object({
  recipientId: z.number(),
  line: z.number().describe("the person's line in the imported list"),
  name: z.string().describe('the name column, or empty'),
  dueDate: z.string().nullable().describe('due_date as YYYY-MM-DD, null when the list has none (or it is not a date)'),
  state: z.enum(MEMBER_STATES),
  stateText: bilingual,
  step: z.number().describe('last step reached; 0: none yet'),
  stepName: z.string().nullable(),
  stepAt: z.string().nullable(),
  nextAt: z.string().nullable().describe('when the scheduler looks at them next (their next step, or the end of a promise pause)'),
  pausedUntil: z.string().nullable(),
  leftReason: z.enum(LEAVE_REASONS).nullable(),
  leftReasonText: bilingual.nullable(),
  leftAt: z.string().nullable().describe('the time of the fact that took them out (e.g. the payment)'),
  leftStep: z.number().nullable(),
  skipped: z.array(z.object({ step: z.number(), reason: z.enum(SKIP_REASONS), reasonText: bilingual })),
});

const memberPage = z.object({ members: z.array(memberView), next: z.number().nullable().describe('pass as `after` for the next page') }).meta({ id: 'CadenceMembers' });

const dryRunView = z
  .object({
    startAt: z.string().describe('the start the plan assumes (a running cadence: its real start)'),
    now: z.string(),
    timeZone: z.string(),
    total: z.number().describe('people on the list'),
    people: z.array(
      z.object({
        recipientId: z.number(),
        line: z.number(),
        name: z.string(),
        dueDate: z.string().nullable(),
        exit: z
          .object({ reason: z.enum([...LEAVE_REASONS, 'promise']), reasonText: bilingual, at: z.string().nullable() })
          .nullable()
          .describe("why they would get nothing more ('promise': paused by an open promise until `at`)"),
        steps: z.array(
          z.object({
            number: z.number(),
            name: z.string(),
            outcome: z.enum(DRY_RUN_OUTCOMES),
            at: z.string().nullable().describe('when it goes (or went); the contact policy may move it later'),
            reason: z.string().nullable().describe('skipped: a skip reason (condition, no_due_date, before_start); after_exit: the exit reason'),
            reasonText: bilingual.nullable(),
            conditional: z.boolean().describe("true: its conditions are read when it is due and may change before then"),
          }),
        ),
      }),
    ),
    steps: z.array(z.object({ number: z.number(), name: z.string(), planned: z.number(), sent: z.number(), skipped: z.number(), afterExit: z.number() })).describe('the sample added up per step'),
  })
  .meta({ id: 'CadenceDryRun' });

const templatesView = z
  .object({ templates: z.array(z.object({ id: z.enum(BUILTIN_CADENCE_IDS), name: z.string(), name_en: z.string(), definition: cadenceDefinitionSchema })) })
  .meta({ id: 'CadenceTemplates' });

const YAML_TYPES = ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/x-yaml'];

function toView(s: CadenceStatus) {
  return {
    ...s,
    createdAt: iso(s.createdAt)!,
    updatedAt: iso(s.updatedAt)!,
    startedAt: iso(s.startedAt),
    pausedAt: iso(s.pausedAt),
    stoppedAt: iso(s.stoppedAt),
    completedAt: iso(s.completedAt),
  };
}

function toMemberPage(p: MemberPage) {
  return {
    next: p.next,
    members: p.members.map((m) => ({ ...m, stepAt: iso(m.stepAt), nextAt: iso(m.nextAt), pausedUntil: iso(m.pausedUntil), leftAt: iso(m.leftAt) })),
  };
}

function toDryRunView(d: DryRun) {
  return {
    ...d,
    startAt: iso(d.startAt)!,
    now: iso(d.now)!,
    people: d.people.map((p) => ({
      ...p,
      exit: p.exit ? { ...p.exit, at: iso(p.exit.at) } : null,
      steps: p.steps.map((s) => ({ ...s, at: iso(s.at) })),
    })),
  };
}

export function cadenceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  // A cadence file may be sent as YAML: read here into the same object JSON gives, then validated alike.
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => {
    try {
      done(null, parseYaml(body as string) as unknown);
    } catch (err) {
      done(new TodokuError('TODOKU_E_CADENCE_INVALID', { ja: `YAMLを読めません: ${(err as Error).message}`, en: `cannot read the YAML: ${(err as Error).message}` }), undefined);
    }
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { load } = campaignAccess(ctx.store);
  const cadences = cadenceService({ store: ctx.store, vault: ctx.vault, now: ctx.now, poke: ctx.poke });
  const op = { role: 'operator' as const };

  r.get(
    '/cadence-templates',
    { schema: { tags: ['cadences'], summary: 'Built-in cadences to start from (「未開封者への再通知」)', response: { 200: templatesView } } },
    async () => ({ templates: BUILTIN_CADENCE_IDS.map((id) => ({ id, ...BUILTIN_CADENCES[id] })) }),
  );

  r.post(
    '/campaigns/:campaign/cadence',
    {
      config: op,
      schema: {
        tags: ['cadences'],
        summary: "Create or replace the campaign's cadence from its file (JSON, or YAML as text/yaml; docs/cadences.md) while it is a draft or paused",
        params: ref,
        body: cadenceInput,
        response: { 200: cadenceView },
      },
    },
    // The body arrives already read by cadenceInput (its words turned into times): the definition it
    // makes is itself a valid input, which the service reads again unchanged.
    async (req) => toView(await cadences.save(await load(req.params.campaign), toDefinition(req.body), req.actor)),
  );

  r.get(
    '/campaigns/:campaign/cadence',
    { config: op, schema: { tags: ['cadences'], summary: 'The cadence: definition, state, people per state and the funnel of each step', params: ref, response: { 200: cadenceView } } },
    async (req) => toView(await cadences.status(await load(req.params.campaign))),
  );

  for (const action of ['start', 'pause', 'resume', 'stop'] as const) {
    const summaries = {
      start: "Start the cadence: everyone on the list joins it (the campaign's own send must be confirmed)",
      pause: 'Pause it: no step is queued and queued steps wait',
      resume: 'Resume a paused cadence',
      stop: 'Stop it for good: everyone still in it leaves (reason operator) and queued steps are cancelled',
    };
    r.post(
      `/campaigns/:campaign/cadence/${action}`,
      { config: op, schema: { tags: ['cadences'], summary: summaries[action], params: ref, response: { 200: cadenceView } } },
      async (req) => toView(await cadences[action](await load(req.params.campaign), req.actor)),
    );
  }

  r.post(
    '/campaigns/:campaign/cadence/dry-run',
    {
      config: op,
      schema: {
        tags: ['cadences'],
        summary: 'For a sample of people: which steps they would get and when, and why not (nothing is queued); a definition in the body is tried instead of the saved one',
        params: ref,
        body: z.object({
          sample: z.number().int().min(1).max(200).default(20),
          definition: cadenceInput.optional().describe('an unsaved definition to try (the editor); none: the saved one'),
          startAt: z.iso.datetime({ offset: true }).optional().describe("the start to assume for a cadence not yet started; default now"),
        }),
        response: { 200: dryRunView },
      },
    },
    async (req) => {
      const b = req.body;
      return toDryRunView(
        await cadences.dryRun(await load(req.params.campaign), { sample: b.sample, ...(b.definition ? { definition: toDefinition(b.definition) } : {}), ...(b.startAt ? { startAt: Date.parse(b.startAt) } : {}) }),
      );
    },
  );

  r.get(
    '/campaigns/:campaign/cadence/members',
    {
      config: op,
      schema: {
        tags: ['cadences'],
        summary: 'People of the cadence: who is in which step, who left and why; filter by step, state or reason',
        params: ref,
        querystring: z.object({
          step: z.coerce.number().int().min(0).optional().describe('last step reached'),
          state: z.enum(MEMBER_STATES).optional(),
          reason: z.enum(LEAVE_REASONS).optional(),
          after: z.coerce.number().int().min(0).optional().describe('recipient id of the last row of the previous page'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: memberPage },
      },
    },
    async (req) => {
      const q = req.query;
      const filter = { limit: q.limit, ...(q.step !== undefined ? { step: q.step } : {}), ...(q.state ? { state: q.state } : {}), ...(q.reason ? { reason: q.reason } : {}), ...(q.after !== undefined ? { after: q.after } : {}) };
      return toMemberPage(await cadences.members(await load(req.params.campaign), filter));
    },
  );

  r.post(
    '/campaigns/:campaign/cadence/members/:recipient/stop',
    {
      config: op,
      schema: {
        tags: ['cadences'],
        summary: 'Take one person out of the cadence (reason operator); their queued step is cancelled',
        params: ref.extend({ recipient: z.coerce.number().int().min(1) }),
        response: { 200: memberView.meta({ id: 'CadenceMember' }) },
      },
    },
    async (req) => {
      const m = await cadences.stopMember(await load(req.params.campaign), req.params.recipient, req.actor);
      return { ...m, stepAt: iso(m.stepAt), nextAt: iso(m.nextAt), pausedUntil: iso(m.pausedUntil), leftAt: iso(m.leftAt) };
    },
  );
}
