// /api/v1/campaigns/:c/survey — a campaign's survey (アンケート): define its questions, read the
// tallies, export every answer as CSV for Excel (UTF-8 with BOM or CP932).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noContent } from './openapi-document.ts';
import type { ApiContext } from './context.ts';
import { notFound } from './problem.ts';
import { campaignParam, loadCampaign } from './documents.ts';
import type { SurveyService } from '../../surveys/service.ts';
import { surveySchema, surveyView } from '../../surveys/definition.ts';
import { recordContentChange } from '../../campaign/send-evidence.ts';

const resultsView = z.object({
  title: z.string(),
  answered: z.number().describe('messages that answered'),
  questions: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['single', 'multiple', 'text', 'date']),
      label: z.string(),
      answered: z.number(),
      options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number() })).optional(),
    }),
  ),
});

export function surveyRoutes(app: FastifyInstance, ctx: ApiContext, surveys: SurveyService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = ctx;
  const noSurvey = () => notFound('アンケート / survey');

  r.put(
    '/campaigns/:campaign/survey',
    {
      schema: {
        tags: ['surveys'],
        summary: 'Define the survey: questions of type single, multiple, text or date',
        description: 'Question ids are stable keys for answers and tallies; options may be plain labels or {id, label}. Answers can be given and changed until the campaign\'s landing-page deadline.',
        params: campaignParam,
        body: surveySchema,
        response: { 200: surveyView },
      },
    },
    async (req) => {
      const c = await loadCampaign(store, req.params.campaign);
      await surveys.define(c.id, req.body);
      await recordContentChange(store, c.id, req.actor);
      await store.audit.append({ actor: req.actor, action: 'survey.define', target: `campaign:${c.id}`, details: { questions: req.body.questions.length } });
      return req.body;
    },
  );

  r.get('/campaigns/:campaign/survey', { schema: { tags: ['surveys'], summary: 'The survey', params: campaignParam, response: { 200: surveyView } } }, async (req) => {
    const c = await loadCampaign(store, req.params.campaign);
    const s = await surveys.definition(c.id);
    if (!s) throw noSurvey();
    return s;
  });

  r.delete('/campaigns/:campaign/survey', { schema: { tags: ['surveys'], summary: 'Remove the survey from the page (answers stay)', params: campaignParam, response: { 204: noContent } } }, async (req, reply) => {
    const c = await loadCampaign(store, req.params.campaign);
    if (!(await surveys.remove(c.id))) throw noSurvey();
    await recordContentChange(store, c.id, req.actor);
    await store.audit.append({ actor: req.actor, action: 'survey.remove', target: `campaign:${c.id}` });
    return reply.status(204).send(null);
  });

  r.get('/campaigns/:campaign/survey/results', { schema: { tags: ['surveys'], summary: 'Tallies: answers per option, answered per question', params: campaignParam, response: { 200: resultsView } } }, async (req) => {
    const c = await loadCampaign(store, req.params.campaign);
    const results = await surveys.results(c.id);
    if (!results) throw noSurvey();
    return results;
  });

  r.get(
    '/campaigns/:campaign/survey/export.csv',
    { config: { role: 'operator' }, schema: { tags: ['surveys'], summary: 'Every answer, one row per recipient, as CSV for Excel', params: campaignParam, querystring: z.object({ encoding: z.enum(['utf-8-bom', 'cp932']).default('utf-8-bom') }) } },
    async (req, reply) => {
      const c = await loadCampaign(store, req.params.campaign);
      const csv = await surveys.export(c.id, req.query.encoding);
      if (!csv) throw noSurvey();
      await store.audit.append({ actor: req.actor, action: 'survey.export', target: `campaign:${c.id}`, details: { encoding: req.query.encoding } });
      return reply
        .type(`text/csv; charset=${req.query.encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
        .header('content-disposition', `attachment; filename="survey-${c.id}.csv"`)
        .send(csv);
    },
  );
}
