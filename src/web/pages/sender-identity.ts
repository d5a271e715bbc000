// Who sends (issue 12, requirement 6), in the footer of every recipient page and on /verify: the
// organisation's legal name, address and registration numbers as its settings give them, its official
// sender numbers and the domain its links use, so a person can tell a genuine notice from an imitation
// and check one on /verify.
import type { Organisation } from '../../landing/organisation.ts';
import { hostOfBase } from '../../core/link-origin.ts';
import { html, type Html } from './html.ts';
import { pick, type Bilingual, type Lang } from './text.ts';

const WORDS = {
  title: { ja: '送信者の情報', en: 'About the sender' },
  sender: { ja: '送信者', en: 'Sender' },
  address: { ja: '所在地', en: 'Address' },
  registration: { ja: '登録番号など', en: 'Registrations' },
  senders: { ja: '公式の送信元番号', en: 'Official sender numbers' },
  domain: { ja: '公式リンクのドメイン', en: 'Official link domain' },
} satisfies Record<string, Bilingual>;

/** The legal name when one is set, else the name people know; the English name on English pages when there is no legal one. */
function senderName(org: Organisation, lang: Lang): string {
  if (org.legalName) return org.legalName;
  return lang === 'en' && org.nameEn ? org.nameEn : org.name;
}

export function senderIdentity(lang: Lang, org: Organisation): Html {
  const domains = [...new Set([org.linkBase, ...org.officialLinkBases].map(hostOfBase))];
  return html`<section class="sender-id" aria-labelledby="sender-id-h">
<h2 id="sender-id-h">${pick(lang, WORDS.title)}</h2>
<dl>
<dt>${pick(lang, WORDS.sender)}</dt><dd class="legal-name">${senderName(org, lang)}</dd>
${org.address ? html`<dt>${pick(lang, WORDS.address)}</dt><dd class="address">${org.address}</dd>` : null}
${org.registrationNumbers.length > 0 ? html`<dt>${pick(lang, WORDS.registration)}</dt>${org.registrationNumbers.map((n) => html`<dd class="registration">${n}</dd>`)}` : null}
<dt>${pick(lang, WORDS.senders)}</dt><dd class="official-senders">${org.officialSenders.join(lang === 'en' ? ', ' : '、')}</dd>
<dt>${pick(lang, WORDS.domain)}</dt><dd class="link-domain">${domains.join(lang === 'en' ? ', ' : '、')}</dd>
</dl>
</section>`;
}
