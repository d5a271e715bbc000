// Above the figures: how many messages the contact policy holds back and, for the first to go, why and
// when — 「21:00〜8:00は送信しません。12月8日 8:00に送信します」 — never the stored code.
import { get, inCampaign } from '../api/client.ts';
import { waitingOf, type WaitingCampaign } from '../../../../core/waiting-words.ts';
import { useI18n } from '../i18n/index.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { num } from '../ui/format.ts';

export function WaitingNotice({ campaign, queued, refreshKey }: { campaign: WaitingCampaign & { id: number }; queued: number; refreshKey: string }) {
  const { lang } = useI18n();
  const page = useLoad(
    () => (queued > 0 ? get('/api/v1/campaigns/{campaign}/messages', { params: { ...inCampaign(campaign.id), query: { state: 'queued', limit: 1000 } } }) : Promise.resolve(undefined)),
    [campaign.id, queued > 0, refreshKey],
  );
  const waiting = (page.data?.messages ?? [])
    .map((m) => ({ at: m.nextAttemptAt ? Date.parse(m.nextAttemptAt) : Infinity, words: waitingOf(m, campaign) }))
    .filter((w) => w.words !== null)
    .sort((a, b) => a.at - b.at);
  if (waiting.length === 0) return null;
  const n = waiting.length;
  const count = lang === 'ja' ? `${num(n, lang)}件が送信を待っています` : `${num(n, lang)} ${n === 1 ? 'message waits' : 'messages wait'}`;
  return (
    <p className="notice" role="status" data-testid="waiting-notice">
      {count}: {waiting[0]!.words![lang]}
    </p>
  );
}
