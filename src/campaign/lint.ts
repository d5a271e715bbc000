// The wording lint as the campaign sees it: the organisation's names and link domain from its settings,
// the campaign's kind of notice, and the rules an administrator made blocking.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { hasBlockingFinding, lintTemplate } from '../core/lint/lint.ts';
import type { LintFinding, NoticeKind, RuleId } from '../core/lint/types.ts';
import { TodokuError } from '../core/errors.ts';

export interface LintSettings {
  blocking: readonly RuleId[];
  linkBase: () => string;
}

export async function lintForCampaign(store: Store, settings: LintSettings, campaign: Pick<Campaign, 'notice_kind'>, source: string): Promise<LintFinding[]> {
  const org = await store.landing.organisation();
  const routes = await store.routes.list();
  const shortNames = org ? (JSON.parse(org.short_names_json) as string[]) : [];
  const senderNames = [org?.name, org?.name_en, ...shortNames, ...routes.map((r) => r.sender)].filter((n): n is string => Boolean(n && n.trim()));
  const noticeKind = (['first', 'reminder', 'final'].includes(campaign.notice_kind ?? '') ? campaign.notice_kind : 'first') as NoticeKind;
  return lintTemplate(source, { senderNames, linkDomain: new URL(settings.linkBase()).hostname, noticeKind, blocking: settings.blocking });
}

export function blockingError(findings: readonly LintFinding[]): TodokuError | null {
  if (!hasBlockingFinding(findings)) return null;
  const blocked = findings.filter((f) => f.severity === 'block');
  return new TodokuError(
    'TODOKU_E_LINT_BLOCKED',
    {
      ja: `本文が送信禁止のルールに該当します: ${blocked.map((f) => f.message.ja).join(' / ')}`,
      en: `the text breaks a blocking rule: ${blocked.map((f) => f.message.en).join(' / ')}`,
    },
    { findings: blocked },
  );
}
