import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { lintTemplate } from '../../../src/core/lint/lint.ts';
import type { LintContext, RuleId } from '../../../src/core/lint/types.ts';

const UNIVERSITY: LintContext = { senderNames: ['○○大学', '○○大学 学費課'], linkDomain: 'todoku.example.jp', noticeKind: 'first' };
const ENGLISH: LintContext = { senderNames: ['Example University', 'EXU'], linkDomain: 'todoku.example.jp', noticeKind: 'first' };

interface Row {
  name: string;
  source: string;
  ctx?: Partial<LintContext>;
  base?: LintContext;
  /** Each finding as rule and the source text its span covers ('' for a finding without a span). */
  expect: [RuleId, string][];
}

function run(rows: Row[]): void {
  for (const row of rows) {
    test(row.name, () => {
      const ctx = { ...(row.base ?? UNIVERSITY), ...row.ctx };
      const findings = lintTemplate(row.source, ctx);
      const got = findings.map((f): [RuleId, string] => [f.rule, f.span ? row.source.slice(f.span.start, f.span.end) : '']);
      assert.deepEqual(got, row.expect);
      for (const f of findings) {
        assert.equal(f.severity, 'warning');
        assert.ok(f.message.ja && f.message.en && f.suggestion.ja && f.suggestion.en, 'bilingual message and suggestion');
      }
    });
  }
}

describe('no_sender_name', () => {
  run([
    { name: 'a text that never says who sends it', source: '{{name}}様 お支払いについてのお知らせです。{{url}}', expect: [['no_sender_name', '']] },
    { name: 'an alias counts as the name', source: '○○大学 学費課です。お知らせがあります。{{url}}', expect: [] },
    { name: 'spacing and full width do not matter', source: '【○○　大学】お知らせがあります。{{url}}', expect: [] },
    { name: 'English: the organisation in Latin letters, any case', source: 'example university: a notice for you. {{url}}', base: ENGLISH, expect: [] },
    { name: 'English: missing', source: 'Hello {{name}}, a notice for you: {{url}}', base: ENGLISH, expect: [['no_sender_name', '']] },
    { name: 'a name written only inside a merge field does not count', source: '{{○○大学}} お知らせ {{url}}', expect: [['no_sender_name', '']] },
  ]);

  test('with no sender name set up, the finding says to register one', () => {
    const [f] = lintTemplate('お知らせです {{url}}', { ...UNIVERSITY, senderNames: [' '] });
    assert.equal(f?.rule, 'no_sender_name');
    assert.match(f?.message.ja ?? '', /設定されていない/);
  });

  test('the suggestion shows the organisation in 【】', () => {
    const [f] = lintTemplate('お知らせです {{url}}', UNIVERSITY);
    assert.match(f?.suggestion.ja ?? '', /【○○大学】/);
    assert.match(f?.suggestion.en ?? '', /【○○大学】/);
  });
});

describe('legal_threat_first_notice', () => {
  run([
    { name: '法的措置 in a first notice', source: '【○○大学】期限までにお支払いがない場合、法的措置をとります。{{url}}', expect: [['legal_threat_first_notice', '法的措置']] },
    { name: 'each word once, the longest: 差押え and 強制執行', source: '【○○大学】差押えおよび強制執行の手続きに入ります', expect: [['legal_threat_first_notice', '差押え'], ['legal_threat_first_notice', '強制執行']] },
    { name: '差し押さえ, 訴訟, 信用情報に登録', source: '【○○大学】訴訟・差し押さえ・信用情報に登録', expect: [['legal_threat_first_notice', '訴訟'], ['legal_threat_first_notice', '差し押さえ'], ['legal_threat_first_notice', '信用情報に登録']] },
    { name: 'contacting family is itself a pressure tactic', source: '【○○大学】ご連絡がない場合はご家族に連絡します', expect: [['legal_threat_first_notice', '家族に連絡']] },
    { name: 'not checked in a reminder', source: '【○○大学】法的措置を検討しています。{{url}}', ctx: { noticeKind: 'reminder' }, expect: [] },
    { name: 'not checked in a final notice', source: '【○○大学】裁判所へ支払督促を申し立てます。{{url}}', ctx: { noticeKind: 'final' }, expect: [] },
    { name: 'English: legal action and seize', source: '[Example University] Pay or we will take legal action and seize your assets. {{url}}', base: ENGLISH, expect: [['legal_threat_first_notice', 'legal action'], ['legal_threat_first_notice', 'seize']] },
    { name: 'English: any case and spacing', source: 'EXU: Legal   Action may follow. {{url}}', base: ENGLISH, expect: [['legal_threat_first_notice', 'Legal   Action']] },
    { name: 'English: whole words only ("issue" is not "sue", "courtesy" not "court")', source: 'EXU: a courtesy note about an issue with your account. {{url}}', base: ENGLISH, expect: [] },
  ]);
});

describe('urgency_pressure', () => {
  run([
    { name: '本日中 and 至急', source: '【○○大学】本日中に至急お支払いください。{{url}}', expect: [['urgency_pressure', '本日中'], ['urgency_pressure', '至急']] },
    { name: '大至急 once, not also 至急', source: '【○○大学】大至急ご確認ください', expect: [['urgency_pressure', '大至急']] },
    { name: '今すぐ / 直ちに', source: '【○○大学】今すぐ、直ちにご連絡を', expect: [['urgency_pressure', '今すぐ'], ['urgency_pressure', '直ちに']] },
    { name: 'English: immediately, act now', source: 'EXU: Act now and pay immediately. {{url}}', base: ENGLISH, expect: [['urgency_pressure', 'Act now'], ['urgency_pressure', 'immediately']] },
    { name: 'a reminder may be firmer', source: '【○○大学】本日中にお支払いください。{{url}}', ctx: { noticeKind: 'reminder' }, expect: [] },
    { name: 'an urgent notice may say 緊急', source: '【○○大学】緊急のお知らせ: 本日は休講です', expect: [] },
  ]);
});

describe('foreign_link', () => {
  run([
    { name: '{{url}} is ours', source: '【○○大学】詳細はこちら {{url}}', expect: [] },
    { name: 'our link domain and its subdomains are fine', source: '【○○大学】https://todoku.example.jp/a と https://pay.todoku.example.jp/b', expect: [] },
    { name: 'another domain', source: '【○○大学】こちらからお支払いください https://pay-univ.example.com/login', expect: [['foreign_link', 'https://pay-univ.example.com/login']] },
    { name: 'a look-alike ending in another domain', source: '【○○大学】https://todoku.example.jp.evil.example/x', expect: [['foreign_link', 'https://todoku.example.jp.evil.example/x']] },
    { name: 'a look-alike prefix', source: '【○○大学】https://eviltodoku.example.jp/x', expect: [['foreign_link', 'https://eviltodoku.example.jp/x']] },
    { name: 'a URL stops where Japanese text begins', source: '【○○大学】http://evil.example.comへアクセスしてください', expect: [['foreign_link', 'http://evil.example.com']] },
    { name: 'a full stop after a URL is not part of it', source: 'EXU: see https://evil.example.org/pay. Thanks', base: ENGLISH, expect: [['foreign_link', 'https://evil.example.org/pay']] },
    { name: 'bare domains as phones link them', source: '【○○大学】example.com/pay または www.example.net', expect: [['foreign_link', 'example.com/pay'], ['foreign_link', 'www.example.net']] },
    { name: 'a shortener', source: '【○○大学】bit.ly/3abcDEF からどうぞ', expect: [['foreign_link', 'bit.ly/3abcDEF']] },
    { name: 'full-width letters are still a link', source: '【○○大学】ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ．ｃｏｍ', expect: [['foreign_link', 'ｈｔｔｐｓ：／／ｅｖｉｌ．ｅｘａｍｐｌｅ．ｃｏｍ']] },
    { name: 'a host in Japanese letters', source: '【○○大学】https://例え.jp/pay', expect: [['foreign_link', 'https://例え.jp/pay']] },
    { name: 'an e-mail address and a file name are not links', source: '【○○大学】info@univ.ac.jp または manual.pdf をご覧ください', expect: [] },
    { name: 'the link domain written as a URL', source: '【○○大学】https://todoku.example.jp/x', ctx: { linkDomain: 'https://TODOKU.example.jp/' }, expect: [] },
  ]);

  test('a shortener says so; another domain names the link domain', () => {
    const [short] = lintTemplate('【○○大学】https://tinyurl.com/abc', UNIVERSITY);
    assert.match(short?.message.ja ?? '', /短縮URL（tinyurl\.com）/);
    const [other] = lintTemplate('【○○大学】https://www.example.com/x', UNIVERSITY);
    assert.match(other?.message.ja ?? '', /リンク用ドメイン（todoku\.example\.jp）以外へのリンク（www\.example\.com）/);
    assert.match(other?.message.en ?? '', /outside the link domain \(todoku\.example\.jp\)/);
  });

  test('with no link domain set up, every literal link is foreign but {{url}} is not', () => {
    const findings = lintTemplate('【○○大学】{{url}} https://todoku.example.jp/x', { ...UNIVERSITY, linkDomain: '' });
    assert.deepEqual(findings.map((f) => f.rule), ['foreign_link']);
  });
});

describe('personal_data_in_body', () => {
  run([
    { name: 'name, amount and 滞納 together', source: '【○○大学】{{name}}様 滞納額{{amount|yen}}があります。{{url}}', expect: [['personal_data_in_body', '{{name}}様 滞納額{{amount|yen}}']] },
    { name: 'Japanese column names count as the same fields', source: '【○○大学】{{氏名}}様の未納金は{{ 金額 | yen }}です', expect: [['personal_data_in_body', '{{氏名}}様の未納金は{{ 金額 | yen }}']] },
    { name: 'English: name, amount and overdue', source: 'EXU: {{name}}, your overdue balance is {{amount|yen}}. {{url}}', base: ENGLISH, expect: [['personal_data_in_body', '{{name}}, your overdue balance is {{amount|yen}}']] },
    { name: 'without the amount it is a notice, not a disclosure', source: '【○○大学】{{name}}様 未納のお知らせです。{{url}}', expect: [] },
    { name: 'without a debt word it is a bill', source: '【○○大学】{{name}}様 今月の学費は{{amount|yen}}です。{{url}}', expect: [] },
    { name: 'a debt word only in a column name does not count', source: '【○○大学】{{name}}様 {{滞納額|yen}}', expect: [] },
  ]);
});

describe('shouting', () => {
  run([
    { name: 'a capital word of six letters', source: 'EXU: URGENT payment notice. {{url}}', base: ENGLISH, expect: [['shouting', 'URGENT']] },
    { name: 'capital words run together', source: 'EXU: PAY NOW. {{url}}', base: ENGLISH, expect: [['shouting', 'PAY NOW']] },
    { name: 'familiar abbreviations are fine', source: 'EXU: use the ATM PIN or the URL in this SMS. Reply STOP to opt out, HELP for help.', base: ENGLISH, expect: [] },
    { name: "the organisation's own name in capitals is fine", source: 'EXAMPLE UNIVERSITY: a notice. {{url}}', base: ENGLISH, expect: [] },
    { name: 'full-width capitals', source: '【○○大学】ＵＲＧＥＮＴ', expect: [['shouting', 'ＵＲＧＥＮＴ']] },
    { name: 'capital words split by Japanese are two runs', source: '【○○大学】URGENT請求NOTICE', expect: [['shouting', 'URGENT'], ['shouting', 'NOTICE']] },
    { name: 'Japanese between capital words ends the run', source: '【○○大学】PAY 今 NOW', expect: [] },
    { name: 'merge fields written in capitals are not text', source: 'EXU: {{AMOUNT_DUE}} {{url}}', base: ENGLISH, expect: [] },
    { name: 'two exclamation marks are fine', source: '【○○大学】ご確認ください！ありがとうございます!', expect: [] },
    { name: 'a third exclamation mark is flagged, full width or not', source: '【○○大学】お支払いを！必ず!今月中に！', expect: [['shouting', '！']] },
  ]);

  test('the reason quotes the capitals as written', () => {
    const [f] = lintTemplate('【○○大学】ＵＲＧＥＮＴ', UNIVERSITY);
    assert.match(f?.message.ja ?? '', /「ＵＲＧＥＮＴ」/);
  });
});
