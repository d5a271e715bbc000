// ★ The public anti-smishing page (/verify): a pasted link of ours says only when it was sent, a
// number says whether it is an official sender, anything else is a clear "not ours"; the official
// senders and what our messages look like are always shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { sentCampaign, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../../support/factories.ts';
import { textOf, Visitor } from './visitor.ts';

let t: TestApp;
let c: SentCampaign;
before(async () => {
  t = await startTestApp('sqlite');
  await setOrganisation(t, {
    ...TOTO_UNIVERSITY,
    nameEn: 'Toto University Student Office',
    contact: { ...TOTO_UNIVERSITY.contact, hoursEn: 'Weekdays 9:00-17:00' },
    officialSenders: ['0120-000-111', 'TOTO-UNIV'],
    linkBase: 'https://t.toto-u.ac.jp/l',
  });
  c = await sentCampaign(t, 'smishing', ['氏名,電話番号,生年月日', '山田 太郎,090-3333-0001,1990/01/02'].join('\n'), { verification: { method: 'birth_date' }, expiresAt: null, notice: '{{name}}様' });
});
after(async () => t.stop());

test('the page lists the official senders, how our links look and whom to call', async () => {
  const page = await new Visitor(t.url).get('/verify');
  assert.equal(page.status, 200);
  const text = textOf(page.html);
  assert.match(text, /0120-000-111/u);
  assert.match(text, /TOTO-UNIV/u);
  assert.match(text, /https:\/\/t\.toto-u\.ac\.jp\/l\/ で始まり/u);
  assert.match(text, /03-1234-5678/u);
  assert.match(page.html, /<label for="q">/u);
});

test('a pasted link of ours: yes, sent on that day, and nothing about whom to', async () => {
  const r = c.recipients.get('山田 太郎')!;
  const v = new Visitor(t.url);
  const res = await v.post('/verify', await v.get('/verify'), { q: `SMSに書いてあった ${r.url}`.split(' ').pop()! });
  assert.equal(res.status, 200);
  const day = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' }).format(Date.now());
  assert.match(textOf(res.html), new RegExp(`はい、このSMSは 東都大学 学生課 が ${day} に送信したものです`, 'u'));
  assert.doesNotMatch(res.html, /山田|090|3333/u);
});

test('a code that is not ours is a warning', async () => {
  const v = new Visitor(t.url);
  const res = await v.post('/verify', await v.get('/verify'), { q: 'https://t.toto-u.ac.jp/l/AAAAAAAAAAA' });
  assert.match(textOf(res.html), /確認できませんでした。リンクを開いたり/u);
});

test('a sender number: official in any writing, or not', async () => {
  const v = new Visitor(t.url);
  const page = await v.get('/verify');
  assert.match(textOf((await v.post('/verify', page, { q: '０１２０ー０００ー１１１' })).html), /公式の送信元です/u);
  assert.match(textOf((await v.post('/verify', page, { q: '090-9999-9999' })).html), /公式の送信元ではありません/u);
});

test('in English too', async () => {
  const v = new Visitor(t.url);
  const page = await v.get('/verify?lang=en');
  assert.match(page.html, /<html lang="en">/u);
  assert.match(textOf(page.html), /Toto University Student Office/u);
  assert.match(textOf((await v.post('/verify', page, { q: 'toto-univ' })).html), /is an official sender of Toto University Student Office/u);
});

test('the check without its form token is refused', async () => {
  const v = new Visitor(t.url);
  await v.get('/verify');
  assert.equal((await v.request('POST', '/verify', { q: '0120000111' })).status, 403);
});
