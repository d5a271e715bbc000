// Survey use-cases: define a campaign's questions, take a recipient's answers (once per message,
// editable until the campaign's deadline), tally them and export them for Excel.
import type { Readable } from 'node:stream';
import { TodokuError } from '../core/errors.ts';
import type { Store } from '../store/index.ts';
import type { Vault } from '../security/vault.ts';
import { csvStream, excelTime, type CsvOutEncoding } from '../export/csv.ts';
import { surveySchema, type Survey } from './definition.ts';
import { checkAnswers, selections, type AnswerError, type Answers } from './answers.ts';

export interface SurveyResults {
  title: string;
  answered: number;
  questions: {
    id: string;
    type: Survey['questions'][number]['type'];
    label: string;
    answered: number;
    options?: { id: string; label: string; count: number }[];
  }[];
}

const CACHE_MS = 2000;

export type SubmitOutcome = { ok: true; created: boolean; answers: Answers } | { ok: false; errors: AnswerError[] };

export function createSurveyService(deps: { store: Store; vault: Vault; now?: () => number }) {
  const { store, vault } = deps;
  const now = deps.now ?? Date.now;

  // Every verified page view asks for the survey: parsed definitions are kept for a moment. This
  // process forgets one as soon as it changes it; other processes see a change within CACHE_MS.
  const cache = new Map<number, { at: number; survey: Survey | null }>();
  async function definition(campaignId: number): Promise<Survey | null> {
    const hit = cache.get(campaignId);
    if (hit && now() - hit.at < CACHE_MS) return hit.survey;
    const row = await store.surveys.definition(campaignId);
    const survey = row ? surveySchema.parse(JSON.parse(row.json)) : null;
    if (cache.size > 1000) cache.clear();
    cache.set(campaignId, { at: now(), survey });
    return survey;
  }

  /** The campaign's deadline (開封期限) also closes its survey. */
  async function closesAt(campaignId: number): Promise<number | null> {
    return (await store.landing.campaignLanding(campaignId))?.expires_at ?? null;
  }

  return {
    definition,
    closesAt,

    async define(campaignId: number, survey: Survey): Promise<void> {
      await store.surveys.putDefinition(campaignId, JSON.stringify(survey));
      cache.delete(campaignId);
    },

    /** Takes the survey off the page; answers stay. False when there was none. */
    async remove(campaignId: number): Promise<boolean> {
      cache.delete(campaignId);
      return store.surveys.removeDefinition(campaignId);
    },

    async answersOf(messageId: number): Promise<{ answers: Answers; updatedAt: number } | null> {
      const row = await store.surveys.answerOf(messageId);
      return row ? { answers: JSON.parse(vault.decrypt(row.answersEnc)) as Answers, updatedAt: row.updatedAt } : null;
    },

    async submit(ref: { campaignId: number; messageId: number }, form: Readonly<Record<string, unknown>>): Promise<SubmitOutcome> {
      const survey = await definition(ref.campaignId);
      if (!survey) throw new TodokuError('TODOKU_E_SURVEY_NONE', { ja: 'このキャンペーンにはアンケートがありません', en: 'this campaign has no survey' });
      const deadline = await closesAt(ref.campaignId);
      if (deadline !== null && now() >= deadline) {
        throw new TodokuError('TODOKU_E_SURVEY_CLOSED', { ja: '回答期限を過ぎているため、回答・変更できません', en: 'the survey has closed; answers can no longer be given or changed' });
      }
      const check = checkAnswers(survey, form);
      if (!check.ok) return check;
      const result = await store.surveys.saveAnswers(ref.campaignId, ref.messageId, vault.encrypt(JSON.stringify(check.answers)), selections(survey, check.answers), check.answers);
      return { ok: true, created: result === 'created', answers: check.answers };
    },

    async results(campaignId: number): Promise<SurveyResults | null> {
      const survey = await definition(campaignId);
      if (!survey) return null;
      const tally = await store.surveys.tally(campaignId);
      const perQuestion = await store.surveys.answeredPerQuestion(campaignId);
      const count = (q: string, o: string) => tally.find((t) => t.questionId === q && t.optionId === o)?.count ?? 0;
      return {
        title: survey.title,
        answered: await store.surveys.answeredCount(campaignId),
        questions: survey.questions.map((q) => ({
          id: q.id,
          type: q.type,
          label: q.label,
          answered: perQuestion.get(q.id) ?? 0,
          ...(q.type === 'single' || q.type === 'multiple' ? { options: q.options.map((o) => ({ id: o.id, label: o.label, count: count(q.id, o.id) })) } : {}),
        })),
      };
    },

    /** One row per answering message: line, name, external id, times, then each question's answer. */
    async export(campaignId: number, encoding: CsvOutEncoding): Promise<Readable | null> {
      const survey = await definition(campaignId);
      if (!survey) return null;
      const header = ['行番号/line', '氏名/name', '外部ID/external_id', '回答日時/answered_at', '更新日時/updated_at', ...survey.questions.map((q) => `${q.label} (${q.id})`)];
      const cell = (q: Survey['questions'][number], v: Answers[string] | undefined): string => {
        if (v === undefined) return '';
        if (q.type !== 'single' && q.type !== 'multiple') return String(v);
        const ids = Array.isArray(v) ? v : [v];
        return ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id).join('、');
      };
      async function* rows(): AsyncGenerator<string[]> {
        let after = 0;
        for (;;) {
          const page = await store.surveys.page(campaignId, after, 1000);
          if (page.length === 0) return;
          const recipients = await store.recipients.byIds(page.map((a) => a.recipientId));
          for (const a of page) {
            const r = recipients.get(a.recipientId);
            const answers = JSON.parse(vault.decrypt(a.answersEnc)) as Answers;
            yield [
              String(r?.line ?? ''),
              r?.fields.name ?? '',
              r?.fields.external_id ?? '',
              excelTime(a.createdAt),
              excelTime(a.updatedAt),
              ...survey!.questions.map((q) => cell(q, answers[q.id])),
            ];
          }
          after = page[page.length - 1]!.id;
        }
      }
      return csvStream(header, rows(), encoding);
    },
  };
}

export type SurveyService = ReturnType<typeof createSurveyService>;
