// Texts a collections office really sends must pass the wording check as they are; texts that read like
// smishing must warn. The organisation is 「さくら債権回収株式会社」 with the official short name
// 「さくら債権回収」 (issue 11 §4), and the README's own sample template is among the fair ones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lintTemplate } from '../../../src/core/lint/lint.ts';
import type { LintContext, RuleId } from '../../../src/core/lint/types.ts';
import { withoutLegalForm } from '../../../src/core/lint/rules/no-sender-name.ts';

const SAKURA: LintContext = { senderNames: ['さくら債権回収株式会社', 'Sakura Servicer Co., Ltd.', 'SAKURA'], linkDomain: 'todoku.example.jp', noticeKind: 'first' };
const WITH_SHORT_NAME: LintContext = { ...SAKURA, senderNames: ['株式会社さくらサービサー', 'さくら債権回収'] };

/** The `--template '…'` texts of the README's quick start. */
function readmeTemplates(): string[] {
  return [...readFileSync('README.md', 'utf8').matchAll(/--template '([^']+)'/g)].map((m) => m[1]!);
}

const FAIR: { text: string; ctx?: LintContext }[] = [
  { text: '【さくら債権回収】{{name}}様 {{amount|yen}}のお支払い期限は{{due_date|date}}です。ご不明点は03-1234-5678まで。' },
  { text: '【さくら債権回収】{{name}}様 ご契約のお支払いについてご案内があります。{{url}} お問い合わせ 03-1234-5678（平日9-17時）' },
  { text: '【さくら債権回収株式会社】{{name}}様 {{due_date|date}}期限のお支払い{{amount|yen}}が確認できておりません。行き違いの際はご容赦ください。{{url}}' },
  { text: 'さくら債権回収です。{{name}}様へのご連絡です。詳細は{{url}}をご覧ください。配信停止は「停止」とご返信ください。' },
  { text: '{{name}}様 お支払期限を過ぎています。至急ご確認ください。さくら債権回収 {{url}}', ctx: { ...SAKURA, noticeKind: 'reminder' } },
  { text: '{{name}}様 再三のご案内にもかかわらずご入金が確認できないため、法的手続きを検討しております。さくら債権回収 03-1234-5678', ctx: { ...SAKURA, noticeKind: 'final' } },
  { text: 'Sakura Servicer: Dear {{name}}, a payment of {{amount|yen}} is due on {{due_date|date_en}}. Details: {{url}}' },
  { text: '【さくら債権回収】{{name}}様 お支払い方法のご相談を承ります。{{url}}', ctx: WITH_SHORT_NAME },
];

const FOUL: { text: string; expect: RuleId; ctx?: LintContext }[] = [
  { text: '{{name}}様 未納の{{amount|yen}}を{{due_date|date}}までにお支払いください。さくら債権回収', expect: 'personal_data_in_body' },
  { text: '【重要】お客様の未払い料金があります。本日中にお支払いください。http://pay-check.example.com/a1', expect: 'no_sender_name' },
  { text: '{{name}}様 未納料金について法的措置に移行します。さくら債権回収 {{url}}', expect: 'legal_threat_first_notice' },
  { text: 'さくら債権回収より。{{name}}様 本日中にご連絡がない場合、勤務先に連絡します。{{url}}', expect: 'legal_threat_first_notice' },
  { text: 'さくら債権回収：{{name}}様 今すぐお支払いください。{{url}}', expect: 'urgency_pressure' },
  { text: 'さくら債権回収：{{name}}様 お支払いはこちら http://sakura-pay.example.net/login', expect: 'foreign_link' },
  { text: 'SAKURA: {{name}}, your account is suspended. Verify within 24 hours: bit.ly/3xYz', expect: 'urgency_pressure' },
  { text: 'FINAL NOTICE {{name}}: PAY NOW OR WE SUE. {{url}}', expect: 'no_sender_name' },
  { text: '未払いのため差し押さえの手続きを開始します。{{url}}', expect: 'legal_threat_first_notice' },
];

describe('fair collection texts pass, smishing-like ones warn', () => {
  for (const { text, ctx } of FAIR) {
    test(`passes: ${text.slice(0, 40)}`, () => {
      assert.deepEqual(lintTemplate(text, ctx ?? SAKURA).map((f) => `${f.rule}: ${f.message.en}`), []);
    });
  }
  for (const { text, expect, ctx } of FOUL) {
    test(`warns (${expect}): ${text.slice(0, 40)}`, () => {
      const rules = lintTemplate(text, ctx ?? SAKURA).map((f) => f.rule);
      assert.ok(rules.includes(expect), `expected ${expect}, got [${rules.join(', ')}]`);
    });
  }

  test("the README's own sample templates pass with the organisation named as the README's sample text signs", () => {
    const templates = readmeTemplates();
    assert.ok(templates.length >= 2, 'the README shows its sample templates');
    for (const t of templates) assert.deepEqual(lintTemplate(t, SAKURA), [], t);
  });

  test('a name counts without its legal form, and a registered short name counts as the name', () => {
    assert.equal(withoutLegalForm('さくら債権回収株式会社'), 'さくら債権回収');
    assert.equal(withoutLegalForm('（株）さくら'), 'さくら');
    assert.equal(withoutLegalForm('Sakura Servicer Co., Ltd.'), 'Sakura Servicer');
    assert.equal(withoutLegalForm('株式会社'), '株式会社');
    const text = '【さくら】{{name}}様 ご案内です。{{url}}';
    assert.ok(lintTemplate(text, WITH_SHORT_NAME).some((f) => f.rule === 'no_sender_name'), 'さくら alone is not the name');
    assert.deepEqual(lintTemplate(text, { ...WITH_SHORT_NAME, senderNames: [...WITH_SHORT_NAME.senderNames, 'さくら'] }), []);
  });
});
