import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkRows, missingColumns, parseTemplate, renderTemplate } from '../../src/core/template.ts';
import type { Filter } from '../../src/core/template.ts';
import { TodokuError } from '../../src/core/errors.ts';

function render(source: string, values: Record<string, string | undefined>): string {
  const result = renderTemplate(parseTemplate(source), values);
  assert.ok(result.ok, JSON.stringify(result));
  return result.text;
}

function syntaxError(source: string): TodokuError {
  try {
    parseTemplate(source);
  } catch (e) {
    assert.ok(e instanceof TodokuError);
    assert.equal(e.code, 'TODOKU_E_TEMPLATE_SYNTAX');
    return e;
  }
  assert.fail(`expected a syntax error for ${JSON.stringify(source)}`);
}

describe('parseTemplate', () => {
  test('Japanese field names, in order of first use, each once', () => {
    const t = parseTemplate('{{氏名}}様 学籍番号{{学籍番号}}の{{氏名}}様');
    assert.deepEqual(t.fields, ['氏名', '学籍番号']);
    assert.equal(t.source, '{{氏名}}様 学籍番号{{学籍番号}}の{{氏名}}様');
  });

  test('spaces inside braces are allowed around the name and the filter', () => {
    const t = parseTemplate('{{ 金額 | yen }}{{  name}}{{due_date |date}}');
    assert.deepEqual(t.parts, [
      { kind: 'field', field: '金額', filter: 'yen', position: 0 },
      { kind: 'field', field: 'name', filter: undefined, position: 14 },
      { kind: 'field', field: 'due_date', filter: 'date', position: 24 },
    ]);
  });

  test('ASCII names with digits and underscores, and katakana with a long-vowel mark', () => {
    assert.deepEqual(parseTemplate('{{amount_2}} {{ユーザー名}}').fields, ['amount_2', 'ユーザー名']);
  });

  test('text without fields is one text part; empty text has none', () => {
    assert.deepEqual(parseTemplate('お知らせ').parts, [{ kind: 'text', text: 'お知らせ' }]);
    assert.deepEqual(parseTemplate('').parts, []);
  });

  test('single braces and a stray }} are literal text', () => {
    const t = parseTemplate('{a} } { x}} {{name}}');
    assert.deepEqual(t.fields, ['name']);
    assert.equal(render('{a} } { x}} {{name}}', { name: '山田' }), '{a} } { x}} 山田');
  });

  test('an unclosed {{ is an error with its line and column', () => {
    const e = syntaxError('ご請求額\n金額 {{金額|yen');
    assert.deepEqual(e.details, { position: 8, line: 2, column: 4 });
    assert.match(e.ja, /2行4文字目/);
    assert.match(e.message, /line 2, column 4/);
  });

  const errors: [string, string][] = [
    ['{{name', 'no closing braces at all'],
    ['{{name} さん', 'a single closing brace'],
    ['{{name} {{x}}', 'a single closing brace before another field'],
    ['{{{name}}}', 'triple braces'],
    ['{{na\nme}}', 'a newline inside'],
    ['{{}}', 'no name'],
    ['{{   }}', 'only spaces'],
    ['{{first name}}', 'a space inside the name'],
    ['{{name-kana}}', 'a hyphen in the name'],
    ['{{name|upper}}', 'unknown filter'],
    ['{{name|}}', 'empty filter'],
    ['{{amount|yen|number}}', 'two filters'],
    ['{{amount|YEN}}', 'filters are lower-case'],
  ];
  for (const [source, story] of errors) {
    test(`${story}: ${JSON.stringify(source)} is a syntax error`, () => {
      syntaxError(source);
    });
  }

  test('an unknown filter is named with the filters that exist', () => {
    const e = syntaxError('こんにちは {{name|upper}}');
    assert.match(e.ja, /不明なフィルタ「upper」/);
    assert.match(e.message, /yen, date, date_en, number/);
    assert.deepEqual(e.details, { position: 6, line: 1, column: 7 });
  });
});

describe('renderTemplate', () => {
  test('a collections notice in Japanese', () => {
    const text = render('{{氏名}}様 授業料{{金額|yen}}が未納です。期限{{支払期限|date}} {{url}}', {
      氏名: '山田太郎',
      金額: '535800',
      支払期限: '2026/12/1',
      url: 'https://tdk.example/a/Xy7k',
    });
    assert.equal(text, '山田太郎様 授業料¥535,800が未納です。期限2026年12月1日 https://tdk.example/a/Xy7k');
  });

  test('adjacent fields join with nothing between them', () => {
    assert.equal(render('{{姓}}{{名}}', { 姓: '山田', 名: '太郎' }), '山田太郎');
  });

  test('values are inserted trimmed and as plain text', () => {
    assert.equal(render('[{{name}}]', { name: '  <b>O\'Brien & 子</b>\u3000' }), "[<b>O'Brien & 子</b>]");
  });

  test('a missing value, an empty value and an invalid value are each reported once', () => {
    const result = renderTemplate(parseTemplate('{{氏名}}{{氏名}} {{金額|yen}} {{期限|date}}'), { 金額: ' ', 期限: '2026-13-01' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.problems.map(({ field, reason }) => ({ field, reason })),
      [
        { field: '氏名', reason: 'missing' },
        { field: '金額', reason: 'empty' },
        { field: '期限', reason: 'invalid' },
      ],
    );
    assert.match(result.problems[2]?.message.ja ?? '', /日付として読めません/);
    assert.match(result.problems[0]?.message.en ?? '', /氏名/);
  });

  test('an amount that is not a number is invalid for that row', () => {
    const result = renderTemplate(parseTemplate('{{金額|yen}}'), { 金額: '未定' });
    assert.ok(!result.ok && result.problems[0]?.reason === 'invalid');
    assert.ok(!result.ok && result.problems[0]?.message.ja.includes('金額として読めません'));
  });

  test('{{url}} must be given like any other field', () => {
    const result = renderTemplate(parseTemplate('詳細 {{url}}'), {});
    assert.ok(!result.ok && result.problems[0]?.field === 'url');
  });

  test('a field named like an Object method is still missing', () => {
    const result = renderTemplate(parseTemplate('{{constructor}}{{toString}}'), {});
    assert.ok(!result.ok && result.problems.length === 2);
  });

  test('the same field may be used with and without a filter', () => {
    assert.equal(render('{{amount}} = {{amount|yen}}', { amount: '1200' }), '1200 = ¥1,200');
  });
});

function filtered(filter: Filter, value: string): string | undefined {
  const result = renderTemplate(parseTemplate(`{{v|${filter}}}`), { v: value });
  return result.ok ? result.text : undefined;
}

describe('filters', () => {
  const cases: [Filter, string, string | undefined][] = [
    ['yen', '12345', '¥12,345'],
    ['yen', '12,345', '¥12,345'],
    ['yen', '１２３４５', '¥12,345'],
    ['yen', '１２，３４５', '¥12,345'],
    ['yen', '¥12,345', '¥12,345'],
    ['yen', '￥12,345', '¥12,345'],
    ['yen', '\\12,345', '¥12,345'], // Shift_JIS shows a backslash as the yen sign
    ['yen', '12345円', '¥12,345'],
    ['yen', '12,345 円', '¥12,345'],
    ['yen', '0', '¥0'],
    ['yen', '-0', '¥0'],
    ['yen', '000120', '¥120'],
    ['yen', '999', '¥999'],
    ['yen', '1000', '¥1,000'],
    ['yen', '1234567890123456789', '¥1,234,567,890,123,456,789'],
    ['yen', '-5000', '-¥5,000'],
    ['yen', '−5,000', '-¥5,000'],
    ['yen', '－５０００', '-¥5,000'],
    ['yen', '¥-5,000', '-¥5,000'],
    ['yen', '▲5,000', '-¥5,000'],
    ['yen', '12345.00', '¥12,345'],
    ['yen', '12345.5', undefined],
    ['yen', '12,34', undefined],
    ['yen', '1,2345', undefined],
    ['yen', 'abc', undefined],
    ['yen', '12a', undefined],
    ['yen', '1e5', undefined],
    ['yen', '--5', undefined],
    ['yen', '-¥-5', undefined],
    ['yen', '¥', undefined],
    ['number', '12345', '12,345'],
    ['number', '1234.50', '1,234.5'],
    ['number', '-42', '-42'],
    ['number', '３', '3'],
    ['number', 'twelve', undefined],
    ['date', '2026-12-01', '2026年12月1日'],
    ['date', '2026/12/1', '2026年12月1日'],
    ['date', '2026/12/01', '2026年12月1日'],
    ['date', '2026.12.1', '2026年12月1日'],
    ['date', '20261201', '2026年12月1日'],
    ['date', '2026年12月1日', '2026年12月1日'],
    ['date', '2026年 12月 1日', '2026年12月1日'],
    ['date', '２０２６年１２月１日', '2026年12月1日'],
    ['date', '２０２６／１２／０１', '2026年12月1日'],
    ['date', '2026/12/1 0:00', '2026年12月1日'], // how Excel writes a date cell to CSV
    ['date', '2026-12-01T00:00:00', '2026年12月1日'],
    ['date', '2026年12月1日(火)', '2026年12月1日'],
    ['date', '2026/12/1（火）', '2026年12月1日'],
    ['date', '2028-02-29', '2028年2月29日'],
    ['date', '2026年12月1日(水)', undefined], // 1 December 2026 is a Tuesday
    ['date', '2026-02-29', undefined],
    ['date', '2026-13-01', undefined],
    ['date', '2026-04-31', undefined],
    ['date', '2026-00-10', undefined],
    ['date', '2026/12-01', undefined],
    ['date', '2026121', undefined],
    ['date', '12/1/2026', undefined],
    ['date', '来週', undefined],
    ['date_en', '2026-12-01', 'December 1, 2026'],
    ['date_en', '2026年1月31日', 'January 31, 2026'],
    ['date_en', '20260505', 'May 5, 2026'],
    ['date_en', '2026-02-30', undefined],
  ];
  for (const [filter, value, expected] of cases) {
    test(`${filter}: ${JSON.stringify(value)} → ${expected === undefined ? 'invalid' : expected}`, () => {
      assert.equal(filtered(filter, value), expected);
    });
  }
});

describe('checkRows', () => {
  const t = parseTemplate('{{氏名}}様 {{金額|yen}} {{url}}');

  test('3 rows missing a column list those 3 line numbers', () => {
    const rows = [
      { line: 2, values: { 氏名: '山田', 金額: '1000' } },
      { line: 3, values: { 金額: '1000' } },
      { line: 4, values: { 氏名: '佐藤', 金額: '2000' } },
      { line: 5, values: { 金額: '3000' } },
      { line: 6, values: { 金額: '4000' } },
    ];
    assert.deepEqual(checkRows(t, rows), {
      problems: [
        { line: 3, field: '氏名', reason: 'missing' },
        { line: 5, field: '氏名', reason: 'missing' },
        { line: 6, field: '氏名', reason: 'missing' },
      ],
      rowsWithProblems: 3,
    });
  });

  test('url is not checked, because it is issued when the message is created', () => {
    assert.deepEqual(checkRows(t, [{ line: 2, values: { 氏名: '山田', 金額: '1' } }]), { problems: [], rowsWithProblems: 0 });
  });

  test('a row can have several problems but counts once', () => {
    const result = checkRows(t, [{ line: 7, values: { 氏名: ' ', 金額: 'x' } }]);
    assert.deepEqual(result, {
      problems: [
        { line: 7, field: '氏名', reason: 'empty' },
        { line: 7, field: '金額', reason: 'invalid' },
      ],
      rowsWithProblems: 1,
    });
  });

  test('the list stops at maxListed but every bad row is counted', () => {
    function* rows() {
      for (let line = 2; line < 10_002; line += 1) yield { line, values: { 金額: '1' } };
    }
    const result = checkRows(t, rows(), 5);
    assert.equal(result.problems.length, 5);
    assert.deepEqual(result.problems.map((p) => p.line), [2, 3, 4, 5, 6]);
    assert.equal(result.rowsWithProblems, 10_000);
  });
});

describe('missingColumns', () => {
  const t = parseTemplate('{{氏名}} {{学籍番号}} {{金額|yen}} {{url}}');
  test('lists the fields the list does not have, in template order', () => {
    assert.deepEqual(missingColumns(t, ['金額', '電話番号']), ['氏名', '学籍番号']);
  });
  test('url is always available', () => {
    assert.deepEqual(missingColumns(t, ['氏名', '学籍番号', '金額']), []);
  });
});
