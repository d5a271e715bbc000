// The survey the tests answer: one question of each kind.
import { surveySchema } from '../../src/surveys/definition.ts';

export const SURVEY = surveySchema.parse({
  title: 'お支払いについてのアンケート',
  questions: [
    { id: 'plan', type: 'single', label: 'お支払いの予定', required: true, options: [{ id: 'now', label: '今月中に支払う' }, { id: 'split', label: '分割を希望' }, { id: 'paid', label: '支払い済み' }] },
    { id: 'reach', type: 'multiple', label: '連絡のつきやすい方法', options: ['SMS', '電話', 'メール'], maxChoices: 2 },
    { id: 'note', type: 'text', label: 'ご意見', maxLength: 20 },
    { id: 'date', type: 'date', label: 'お支払い予定日', min: '2026-11-01', max: '2026-12-31' },
  ],
});
