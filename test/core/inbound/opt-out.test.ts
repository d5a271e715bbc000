// Opt-out words: a message that is nothing but a request to stop, however it was typed; never a
// sentence that merely mentions stopping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOptOut } from '../../../src/core/inbound/opt-out.ts';

const OPT_OUTS = [
  '停止',
  '停止。',
  '停止！',
  '「停止」',
  ' 配信 停止 ',
  '配信停止',
  '配信停止です',
  '配信を停止してください',
  '配信停止希望',
  '停止をお願いします',
  '送信停止',
  'SMSの配信停止',
  'ストップ',
  'ｽﾄｯﾌﾟ',
  'すとっぷ',
  '解除',
  '配信解除',
  '止めて',
  'やめて',
  'やめてください',
  'もう送らないでください',
  '配信不要',
  'STOP',
  'stop',
  'Stop.',
  'ｓｔｏｐ',
  'ＳＴＯＰ',
  'S T O P',
  'stop please',
  'STOPALL',
  'stop all',
  'UNSUBSCRIBE',
  'Unsubscribe!',
  'cancel',
  'QUIT',
  'opt out',
  '停止🙏',
  '停止\n',
];

const NOT_OPT_OUTS = [
  '',
  '   ',
  '停止しないでください',
  '停止しないで',
  '支払いが遅れています。停止されるのは困るので来週払います',
  '配信停止するにはどうすればいいですか？',
  '停止って何ですか',
  'ストップしたらどうなりますか',
  "don't stop",
  'stop calling me at night, I will pay next week',
  '来週払います',
  '払いました',
  '不要',
  'はい',
];

for (const text of OPT_OUTS) {
  test(`「${text.replace(/\n/g, '\\n')}」 is an opt-out`, () => {
    assert.equal(isOptOut(text), true);
  });
}

for (const text of NOT_OPT_OUTS) {
  test(`「${text}」 is not an opt-out by itself`, () => {
    assert.equal(isOptOut(text), false);
  });
}
