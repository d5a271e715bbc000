// The demo's recipient list: a small CSV with Japanese headers, fictional people and numbers
// (090-1000-0001, 090-1000-0002 …), an amount, a due date two weeks ahead and a birth date (the
// answer to the demo page's identity check); and that page: a notice, the check, a one-question
// survey. Made in memory.

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '由美', '翔太', 'さくら', '大輔', '愛'];

export const DEMO_TEMPLATE = '{{name}}様 未払いの{{amount|yen}}について、{{due_date|date}}までにお支払いください。詳細: {{url}}';
export const DEMO_MAX = 9999;

function isoDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Row i's birth date (1960–1999, a valid day in every month): what its identity check asks. */
export function demoBirthDate(i: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${1960 + ((i * 7) % 40)}-${two(1 + ((i * 5) % 12))}-${two(1 + ((i * 11) % 28))}`;
}

/** `count` rows (at most DEMO_MAX, so the numbers stay in 090-1000-xxxx), UTF-8, CRLF as Excel writes. */
export function demoCsv(count: number, today: Date): string {
  const due = isoDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 14));
  const lines = ['氏名,携帯電話番号,請求金額,支払期限,生年月日'];
  for (let i = 1; i <= count; i++) {
    const name = `${FAMILY[(i - 1) % FAMILY.length]} ${GIVEN[Math.floor((i - 1) / FAMILY.length + i - 1) % GIVEN.length]}`;
    const phone = `090-1000-${String(i).padStart(4, '0')}`;
    const amount = 5000 + ((i * 3700) % 95000);
    lines.push(`${name},${phone},${amount},${due},${demoBirthDate(i)}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** How long the demo's links open their page. */
const DEMO_PAGE_DAYS = 30;

/** The demo's recipient page (PUT /campaigns/:c/landing): identity check by birth date, then the notice. */
export function demoLanding(now: Date) {
  return {
    verification: { method: 'birth_date' as const },
    expiresAt: new Date(now.getTime() + DEMO_PAGE_DAYS * 86_400_000).toISOString(),
    notice: [
      '## お支払いのお願い（デモ）',
      '',
      '{{name}} 様',
      '',
      'ご請求金額 **{{amount|yen}}** のお支払い期限は **{{due_date|date}}** です。',
      '期限までにお支払いください。',
      '',
      'これはTodokuのデモです。実在の人物・請求ではありません。',
    ].join('\n'),
    noticeEn: [
      '## Payment request (demo)',
      '',
      'Dear {{name}},',
      '',
      'The amount of **{{amount|yen}}** is due on **{{due_date|date_en}}**.',
      '',
      'This is a Todoku demo: no real person, no real bill.',
    ].join('\n'),
    contact: { name: 'デモ窓口', phone: '03-0000-0000', hours: '平日 9:00〜17:00', hoursEn: 'weekdays 9:00–17:00' },
  };
}

/** The demo page's one-question survey (PUT /campaigns/:c/survey). */
export const DEMO_SURVEY = {
  title: 'お支払いの予定',
  title_en: 'Your payment plan',
  questions: [
    {
      id: 'plan',
      type: 'single' as const,
      label: 'お支払いの予定を教えてください',
      label_en: 'When do you plan to pay?',
      required: true,
      options: [
        { id: 'this_week', label: '今週中に支払う', label_en: 'this week' },
        { id: 'by_due', label: '期限までに支払う', label_en: 'by the due date' },
        { id: 'consult', label: '相談したい', label_en: 'I would like to talk' },
      ],
    },
  ],
};

/** demo-20260105-093000 */
export function demoName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `demo-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
}
