// Reply intent by the ordered rule list: each case names the intent and the rule an operator will see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagIntent } from '../../../src/core/inbound/intent.ts';
import { INTENT_RULES, INTENTS } from '../../../src/core/inbound/intent-rules.ts';

const NOW = new Date('2026-11-23T10:00:00+09:00'); // a Monday
const TOKYO = 'Asia/Tokyo';

const CASES: [text: string, intent: string, rule: string, promisedDate?: string][] = [
  // opt-out wins over everything, but only as the whole message
  ['停止', 'opt_out', 'opt_out.keyword'],
  ['配信停止。', 'opt_out', 'opt_out.keyword'],
  ['ｓｔｏｐ', 'opt_out', 'opt_out.keyword'],
  ['停止しないでください', 'other', 'other'],
  ['配信停止ってどうやるの？', 'question', 'question.mark'],
  // wrong person
  ['違います', 'wrong_person', 'wrong_person.denial'],
  ['人違いです', 'wrong_person', 'wrong_person.denial'],
  ['番号違いですよ', 'wrong_person', 'wrong_person.denial'],
  ['そのような方は知りません', 'wrong_person', 'wrong_person.denial'],
  ['全く心当たりがありません', 'wrong_person', 'wrong_person.denial'],
  ['間違いではないですか', 'wrong_person', 'wrong_person.denial'],
  ['誰ですか？知りません', 'wrong_person', 'wrong_person.denial'],
  ['Wrong number', 'wrong_person', 'wrong_person.denial'],
  // already paid
  ['払いました', 'paid', 'paid.done'],
  ['昨日支払いました', 'paid', 'paid.done'],
  ['先週振り込みました', 'paid', 'paid.done'],
  ['振込済みです', 'paid', 'paid.done'],
  ['入金しました。ご確認ください', 'paid', 'paid.done'],
  ['支払済です', 'paid', 'paid.done'],
  ['もう払ってます', 'paid', 'paid.done'],
  ['I already paid', 'paid', 'paid.done'],
  ['paid', 'paid', 'paid.done'],
  ['I have not paid yet', 'other', 'other'],
  // promise, with its date
  ['来週払います', 'promise', 'promise.will_pay', '2026-12-04'],
  ['支払います', 'promise', 'promise.will_pay'],
  ['12月5日に振り込みます', 'promise', 'promise.will_pay', '2026-12-05'],
  ['明日入金します', 'promise', 'promise.will_pay', '2026-11-24'],
  ['間違いなく払います', 'promise', 'promise.will_pay'],
  ['来週金曜まで待ってください', 'promise', 'promise.when', '2026-12-04'],
  ['月末には必ず', 'promise', 'promise.when', '2026-11-30'],
  ['給料日まで待ってください', 'promise', 'promise.when'],
  ['来週払いますがいいですか？', 'promise', 'promise.will_pay', '2026-12-04'],
  ['I will pay tomorrow', 'promise', 'promise.will_pay', '2026-11-24'],
  // questions
  ['誰ですか？', 'question', 'question.words'],
  ['何の請求ですか', 'question', 'question.words'],
  ['どういうことでしょうか', 'question', 'question.words'],
  ['いくらですか', 'question', 'question.words'],
  ['詳細を教えてください', 'question', 'question.words'],
  ['問い合わせ先は', 'question', 'question.words'],
  ['これは本物ですか？', 'question', 'question.mark'],
  ['本当ですか?', 'question', 'question.mark'],
  ['Who is this', 'question', 'question.words'],
  ['What is this for', 'question', 'question.words'],
  // the rest is for an operator to read
  ['はい', 'other', 'other'],
  ['了解しました', 'other', 'other'],
  ['払えません', 'other', 'other'],
  ['', 'other', 'other'],
];

for (const [text, intent, rule, promisedDate] of CASES) {
  test(`「${text}」 → ${intent} by ${rule}${promisedDate ? `, promised ${promisedDate}` : ''}`, () => {
    const tag = tagIntent(text, { now: NOW, timeZone: TOKYO });
    assert.equal(tag.intent, intent);
    assert.equal(tag.rule, rule);
    assert.equal(tag.promisedDate, promisedDate);
  });
}

test('only a promise carries a promised date ("明日払いました" is paid, with none)', () => {
  const tag = tagIntent('明日払いました', { now: NOW, timeZone: TOKYO });
  assert.equal(tag.intent, 'paid');
  assert.equal(tag.promisedDate, undefined);
});

test('the tag says what matched, so an operator sees why', () => {
  assert.equal(tagIntent('来週払います', { now: NOW, timeZone: TOKYO }).matched, '払います');
  assert.equal(tagIntent(' 配信 停止。', { now: NOW, timeZone: TOKYO }).matched, '配信停止');
});

test('the rule list is readable data: unique ids, a known intent, both languages, the catch-all last', () => {
  const ids = INTENT_RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of INTENT_RULES) {
    assert.ok((INTENTS as readonly string[]).includes(rule.intent), rule.id);
    assert.ok(rule.description.ja.length > 0 && rule.description.en.length > 0, rule.id);
  }
  assert.equal(INTENT_RULES.at(-1)!.id, 'other');
  assert.equal(INTENT_RULES.at(-1)!.patterns.length, 0);
  assert.equal(INTENT_RULES[0]!.intent, 'opt_out');
});
