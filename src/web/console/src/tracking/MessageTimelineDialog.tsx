// One message's timeline: queued, submitted (route, parts), delivered or why not (carrier error code),
// opened (browser), identity checked, downloaded, answered, paid, replied — with exact times.
import { get } from '../api/client.ts';
import { DEBTOR_ACTION_KIND_LABELS, DEBTOR_ACTION_STATE_LABELS, INTENT_LABELS, MESSAGE_STATE_LABELS } from '../../../../core/labels.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { useSession } from '../session.tsx';
import { dateTime, phone, yen } from '../ui/format.ts';
import { carrierErrorMeaning, carrierErrorText } from '../../../../core/carrier-errors.ts';
import { isWaitCode, waitingWords, type WaitingCampaign } from '../../../../core/waiting-words.ts';
import { MarkPaidForm } from './MarkPaidForm.tsx';

type I18n = ReturnType<typeof useI18n>;

function detailText(
  e: { kind: string; at: string },
  d: Record<string, string | number | boolean | null>,
  campaign: WaitingCampaign,
  { t, label, lang }: Pick<I18n, 't' | 'label' | 'lang'>,
): string {
  const kind = e.kind;
  // A policy wait in words with the time it goes (the event's time), never its code.
  if (kind === 'waiting' && isWaitCode(String(d.errorCode))) return waitingWords(d.errorCode as Parameters<typeof waitingWords>[0], Date.parse(e.at), campaign)[lang];
  const parts: string[] = [];
  if (d.route) parts.push(`${t('timeline.route')}: ${d.route}`);
  if (typeof d.parts === 'number') parts.push(t('template.parts', { n: d.parts }));
  if (typeof d.attempts === 'number' && d.attempts > 1) parts.push(t('timeline.attempts', { n: d.attempts }));
  if (d.carrierState) parts.push(`${t('timeline.carrier')}: ${d.carrierState}`);
  if (d.errorCode) parts.push(`${t('timeline.errorCode')}: ${carrierErrorText(String(d.errorCode), lang)}`);
  // The carrier's own reason only when the code has no meaning of ours (it repeats it otherwise).
  if (d.errorReason && !carrierErrorMeaning(d.errorCode ? String(d.errorCode) : null)) parts.push(String(d.errorReason));
  if (d.browser || d.os) parts.push([d.browser, d.os].filter(Boolean).join(' / '));
  if (typeof d.amount === 'number') parts.push(yen(d.amount, lang));
  if (d.intent) parts.push(`${t('inbox.intent')}: ${label(INTENT_LABELS, String(d.intent))}`);
  if (d.optOut === true) parts.push(t('inbox.optedOut'));
  if (kind === 'follow_up' && d.kind) parts.push(t(`followUp.${d.kind}` as Key));
  if (kind === 'follow_up' && d.state) parts.push(label(MESSAGE_STATE_LABELS, String(d.state)));
  // Self-service: what the person asked for on their page, and how it closed.
  if (d.request) parts.unshift(label(DEBTOR_ACTION_KIND_LABELS, String(d.request)));
  if (d.promisedDate) parts.push(t('requests.promisedDate', { date: String(d.promisedDate) }));
  if (kind === 'self_service_closed' && d.state) parts.push(label(DEBTOR_ACTION_STATE_LABELS, String(d.state)));
  return parts.join(' · ');
}

export function MessageTimelineDialog({ campaign, messageId, onClose }: { campaign: WaitingCampaign & { id: number }; messageId: number; onClose(): void }) {
  const campaignId = campaign.id;
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { can } = useSession();
  const loaded = useLoad(() => get('/api/v1/campaigns/{campaign}/messages/{id}/timeline', { params: { path: { campaign: String(campaignId), id: messageId } } }), [campaignId, messageId]);
  const m = loaded.data?.message;
  return (
    <Dialog
      open
      wide
      title={m ? t('timeline.title', { line: m.line ?? '—' }) : t('common.loading')}
      onClose={onClose}
      actions={
        <>
          {/* The 記録証明書: operators only (it names the person and reveals the text); once the message met a carrier. */}
          {m && can('operator') && m.state !== 'queued' && m.state !== 'submitting' && (
            <a className="button" href={`/api/v1/messages/${messageId}/certificate.pdf`} download title={t('timeline.certificateHint')}>
              {t('timeline.certificate')}
            </a>
          )}
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </>
      }
    >
      <ErrorMessage error={loaded.error} />
      {m && (
        <>
          <p>
            {m.name ?? '—'} · {phone(m.to)} · <StateBadge of="message" state={m.state} />
          </p>
          {m.text && <p className="bubble">{m.text}</p>}
          <ol className="timeline">
            {loaded.data!.events.map((e, i) => (
              <li key={i} className={`ev ev-${e.kind}`}>
                <time dateTime={e.at}>{dateTime(e.at, lang, { seconds: true })}</time>
                <strong>{t(`event.${e.kind}` as Key)}</strong>
                <span className="muted small">{detailText(e, e.detail, campaign, i18n)}</span>
                {e.text && <q className="reply-text">{e.text}</q>}
              </li>
            ))}
          </ol>
          {/* 支払済みにする: operators, on the campaign's own message (the one that holds the person's payment). */}
          {can('operator') && m.kind === 'campaign' && <MarkPaidForm messageId={messageId} onMarked={() => void loaded.reload()} />}
        </>
      )}
    </Dialog>
  );
}
