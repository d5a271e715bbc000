// A campaign's survey (アンケート): its questions as an operator defines them through the API. Question
// and option ids are stable keys (answers and tallies refer to them), labels are what people read.
import { z } from 'zod';

const id = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - (at most 40) / 英数字・_・- で40文字まで');
const label = (max: number) => z.string().trim().min(1).max(max);

// An option's id is only a value in a form and a key in tallies: any text will do (a label, often).
const optionObject = z.object({ id: label(200), label: label(200), label_en: label(200).optional() });
/** What the API accepts: an option may be a plain label, which is then its id too. */
const option = z.union([label(200).transform((l) => ({ id: l, label: l, label_en: undefined as string | undefined })), optionObject]);

const base = {
  id,
  label: label(500),
  label_en: label(500).optional(),
  required: z.boolean().default(false),
};

function questions<O extends z.ZodType<{ id: string; label: string; label_en?: string | undefined }>>(opt: O) {
  return z.discriminatedUnion('type', [
    z.object({ ...base, type: z.literal('single'), options: z.array(opt).min(2).max(30) }),
    z.object({ ...base, type: z.literal('multiple'), options: z.array(opt).min(1).max(30), maxChoices: z.number().int().min(1).optional() }),
    z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(5000).default(1000), multiline: z.boolean().default(true) }),
    z.object({ ...base, type: z.literal('date'), min: z.iso.date().optional(), max: z.iso.date().optional() }),
  ]);
}

export const questionSchema = questions(option);

const surveyFields = {
  title: label(200).default('アンケート'),
  title_en: label(200).optional(),
  intro: z.string().trim().max(2000).optional(),
  intro_en: z.string().trim().max(2000).optional(),
};

export const surveySchema = z
  .object({ ...surveyFields, questions: z.array(questionSchema).min(1).max(50) })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id "${q.id}" / 質問IDが重複しています` });
      seen.add(q.id);
      if (q.type === 'single' || q.type === 'multiple') {
        const ids = new Set<string>();
        q.options.forEach((o, j) => {
          if (ids.has(o.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'options', j], message: `duplicate option "${o.id}" / 選択肢が重複しています` });
          ids.add(o.id);
        });
      }
      if (q.type === 'date' && q.min && q.max && q.min > q.max) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'max'], message: 'max is before min / 最大日付が最小日付より前です' });
      }
    });
  });

/** A survey as stored and shown back: every option an {id, label} object. */
export const surveyView = z.object({ ...surveyFields, questions: z.array(questions(optionObject)) });

export type Survey = z.infer<typeof surveySchema>;
export type Question = z.infer<typeof questionSchema>;
/** What the API accepts (options may be plain labels). */
export type SurveyInput = z.input<typeof surveySchema>;
