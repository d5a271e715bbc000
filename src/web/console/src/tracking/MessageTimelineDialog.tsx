// One message's timeline: queued, submitted (route, parts), delivered or why not (carrier error code),
// opened (browser), identity checked, downloaded, answered, paid, replied — with exact times.
import { get } from '../api/client.ts';
import type { MessageTimeline } from '../api/types.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { dateTime, phone, yen } from '../ui/format.ts';

function detailText(kind: string, d: Record<string, string | number | boolean | null>, t: (k: Key, v?: Record<string, string | number>) => string, lang: 'ja' | 'en'): string {
  const parts: string[] = [];
  if (d.route) parts.push(`${t('timeline.route')}: ${d.route}`);
  if (typeof d.parts === 'number') parts.push(t('template.parts', { n: d.parts }));
  if (typeof d.attempts === 'number' && d.attempts > 1) parts.push(t('timeline.attempts', { n: d.attempts }));
  if (d.carrierState) parts.push(`${t('timeline.carrier')}: ${d.carrierState}`);
  if (d.errorCode) parts.push(`${t('timeline.errorCode')}: ${d.errorCode}`);
  if (d.errorReason) parts.push(String(d.errorReason));
  if (d.browser || d.os) parts.push([d.browser, d.os].filter(Boolean).join(' / '));
  if (typeof d.amount === 'number') parts.push(yen(d.amount, lang));
  if (d.intent) parts.push(`${t('inbox.intent')}: ${t(`intent.${d.intent}` as Key)}`);
  if (d.optOut === true) parts.push(t('inbox.optedOut'));
  if (kind === 'follow_up' && d.kind) parts.push(t(`followUp.${d.kind}` as Key));
  if (kind === 'follow_up' && d.state) parts.push(t(`state.${d.state}` as Key));
  return parts.join(' · ');
}

export function MessageTimelineDialog({ campaignId, messageId, onClose }: { campaignId: number; messageId: number; onClose(): void }) {
  const { t, lang } = useI18n();
  const loaded = useLoad(() => get<MessageTimeline>(`/campaigns/${campaignId}/messages/${messageId}/timeline`), [campaignId, messageId]);
  const m = loaded.data?.message;
  return (
    <Dialog
      open
      wide
      title={m ? t('timeline.title', { line: m.line ?? '—' }) : t('common.loading')}
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <ErrorMessage error={loaded.error} />
      {m && (
        <>
          <p>
            {m.name ?? '—'} · {phone(m.to)} · <StateBadge state={m.state} />
          </p>
          {m.text && <p className="bubble">{m.text}</p>}
          <ol className="timeline">
            {loaded.data!.events.map((e, i) => (
              <li key={i} className={`ev ev-${e.kind}`}>
                <time dateTime={e.at}>{dateTime(e.at, lang, { seconds: true })}</time>
                <strong>{t(`event.${e.kind}` as Key)}</strong>
                <span className="muted small">{detailText(e.kind, e.detail, t, lang)}</span>
                {e.text && <q className="reply-text">{e.text}</q>}
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  );
}
