// The recipient page's frame is rendered once per organisation, language and title and the path and
// body spliced in: the bytes sent are exactly the page the layout renders, for either language, an
// organisation with every optional part, a path that needs escaping, and new settings (a new object).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameOf, page } from '../../src/web/pages/layout.ts';
import { toOrganisation, type Organisation } from '../../src/landing/organisation.ts';
import { html } from '../../src/web/pages/html.ts';
import type { OrganisationSettings } from '../../src/store/schema-landing.ts';

const defaults = { sender: 'TODOKU', linkBase: () => 'https://example.jp/l' };

function organisation(name: string): Organisation {
  const row = {
    id: 1,
    name,
    name_en: 'Toto University <Student Office>',
    logo_url: 'https://cdn.example.jp/logo.png?a=1&b=2',
    logo_type: null,
    logo_data: null,
    primary_colour: '#1d4f91',
    accent_colour: '#b3261e',
    contact_phone: '03-1234-5678',
    contact_hours: '平日 9:00〜17:00',
    contact_hours_en: 'Weekdays 9:00-17:00',
    official_senders_json: '["0120-000-111"]',
    link_base: 'https://tdk.example.jp/l',
    official_link_bases_json: '["https://old.example.jp/l"]',
    short_names_json: '[]',
    sample_message: null,
    updated_at: 1_800_000_000_000,
    legal_name: '学校法人 東都大学',
    address: '東京都千代田区 1-2-3',
    registration_numbers_json: '["債権回収会社 法務大臣許可番号 第999号"]',
    retention_days: null,
    approval_required: 0,
    test_numbers_json: '[]',
  } as unknown as OrganisationSettings;
  return toOrganisation(row, defaults);
}

const spliced = (lang: 'ja' | 'en', org: Organisation, title: string, path: string, body: string, escapedPath: string) => {
  const f = frameOf(lang, org, title);
  return Buffer.concat([f.head, Buffer.from(escapedPath), f.mid, Buffer.from(body), f.tail]).toString();
};

test('the frame around an escaped path and a body is the page the layout renders, in both languages', () => {
  const org = organisation('東都大学 "学生課" & 奨学金係');
  const body = html`<p>${'本文 <b>そのまま</b>'}</p>`;
  for (const lang of ['ja', 'en'] as const) {
    const title = lang === 'ja' ? '東都大学からのお知らせ' : 'A notice <for you>';
    const path = '/l/AbC123xyZ09/survey?x="1"&y=<2>';
    const expected = page({ lang, org, title, selfPath: path, body });
    assert.equal(spliced(lang, org, title, path, body.value, '/l/AbC123xyZ09/survey?x=&quot;1&quot;&amp;y=&lt;2&gt;'), expected);
    assert.equal(frameOf(lang, org, title), frameOf(lang, org, title), 'rendered once');
  }
});

test('new settings (a new organisation object) get a new frame', () => {
  const before = organisation('東都大学');
  const after = organisation('東都大学 学生課');
  const a = spliced('ja', before, 'お知らせ', '/l/x', '<p></p>', '/l/x');
  const b = spliced('ja', after, 'お知らせ', '/l/x', '<p></p>', '/l/x');
  assert.ok(a.includes('>東都大学<') && !a.includes('学生課'));
  assert.ok(b.includes('東都大学 学生課'));
  assert.equal(b, page({ lang: 'ja', org: after, title: 'お知らせ', selfPath: '/l/x', body: html`<p></p>` }));
});
