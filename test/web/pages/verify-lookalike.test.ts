// /verify on a running app: a real code pasted on a look-alike host is a clear "not ours" warning,
// never the "yes, we sent it" an attacker wants our page to give their phishing link, and the warning
// does not reveal whether the code exists. Our own link (however it is spelt), a listed old domain,
// and a bare code (with the domain the genuine link uses) still get their answers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { sentCampaign, setOrganisation, TOTO_UNIVERSITY, type SentCampaign } from '../../support/factories.ts';
import { textOf, Visitor } from './visitor.ts';

let t: TestApp;
let c: SentCampaign;
let code: string;
const OLD = 'https://old.toto-u.example';

before(async () => {
  t = await startTestApp('sqlite', { TODOKU_LINK_BASE: 'https://t.toto-u.ac.jp/l' });
  await setOrganisation(t, { ...TOTO_UNIVERSITY, nameEn: 'Toto University', officialSenders: ['0120-000-111'], officialLinkBases: [OLD] });
  c = await sentCampaign(t, 'lookalike', ['氏名,電話番号,生年月日', '山田 太郎,090-3333-0101,1990/01/02'].join('\n'), { verification: { method: 'birth_date' }, expiresAt: null, notice: '{{name}}様' });
  code = c.recipients.get('山田 太郎')!.code;
});
after(async () => t.stop());

const day = () => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'long', day: 'numeric' }).format(Date.now());

/** The result box of /verify for `q`, as text, from a fresh visitor (its own budget). */
async function check(q: string, lang: 'ja' | 'en' = 'ja'): Promise<{ status: number; text: string; box: string }> {
  const v = new Visitor(t.url);
  const res = await v.post('/verify', await v.get(lang === 'en' ? '/verify?lang=en' : '/verify'), { q });
  const box = /<div class="(?:ok|alert)" role="(?:status|alert)" id="result">[\s\S]*?<\/div>/u.exec(res.html)?.[0] ?? '';
  return { status: res.status, text: textOf(box).trim(), box };
}

const FOREIGN = /このURLは 東都大学 学生課 のものではありません。リンクを開かず/u;
const YES = () => new RegExp(`はい、このSMSは 東都大学 学生課 が ${day()} に送信したものです`, 'u');

describe('a real code on a look-alike host', () => {
  test('the SMS really carries our link base', () => {
    assert.match(c.recipients.get('山田 太郎')!.url, /^https:\/\/t\.toto-u\.ac\.jp\/l\/[0-9A-Za-z]{11}$/u);
  });

  for (const [what, link] of [
    ['another TLD (the report’s evil-todoku-pay.example)', () => `https://evil-todoku-pay.example/l/${code}`],
    ['another TLD', () => `https://t.toto-u.ac.jp.com/l/${code}`],
    ['our host as a subdomain of theirs', () => `https://t.toto-u.ac.jp.evil.test/l/${code}`],
    ['our host as userinfo', () => `https://t.toto-u.ac.jp@evil.test/l/${code}`],
    ['userinfo on our own host', () => `https://user:pw@t.toto-u.ac.jp/l/${code}`],
    ['our link in their query', () => `https://evil.test/?t.toto-u.ac.jp/l/${code}`],
    ['an IDN homograph (Cyrillic о)', () => `https://t.t\u043eto-u.ac.jp/l/${code}`],
    ['the homograph as punycode', () => `https://${new URL('https://t.t\u043eto-u.ac.jp').hostname}/l/${code}`],
    ['http for https', () => `http://t.toto-u.ac.jp/l/${code}`],
    ['two trailing dots', () => `https://t.toto-u.ac.jp../l/${code}`],
    ['a full-width look-alike', () => `ｈｔｔｐｓ：／／ｔ．ｔｏｔｏ－ｕ．ａｃ．ｊｐ．ｅｖｉｌ．ｔｅｓｔ／ｌ／${code}`],
  ] as const) {
    test(`${what}: 「…のものではありません」, never 「はい」`, async () => {
      const r = await check(link());
      assert.equal(r.status, 200);
      assert.match(r.text, FOREIGN);
      assert.match(r.text, /東都大学 学生課 のリンクは必ず https:\/\/t\.toto-u\.ac\.jp\/l\/ で始まります/u);
      assert.doesNotMatch(r.text, /はい|送信したものです/u);
    });
  }

  test('the domain the link really leads to is shown, as the browser would write it', async () => {
    assert.match((await check(`https://t.toto-u.ac.jp.evil.test/l/${code}`)).text, /行き先のドメイン: t\.toto-u\.ac\.jp\.evil\.test/u);
    assert.match((await check(`https://t.t\u043eto-u.ac.jp/l/${code}`)).text, /行き先のドメイン: t\.xn--/u);
    // Behind credentials the text before @ is the disguise: no domain is shown at all.
    assert.doesNotMatch((await check(`https://t.toto-u.ac.jp@evil.test/l/${code}`)).text, /行き先/u);
  });

  test('the warning is the same whether the code exists or not', async () => {
    const real = await check(`https://evil.test/l/${code}`);
    const madeUp = await check('https://evil.test/l/ZZZZZZZZZZZ');
    assert.equal(real.box, madeUp.box);
  });

  test('look-alikes are not look-ups: pasting many spends no guessing budget', async () => {
    const v = new Visitor(t.url);
    const page = await v.get('/verify');
    // Made-up codes: were they looked up, 35 misses would spend the budget of 30 and block the address.
    for (let i = 0; i < 35; i++) assert.match(textOf((await v.post('/verify', page, { q: `https://evil.test/l/ZZZZZZZZZ${String(i).padStart(2, '0')}` })).html), FOREIGN);
    const ours = await v.post('/verify', page, { q: `https://t.toto-u.ac.jp/l/${code}` });
    assert.equal(ours.status, 200);
    assert.match(textOf(ours.html), YES());
  });

  test('in English', async () => {
    const r = await check(`https://t.toto-u.ac.jp.evil.test/l/${code}`, 'en');
    assert.match(r.text, /This link does not belong to Toto University\. Do not open it/u);
    assert.doesNotMatch(r.text, /Yes,/u);
  });
});

describe('our own link, however it is written', () => {
  for (const [what, link] of [
    ['as sent', () => `https://t.toto-u.ac.jp/l/${code}`],
    ['upper case', () => `HTTPS://T.TOTO-U.AC.JP/l/${code}`],
    ['one trailing dot', () => `https://t.toto-u.ac.jp./l/${code}`],
    ['in full width', () => `ｈｔｔｐｓ：／／ｔ．ｔｏｔｏ－ｕ．ａｃ．ｊｐ／ｌ／${code}`],
    ['without the scheme', () => `t.toto-u.ac.jp/l/${code}`],
    ['on the listed old domain', () => `${OLD}/${code}`],
  ] as const) {
    test(`${what}: yes, sent on that day`, async () => {
      const r = await check(link());
      assert.match(r.text, YES());
      assert.doesNotMatch(r.text, /のものではありません|本物のリンクのドメイン/u);
      assert.doesNotMatch(r.box, /山田|090|3333/u);
    });
  }

  test('a bare code is looked up, and the answer names the domain the genuine link uses', async () => {
    const r = await check(code);
    assert.match(r.text, YES());
    assert.match(r.text, /本物のリンクのドメインは t\.toto-u\.ac\.jp です/u);
    const en = await check(code, 'en');
    assert.match(en.text, /The genuine link uses the domain t\.toto-u\.ac\.jp/u);
  });
});

describe('the official link bases setting', () => {
  test('is kept and shown by the API', async () => {
    const got = await t.api('GET', '/organisation');
    assert.deepEqual(got.body.officialLinkBases, [OLD]);
  });

  test('only https bases without credentials, query or fragment are accepted', async () => {
    for (const bad of ['http://old.toto-u.example', 'https://user@old.toto-u.example', 'https://old.toto-u.example/?x=1', 'old.toto-u.example']) {
      const r = await t.api('PUT', '/organisation', { ...TOTO_UNIVERSITY, officialLinkBases: [bad] });
      assert.equal(r.status, 400, bad);
    }
    assert.deepEqual((await t.api('GET', '/organisation')).body.officialLinkBases, [OLD]);
  });
});
