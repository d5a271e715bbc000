// Surveys: each campaign's definition, each message's answers (sealed, one row per message, replaced
// when edited) and the clear (question, option) rows that tallies group by.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { NO_WEBHOOKS, type WebhookOutbox } from './webhooks.ts';
import { NO_EVIDENCE, type EvidenceRecorder } from './evidence/recorder.ts';
import { canonicalJson } from '../core/evidence/entry.ts';

export interface StoredAnswer {
  messageId: number;
  answersEnc: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * `webhooks`: saved answers are a survey.answered event, in the same transaction; `evidence`: and a
 * survey.answered ledger entry committing to the answers (kept sealed).
 */
export function surveyStore(db: Kysely<Database>, now: () => number, webhooks: WebhookOutbox = NO_WEBHOOKS, evidence: EvidenceRecorder = NO_EVIDENCE) {
  return {
    async definition(campaignId: number): Promise<{ json: string; updatedAt: number } | undefined> {
      const r = await db.selectFrom('surveys').select(['definition_json', 'updated_at']).where('campaign_id', '=', campaignId).executeTakeFirst();
      return r && { json: r.definition_json, updatedAt: r.updated_at };
    },

    async putDefinition(campaignId: number, json: string): Promise<void> {
      const t = now();
      await db
        .insertInto('surveys')
        .values({ campaign_id: campaignId, definition_json: json, created_at: t, updated_at: t })
        .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ definition_json: json, updated_at: t }))
        .execute();
    },

    async removeDefinition(campaignId: number): Promise<boolean> {
      const r = await db.deleteFrom('surveys').where('campaign_id', '=', campaignId).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Stores a message's answers, replacing earlier ones; says whether it was the first time. `answers`: the same, in clear, for the webhook event. */
    async saveAnswers(
      campaignId: number,
      messageId: number,
      answersEnc: string,
      marks: readonly { questionId: string; optionId: string }[],
      answers: Readonly<Record<string, unknown>>,
    ): Promise<'created' | 'updated'> {
      return db.transaction().execute(async (trx) => {
        const t = now();
        const existing = await trx.selectFrom('survey_answers').select('id').where('message_id', '=', messageId).executeTakeFirst();
        // An upsert, so two submissions racing (a double tap) leave one row, the later answers.
        await trx
          .insertInto('survey_answers')
          .values({ campaign_id: campaignId, message_id: messageId, answers_enc: answersEnc, created_at: t, updated_at: t })
          .onConflict((oc) => oc.column('message_id').doUpdateSet({ answers_enc: answersEnc, updated_at: t }))
          .execute();
        await trx.deleteFrom('survey_selections').where('message_id', '=', messageId).execute();
        if (marks.length > 0) {
          await trx
            .insertInto('survey_selections')
            .values(marks.map((m) => ({ campaign_id: campaignId, message_id: messageId, question_id: m.questionId, option_id: m.optionId })))
            .execute();
        }
        await webhooks.emit(trx, 'survey.answered', { campaignId, messageId, answers: { ...answers }, first: !existing, answeredAt: new Date(t).toISOString() });
        if (evidence.enabled) {
          const [committed] = await evidence.seal(trx, [canonicalJson(answers)]);
          await evidence.append(trx, [{ kind: 'survey.answered', campaignId, messageId, at: t, data: { answers: committed!, first: !existing } }]);
        }
        return existing ? 'updated' : 'created';
      });
    },

    async answerOf(messageId: number): Promise<StoredAnswer | undefined> {
      const r = await db.selectFrom('survey_answers').selectAll().where('message_id', '=', messageId).executeTakeFirst();
      return r && { messageId: r.message_id, answersEnc: r.answers_enc, createdAt: r.created_at, updatedAt: r.updated_at };
    },

    async answeredCount(campaignId: number): Promise<number> {
      const r = await db.selectFrom('survey_answers').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirst();
      return Number(r?.n ?? 0);
    },

    /** Messages per (question, option). */
    async tally(campaignId: number): Promise<{ questionId: string; optionId: string; count: number }[]> {
      const rows = await db
        .selectFrom('survey_selections')
        .select(['question_id', 'option_id', (eb) => eb.fn.count<number>('message_id').distinct().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy(['question_id', 'option_id'])
        .execute();
      return rows.map((r) => ({ questionId: r.question_id, optionId: r.option_id, count: Number(r.n) }));
    },

    /** Messages that answered each question. */
    async answeredPerQuestion(campaignId: number): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('survey_selections')
        .select(['question_id', (eb) => eb.fn.count<number>('message_id').distinct().as('n')])
        .where('campaign_id', '=', campaignId)
        .groupBy('question_id')
        .execute();
      return new Map(rows.map((r) => [r.question_id, Number(r.n)]));
    },

    /** Answers with their message's recipient, page by page in answer order (the export streams them). */
    async page(campaignId: number, after: number, limit: number) {
      return db
        .selectFrom('survey_answers as a')
        .innerJoin('messages as m', 'm.id', 'a.message_id')
        .select(['a.id', 'a.message_id as messageId', 'm.recipient_id as recipientId', 'a.answers_enc as answersEnc', 'a.created_at as createdAt', 'a.updated_at as updatedAt'])
        .where('a.campaign_id', '=', campaignId)
        .where('a.id', '>', after)
        .orderBy('a.id')
        .limit(limit)
        .execute();
    },
  };
}

export type SurveyStore = ReturnType<typeof surveyStore>;
