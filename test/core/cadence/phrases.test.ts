// A step's time in the words an office writes (「期日の3日前 10:00」「未開封なら2日後」, "due-3d 10:00") read
// into the structured form, written back in words, and the definition's checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAtPhrase, stepTimeWords } from '../../../src/core/cadence/phrases.ts';
import { cadenceInput, toDefinition } from '../../../src/core/cadence/definition.ts';
import { BUILTIN_CADENCES } from '../../../src/core/cadence/builtin.ts';

test('the usual Japanese phrases read as a time relative to the due date, the start or the previous step', () => {
  const cases: [string, unknown][] = [
    ['期日の3日前 10:00', { at: { from: 'due', days: -3, time: '10:00' }, extraWhen: [] }],
    ['期日の３日前　１０時半', { at: { from: 'due', days: -3, time: '10:30' }, extraWhen: [] }],
    ['期日前日 9時', { at: { from: 'due', days: -1, time: '09:00' }, extraWhen: [] }],
    ['期日当日', { at: { from: 'due', days: 0 }, extraWhen: [] }],
    ['期日', { at: { from: 'due', days: 0 }, extraWhen: [] }],
    ['期日翌日', { at: { from: 'due', days: 1 }, extraWhen: [] }],
    ['期日の7日後 13:15', { at: { from: 'due', days: 7, time: '13:15' }, extraWhen: [] }],
    ['開始時', { at: { from: 'start', days: 0 }, extraWhen: [] }],
    ['開始から2日後', { at: { from: 'start', days: 2 }, extraWhen: [] }],
    ['前回から5日後 10:00', { at: { from: 'previous', days: 5, time: '10:00' }, extraWhen: [] }],
    ['未開封なら2日後', { at: { from: 'previous', days: 2 }, extraWhen: ['not_opened'] }],
    ['未認証なら3日後', { at: { from: 'previous', days: 3 }, extraWhen: ['not_verified'] }],
    ['未入金なら1日後', { at: { from: 'previous', days: 1 }, extraWhen: ['not_paid'] }],
  ];
  for (const [words, expected] of cases) assert.deepEqual(parseAtPhrase(words), expected, words);
});

test('the short English form: due-3d 10:00, due+1d, start+2d, previous+2d', () => {
  assert.deepEqual(parseAtPhrase('due-3d 10:00'), { at: { from: 'due', days: -3, time: '10:00' }, extraWhen: [] });
  assert.deepEqual(parseAtPhrase('due+1d'), { at: { from: 'due', days: 1 }, extraWhen: [] });
  assert.deepEqual(parseAtPhrase('start+2d'), { at: { from: 'start', days: 2 }, extraWhen: [] });
  assert.deepEqual(parseAtPhrase('prev+2d'), { at: { from: 'previous', days: 2 }, extraWhen: [] });
  assert.deepEqual(parseAtPhrase('due'), { at: { from: 'due', days: 0 }, extraWhen: [] });
});

test('words that are no time, an hour past 23 and counting back from the start are refused', () => {
  for (const words of ['あした', '期日の3日前 25:00', 'start-2d', '期日の前後', '']) assert.equal(parseAtPhrase(words), undefined, words);
});

test('a structured time is written back in words, the due date with the cadence\'s time when it names none', () => {
  assert.deepEqual(stepTimeWords({ from: 'due', days: -3, time: '10:00' }, '09:00'), { ja: '期日の3日前 10:00', en: '3 days before the due date, 10:00' });
  assert.deepEqual(stepTimeWords({ from: 'due', days: 1 }, '09:00'), { ja: '期日翌日 09:00', en: '1 day after the due date, 09:00' });
  assert.deepEqual(stepTimeWords({ from: 'start', days: 2 }, '10:00'), { ja: '開始から2日後', en: '2 days after the start' });
  assert.deepEqual(stepTimeWords({ from: 'previous', days: 2 }, '10:00'), { ja: '前回から2日後', en: '2 days after the previous step' });
});

test('a definition: words and structure mixed, names and the default time filled in, a condition from the words kept once', () => {
  const def = toDefinition(
    cadenceInput.parse({
      steps: [
        { at: '期日の3日前 10:00', template: 'a {{url}}' },
        { at: { from: 'due', days: 1 }, template: 'b {{url}}' },
        { name: '再通知', at: '未開封なら2日後', when: ['not_opened', 'not_verified'] },
      ],
    }),
  );
  assert.equal(def.name, '督促シナリオ');
  assert.equal(def.time, '10:00');
  assert.equal(def.graceDays, undefined);
  assert.deepEqual(
    def.steps.map((s) => [s.name, s.at, s.when, s.template ?? null]),
    [
      ['ステップ1', { from: 'due', days: -3, time: '10:00' }, [], 'a {{url}}'],
      ['ステップ2', { from: 'due', days: 1 }, [], 'b {{url}}'],
      ['再通知', { from: 'previous', days: 2 }, ['not_opened', 'not_verified'], null],
    ],
  );
});

test('a definition without steps, with an unknown condition, or with words that are no time is refused, saying where', () => {
  assert.equal(cadenceInput.safeParse({ steps: [] }).success, false);
  const unknown = cadenceInput.safeParse({ steps: [{ at: '期日翌日', when: ['rich'] }] });
  assert.equal(unknown.success, false);
  const words = cadenceInput.safeParse({ steps: [{ at: 'いつか' }] });
  assert.equal(words.success, false);
  assert.match(JSON.stringify(words.error?.issues), /いつか/);
  const back = cadenceInput.safeParse({ steps: [{ at: { from: 'start', days: -1 } }] });
  assert.equal(back.success, false);
});

test('the built-in 「未開封者への再通知」: the campaign\'s own text again, two days later, to people who have not opened', () => {
  const b = BUILTIN_CADENCES.renotice_unopened;
  assert.equal(b.name, '未開封者への再通知');
  assert.deepEqual(b.definition.steps, [{ name: '未開封者への再通知', at: { from: 'previous', days: 2 }, when: ['not_opened'] }]);
  assert.equal(cadenceInput.safeParse(b.definition).success, true);
});
