// The demo's recipient list: a small CSV with Japanese headers, fictional people and numbers
// (090-1000-0001, 090-1000-0002 …), an amount and a due date two weeks ahead. Made in memory.

const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '由美', '翔太', 'さくら', '大輔', '愛'];

export const DEMO_TEMPLATE = '{{name}}様 未払いの{{amount|yen}}について、{{due_date|date}}までにお支払いください。詳細: {{url}}';
export const DEMO_MAX = 9999;

function isoDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** `count` rows (at most DEMO_MAX, so the numbers stay in 090-1000-xxxx), UTF-8, CRLF as Excel writes. */
export function demoCsv(count: number, today: Date): string {
  const due = isoDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 14));
  const lines = ['氏名,携帯電話番号,請求金額,支払期限'];
  for (let i = 1; i <= count; i++) {
    const name = `${FAMILY[(i - 1) % FAMILY.length]} ${GIVEN[Math.floor((i - 1) / FAMILY.length + i - 1) % GIVEN.length]}`;
    const phone = `090-1000-${String(i).padStart(4, '0')}`;
    const amount = 5000 + ((i * 3700) % 95000);
    lines.push(`${name},${phone},${amount},${due}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** demo-20260105-093000 */
export function demoName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `demo-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
}
