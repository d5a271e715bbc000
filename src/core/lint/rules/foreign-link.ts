// foreign_link: links are ours ({{url}}, issued per recipient on the link domain). Any other host is where
// smishing sends people, and a shortener hides where a link goes, so recipients cannot check it.
import type { Link } from '../links.ts';
import { hostOf } from '../links.ts';
import type { LintRule, RuleFinding } from '../types.ts';

export const URL_SHORTENERS: readonly string[] = [
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'v.gd', 'x.gd', 'buff.ly',
  'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc', 'rb.gy', 't.ly', 's.id', 'lnkd.in', 'amzn.to',
  'qr.paps.jp', 'urx.nu', 'urx2.nu', 'urx3.nu', 'onl.la', 'onl.sc', 'ux.nu', 'tinyurl.jp', 'bl.ink',
];
const SHORTENERS = new Set(URL_SHORTENERS);

/** The link domain as configured, whether written as a host or as a URL. */
export function linkDomainHost(linkDomain: string): string {
  return hostOf(linkDomain.trim());
}

function isOurs(host: string, ours: string): boolean {
  return ours !== '' && (host === ours || host.endsWith(`.${ours}`));
}

function finding(link: Link, ours: string): RuleFinding {
  const span = { start: link.start, end: link.end };
  const host = link.host.replace(/^www\./, '');
  if (SHORTENERS.has(host)) {
    return {
      span,
      message: {
        ja: `短縮URL（${host}）はリンク先が分からず、受け取った方が本物か確かめられません`,
        en: `A shortened link (${host}) hides where it leads, so the recipient cannot tell it is genuine`,
      },
      suggestion: {
        ja: '受信者ごとの短いリンク {{url}} を使ってください',
        en: "Use {{url}}, each recipient's own short link",
      },
    };
  }
  const where = link.host === '' ? link.url : link.host;
  const oursText = ours === '' ? { ja: '（リンク用ドメインが未設定）', en: ' (no link domain is set up)' } : { ja: `（${ours}）`, en: ` (${ours})` };
  return {
    span,
    message: {
      ja: `リンク用ドメイン${oursText.ja}以外へのリンク（${where}）があります。詐欺SMSと見分けにくくなります`,
      en: `A link to ${where}, outside the link domain${oursText.en}; it looks like smishing`,
    },
    suggestion: {
      ja: 'リンクは {{url}} だけにし、他の案内は本人確認後のページに載せてください',
      en: 'Keep {{url}} as the only link and put other information on the verified page',
    },
  };
}

export const foreignLink: LintRule = {
  id: 'foreign_link',
  title: { ja: '外部ドメイン・短縮URLへのリンク', en: 'Links to other domains or URL shorteners' },
  check(scan, ctx) {
    const ours = linkDomainHost(ctx.linkDomain);
    return scan.links.filter((l) => !isOurs(l.host, ours)).map((l) => finding(l, ours));
  },
};
