// title_en is English in every problem+json: every TodokuError's English text as written in src, the
// "not found" answers the routes build from 'ja / en' names, and a sample of real failures of the API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app.ts';
import { notFound } from '../../src/web/api/problem.ts';

const SRC = join(import.meta.dirname, '../../src');
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}\u3000-\u303f\uff01-\uff60]/u;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === join(SRC, 'web/console') || path === join(SRC, 'api-client') ? [] : sources(path);
    return /\.ts$/.test(e.name) ? [path] : [];
  });
}

/** The `en:` text of each `new TodokuError(` call, its ${…} parts removed (they are data, not wording). */
function englishTexts(file: string): { at: string; en: string }[] {
  const text = readFileSync(file, 'utf8');
  const out: { at: string; en: string }[] = [];
  for (const m of text.matchAll(/new TodokuError\(/g)) {
    const call = text.slice(m.index, m.index + 1200);
    const en = /\ben:\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/su.exec(call);
    if (!en) continue;
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ at: `${file.slice(SRC.length + 1)}:${line}`, en: en[2]!.replace(/\$\{[^}]*\}/gu, '') });
  }
  return out;
}

test('every TodokuError in src has its English text in English', () => {
  const all = sources(SRC).flatMap(englishTexts);
  assert.ok(all.length > 50, `found ${all.length} errors: the scan still sees them`);
  const japanese = all.filter((e) => JAPANESE.test(e.en)).map((e) => `${e.at}: ${e.en}`);
  assert.deepEqual(japanese, []);
});

test("'not found' named as 'ja / en' keeps each half in its language", () => {
  const cases: [string, string, string][] = [
    ['テンプレート 5 / template 5', 'テンプレート 5が見つかりません', 'template 5 not found'],
    ['キャンペーン「督促」/ campaign "dunning"', 'キャンペーン「督促」が見つかりません', 'campaign "dunning" not found'],
    ['アンケート / survey', 'アンケートが見つかりません', 'survey not found'],
    ['3行目のPDF / the PDF of line 3', '3行目のPDFが見つかりません', 'the PDF of line 3 not found'],
  ];
  for (const [what, ja, en] of cases) {
    const e = notFound(what);
    assert.deepEqual([e.ja, e.message], [ja, en], what);
  }
  const e = notFound({ ja: '配信', en: 'delivery' });
  assert.deepEqual([e.ja, e.message], ['配信が見つかりません', 'delivery not found']);
});

let t: TestApp;
before(async () => {
  t = await startTestApp('sqlite');
});
after(async () => t.stop());

test('a sample of real failures answers title_en without Japanese', async () => {
  const answers = [
    await t.api('GET', '/campaigns/4242'),
    await t.api('GET', '/templates/4242'),
    await t.api('DELETE', '/api-keys/4242'),
    await t.api('GET', '/routes/nowhere'),
    await t.api('GET', '/webhooks/4242'),
    await t.api('POST', '/campaigns', { name: 1 }),
    await t.api('GET', '/campaigns', undefined, { key: 'tdk_wrong' }),
    await t.api('GET', '/campaigns', undefined, { key: null }),
    await t.api('POST', '/webhooks', { url: 'http://example.jp/x', events: ['message.status'] }),
  ];
  for (const r of answers) {
    assert.match(r.headers.get('content-type') ?? '', /application\/problem\+json/u);
    assert.ok(r.body.title_en, JSON.stringify(r.body));
    assert.doesNotMatch(r.body.title_en, JAPANESE, JSON.stringify(r.body));
    assert.match(r.body.title, JAPANESE, 'the Japanese title stays Japanese');
  }
});
