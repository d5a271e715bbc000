// An English company name that ends in a full stop ends the sentence too: "… Co., Ltd." never "Ltd.." (issue 11 §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { say } from '../../../src/web/pages/text.ts';

test('"Co., Ltd." at the end of a sentence takes its full stop once', () => {
  assert.equal(say('en', 'officialPage', { org: 'Sakura Servicer Co., Ltd.' }), 'This is an official page of Sakura Servicer Co., Ltd.');
  assert.equal(say('en', 'officialPage', { org: 'Toto University' }), 'This is an official page of Toto University.');
  assert.equal(say('en', 'checkSenderYes', { sender: 'SAKURA', org: 'Sakura Co., Ltd.' }), '"SAKURA" is an official sender of Sakura Co., Ltd.');
  assert.equal(say('ja', 'officialPage', { org: 'さくら債権回収株式会社' }), 'このページは さくら債権回収株式会社 の公式ページです。');
});
