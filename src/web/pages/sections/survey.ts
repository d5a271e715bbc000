// The survey section of the verified page: the campaign's questions as a form (no script needed),
// the recipient's earlier answers filled in and editable until the deadline; a post with problems
// comes back as the same form with each problem at its question.
import type { LandingSection, VerifiedVisit } from '../sections.ts';
import { html } from '../html.ts';
import { sendPage } from '../respond.ts';
import { TodokuError } from '../../../core/errors.ts';
import type { SurveyService } from '../../../surveys/service.ts';
import { answersAsForm, surveyForm } from './survey-form.ts';

export function surveySection(surveys: SurveyService): LandingSection {
  const back = (v: VerifiedVisit) => html`<p><a href="${v.base}#section-survey">${v.t({ ja: 'お知らせに戻る', en: 'Back to the notice' })}</a></p>`;
  return {
    id: 'survey',
    async render(v) {
      const survey = await surveys.definition(v.campaignId);
      if (!survey) return null;
      const stored = await surveys.answersOf(v.messageId);
      return surveyForm({ visit: v, survey, values: stored ? answersAsForm(stored.answers) : {}, errors: [], answeredAt: stored?.updatedAt ?? null, closesAt: v.linkExpiresAt });
    },
    routes(r) {
      r.post('/answer', async (v, req, reply) => {
        const ctx = { lang: v.lang, org: v.organisation, selfPath: v.base };
        const form = (req.body ?? {}) as Record<string, unknown>;
        let outcome;
        try {
          outcome = await surveys.submit({ campaignId: v.campaignId, messageId: v.messageId }, form);
        } catch (err) {
          if (!(err instanceof TodokuError)) throw err;
          return sendPage(reply, err.code === 'TODOKU_E_SURVEY_CLOSED' ? 410 : 404, ctx, { title: v.t({ ja: 'アンケート', en: 'Survey' }), body: html`<p class="alert">${v.t({ ja: err.ja, en: err.message })}</p>${back(v)}` });
        }
        if (outcome.ok) {
          req.log.info({ messageId: v.messageId, created: outcome.created }, 'survey answered');
          return reply.redirect(`${v.base}#section-survey`, 303);
        }
        const survey = (await surveys.definition(v.campaignId))!;
        const stored = await surveys.answersOf(v.messageId);
        return sendPage(reply, 422, ctx, {
          title: v.t({ ja: 'アンケートの回答を確認してください', en: 'Please check your answers' }),
          body: html`${surveyForm({ visit: v, survey, values: form, errors: outcome.errors, answeredAt: stored?.updatedAt ?? null, closesAt: v.linkExpiresAt })}${back(v)}`,
        });
      });
    },
  };
}
