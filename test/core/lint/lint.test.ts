import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { LINT_RULES, hasBlockingFinding, lintTemplate } from '../../../src/core/lint/lint.ts';
import { RULE_IDS } from '../../../src/core/lint/types.ts';
import type { LintContext } from '../../../src/core/lint/types.ts';

const UNIVERSITY: LintContext = { senderNames: ['○○大学'], linkDomain: 'todoku.example.jp', noticeKind: 'first' };
const LENDER: LintContext = { senderNames: ['Example Credit', 'EXC'], linkDomain: 'todoku.example.jp', noticeKind: 'first' };

describe('calm official notices produce no finding', () => {
  const calm: { name: string; source: string; ctx: LintContext }[] = [
    {
      name: 'a university’s first notice in Japanese',
      source: '【○○大学】{{name}}様\n学費のお支払いについてのお知らせです。本人確認のうえ、下記よりご確認ください。\n{{url}}\nお問い合わせ: 学費課 03-1234-5678',
      ctx: UNIVERSITY,
    },
    {
      name: 'a reminder with the due date and a firmer tone',
      source: '【○○大学】{{氏名}}様 お支払期限（{{due_date|date}}）を過ぎています。至急ご確認ください。{{url}}',
      ctx: { ...UNIVERSITY, noticeKind: 'reminder' },
    },
    {
      name: 'a lender’s first notice in English with the opt-out',
      source: 'Example Credit: Hi {{name}}, a message about your account is ready. View it securely at {{url}}. Reply STOP to opt out.',
      ctx: LENDER,
    },
    {
      name: 'a final notice may speak of legal steps',
      source: '【○○大学】{{name}}様 再三のご案内にもかかわらずお支払いが確認できないため、法的手続きを検討しております。{{url}}',
      ctx: { ...UNIVERSITY, noticeKind: 'final' },
    },
  ];
  for (const row of calm) {
    test(row.name, () => {
      assert.deepEqual(lintTemplate(row.source, row.ctx), []);
    });
  }
});

describe('findings', () => {
  const smishy = '今すぐ支払え！！！ 法的措置をとります https://bit.ly/xyz PAY NOW';

  test('come in rule order, then position, each with a Japanese and an English reason and suggestion', () => {
    const findings = lintTemplate(smishy, UNIVERSITY);
    assert.deepEqual(findings.map((f) => f.rule), [
      'no_sender_name', 'legal_threat_first_notice', 'urgency_pressure', 'foreign_link', 'shouting', 'shouting',
    ]);
    assert.deepEqual(findings.map((f) => f.span && smishy.slice(f.span.start, f.span.end)), [
      undefined, '法的措置', '今すぐ', 'https://bit.ly/xyz', 'PAY NOW', '！',
    ]);
  });

  test('are warnings unless the administrator made the rule blocking', () => {
    const warnings = lintTemplate(smishy, UNIVERSITY);
    assert.ok(warnings.every((f) => f.severity === 'warning'));
    assert.equal(hasBlockingFinding(warnings), false);

    const findings = lintTemplate(smishy, { ...UNIVERSITY, blocking: ['legal_threat_first_notice', 'foreign_link'] });
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [
      ['no_sender_name', 'warning'],
      ['legal_threat_first_notice', 'block'],
      ['urgency_pressure', 'warning'],
      ['foreign_link', 'block'],
      ['shouting', 'warning'],
      ['shouting', 'warning'],
    ]);
    assert.equal(hasBlockingFinding(findings), true);
  });

  test('a blocking rule with nothing to find blocks nothing', () => {
    const findings = lintTemplate('【○○大学】お知らせです。{{url}}', { ...UNIVERSITY, blocking: [...RULE_IDS] });
    assert.deepEqual(findings, []);
  });

  test('a template still being typed (unclosed braces) is linted without throwing', () => {
    const findings = lintTemplate('【○○大学】{{name 様 法的措置 {{', UNIVERSITY);
    assert.deepEqual(findings.map((f) => f.rule), ['legal_threat_first_notice']);
  });

  test('every rule has a bilingual title for the settings screen', () => {
    assert.deepEqual(LINT_RULES.map((r) => r.id).sort(), [...RULE_IDS].sort());
    for (const rule of LINT_RULES) assert.ok(rule.title.ja && rule.title.en, rule.id);
  });
});
