// A realistic notice (督促状) of at least 10,830 characters: headings, a table of the recipient's own
// values, lists, and as many articles of terms as it takes, ending with a line tests look for.
export const NOTICE_END = '― 本通知は以上です ―';

const ARTICLE =
  '本学は、学則第四十二条の定めに基づき、所定の期日までに授業料が納付されない場合、督促の手続きを行うことがあります。' +
  '納付が困難な事情がある場合は、分納または延納の制度をご利用いただけますので、期限までに学生課へご相談ください。' +
  'なお、本通知と行き違いで既に納付済みの場合は、ご容赦くださいますようお願い申し上げます。';

export function longNotice(minCharacters = 10_830): string {
  let text = `# 授業料未納のお知らせ

{{name}} 様

平素より本学の教育活動にご理解とご協力を賜り、誠にありがとうございます。下記のとおり授業料が未納となっておりますので、お知らせいたします。

## ご請求内容

| 項目 | 内容 |
|---|---|
| 学籍番号 | {{学籍番号}} |
| 未納額 | {{amount|yen}} |
| お支払期限 | {{due_date|date}} |

## お支払い方法

1. このページの「お支払い」からクレジットカードでお支払いいただけます。
2. 請求書（PDF）をダウンロードし、記載の口座へお振り込みいただけます。
3. ご不明な点は、下記のお問い合わせ先までご連絡ください。

## 納付に関する規程
`;
  for (let n = 1; [...text].length < minCharacters; n++) text += `\n### 第${n}条\n\n${ARTICLE}\n`;
  return `${text}\n${NOTICE_END}\n`;
}
