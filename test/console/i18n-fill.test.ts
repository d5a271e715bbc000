// The console's texts in English agree with their numbers ("1 person answered", "1 page locked"), and a
// name ending in a full stop ends the sentence once (issue 11 §4). Every English text with a plural form
// is checked to parse, so a typo in one cannot print the raw {n, plural, …} to a user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fill } from '../../src/web/console/src/i18n/fill.ts';
import { en } from '../../src/web/console/src/i18n/en.ts';

test('English counts agree with their noun, Japanese ones do not change', () => {
  assert.equal(fill('en', en['survey.answered'], { n: 1 }), '1 person answered');
  assert.equal(fill('en', en['survey.answered'], { n: '1,234' }), '1,234 people answered');
  assert.equal(fill('en', en['survey.answered'], { n: 0 }), '0 people answered');
  assert.equal(fill('en', en['funnel.failedLine'], { failed: 2, locked: 1, optedOut: 0 }), '2 not delivered · 1 page locked · 0 opted out');
  assert.equal(fill('en', en['send.confirmTextNow'], { parts: 1, people: 1 }), 'Send 1 SMS part to 1 person, now.');
  assert.equal(fill('en', en['send.confirmTextNow'], { parts: 52, people: 26 }), 'Send 52 SMS parts in all to 26 people, now.');
  assert.equal(fill('ja', '{n}名が回答', { n: 1 }), '1名が回答');
});

test('an exact form wins over the category, and a text without plural forms is filled as before', () => {
  assert.equal(fill('en', '{n, plural, =0 {nobody} one {# person} other {# people}}', { n: 0 }), 'nobody');
  assert.equal(fill('en', 'Question {n}', { n: 3 }), 'Question 3');
  assert.equal(fill('en', 'This is {org}.', { org: 'Sakura Co., Ltd.' }), 'This is Sakura Co., Ltd.');
  assert.equal(fill('en', 'This is {org}.', { org: 'Sakura' }), 'This is Sakura.');
});

test('every English text with a plural form is filled without leftovers', () => {
  for (const [key, text] of Object.entries(en)) {
    if (!text.includes('plural')) continue;
    const vars = Object.fromEntries([...text.matchAll(/\{(\w+)/gu)].map((m) => [m[1]!, 1]));
    for (const n of [1, 2]) {
      const out = fill('en', text, Object.fromEntries(Object.keys(vars).map((k) => [k, n])));
      assert.doesNotMatch(out, /[{}#]|plural/u, `${key} with ${n}: ${out}`);
    }
  }
});
