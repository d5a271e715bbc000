// Survey definitions and answers checked as a form posts them: known options only, required questions,
// lengths, real dates in range; stable ids, duplicates refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { surveySchema } from '../../src/surveys/definition.ts';
import { checkAnswers, selections } from '../../src/surveys/answers.ts';
import { SURVEY } from './fixtures.ts';


test('a survey needs unique question and option ids; plain labels become options', () => {
  assert.deepEqual(SURVEY.questions[1]!.type === 'multiple' && SURVEY.questions[1]!.options.map((o) => o.id), ['SMS', '電話', 'メール']);
  const dup = surveySchema.safeParse({ questions: [{ id: 'a', type: 'text', label: 'x' }, { id: 'a', type: 'date', label: 'y' }] });
  assert.equal(dup.success, false);
  const dupOption = surveySchema.safeParse({ questions: [{ id: 'a', type: 'single', label: 'x', options: ['はい', 'はい'] }] });
  assert.equal(dupOption.success, false);
  assert.equal(surveySchema.safeParse({ questions: [{ id: 'bad id!', type: 'text', label: 'x' }] }).success, false);
});

test('answers as a form posts them are checked and normalised', () => {
  const ok = checkAnswers(SURVEY, { q_plan: 'split', q_reach: ['メール', 'SMS'], q_note: '  夕方なら\r\n電話に出られます ', q_date: '2026/12/05' });
  assert.ok(ok.ok);
  assert.deepEqual(ok.answers, { plan: 'split', reach: ['SMS', 'メール'], note: '夕方なら\n電話に出られます', date: '2026-12-05' });
  assert.deepEqual(selections(SURVEY, ok.answers), [
    { questionId: 'plan', optionId: 'split' },
    { questionId: 'reach', optionId: 'SMS' },
    { questionId: 'reach', optionId: 'メール' },
    { questionId: 'note', optionId: '*' },
    { questionId: 'date', optionId: '*' },
  ]);
});

test('an unknown option, a missing required answer, too many choices, long text and impossible dates are each named', () => {
  const bad = checkAnswers(SURVEY, { q_reach: ['SMS', '電話', 'メール'], q_note: 'あ'.repeat(21), q_date: '2026-02-30' });
  assert.equal(bad.ok, false);
  const byQuestion = Object.fromEntries(bad.ok ? [] : bad.errors.map((e) => [e.questionId, e.message.ja]));
  assert.deepEqual(Object.keys(byQuestion), ['plan', 'reach', 'note', 'date']);
  assert.match(byQuestion.plan!, /回答が必要です/u);
  assert.match(byQuestion.reach!, /2つまで選べます/u);
  assert.match(byQuestion.note!, /20文字以内.*現在21文字/u);
  assert.match(byQuestion.date!, /YYYY-MM-DD/u);
  const forged = checkAnswers(SURVEY, { q_plan: '<script>alert(1)</script>' });
  assert.equal(forged.ok, false);
  const outOfRange = checkAnswers(SURVEY, { q_plan: 'now', q_date: '2027-01-01' });
  assert.equal(outOfRange.ok, false);
  assert.equal(checkAnswers(surveySchema.parse({ questions: [{ id: 'a', type: 'text', label: 'x' }] }), {}).ok, false, 'an empty form is not an answer');
});
