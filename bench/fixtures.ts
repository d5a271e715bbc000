// Generated benchmark inputs: a large CP932 CSV written in chunks (never held in memory whole).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';

const SURNAMES = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '翔太', '陽菜', '大輔', '結衣'];

export async function writeCp932Csv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    const buf = iconv.encode(s, 'CP932');
    bytes += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  await write('氏名,携帯電話番号,請求金額,支払期限,学籍番号,備考\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const prefix = ['090', '080', '070'][i % 3]!;
    const num = `1${String(i).padStart(7, "0")}`;
    const phone = i % 5 === 0 ? `${prefix}-${num.slice(0, 4)}-${num.slice(4)}` : `${prefix}${num}`;
    chunk += `${SURNAMES[i % 10]} ${GIVEN[i % 8]},${phone},${10000 + (i % 90000)},2026/12/${1 + (i % 28)},S${String(i).padStart(8, '0')},第${1 + (i % 4)}期分\r\n`;
    if (chunk.length > 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  out.end();
  await once(out, 'finish');
  return bytes;
}
