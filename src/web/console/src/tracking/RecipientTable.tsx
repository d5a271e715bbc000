// Every person of the campaign with their message's state and how far they got (opened, verified,
// downloaded, answered, paid, replied); searchable by name, number or any column (operators) or line,
// filterable by state; a row opens the message's timeline.
import { useEffect, useState, type FormEvent } from 'react';
import { get, inCampaign } from '../api/client.ts';
import type { ProgressRow } from '../api/schemas.ts';
import { MESSAGE_STATE_LABELS } from '../../../../core/labels.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { dateTime, phone } from '../ui/format.ts';
import { MessageTimelineDialog } from './MessageTimelineDialog.tsx';
import { carrierErrorText } from '../../../../core/carrier-errors.ts';
import { waitingOf, type WaitingCampaign } from '../../../../core/waiting-words.ts';

// The states a person's message can rest in (the passing ones — submitting, unconfirmed — are left out).
const STATES = ['queued', 'submitted', 'delivered', 'undeliverable', 'expired', 'rejected', 'failed', 'cancelled', 'unknown'] as const satisfies readonly (keyof typeof MESSAGE_STATE_LABELS)[];
type State = (typeof STATES)[number];
const STEPS: { key: keyof ProgressRow; label: Key }[] = [
  { key: 'openedAt', label: 'funnel.opened' },
  { key: 'verifiedAt', label: 'funnel.verified' },
  { key: 'downloadedAt', label: 'funnel.downloaded' },
  { key: 'answeredAt', label: 'funnel.answered' },
  { key: 'paidAt', label: 'funnel.paid' },
  { key: 'repliedAt', label: 'funnel.replied' },
];

export function RecipientTable({ campaign, refreshKey }: { campaign: WaitingCampaign & { id: number }; refreshKey: string }) {
  const campaignId = campaign.id;
  const { t, lang, label } = useI18n();
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState<{ q: string; state: State | '' }>({ q: '', state: '' });
  const [rows, setRows] = useState<ProgressRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<ProgressRow | null>(null);

  const load = async (after: number, append: boolean) => {
    setBusy(true);
    try {
      const r = await get('/api/v1/campaigns/{campaign}/recipients/progress', { params: { ...inCampaign(campaignId), query: { q: applied.q || undefined, state: applied.state || undefined, after, limit: 50 } } });
      setRows((old) => (append ? [...old, ...r.rows] : r.rows));
      setNext(r.next);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // The first page follows the live figures (refreshKey), a search or a filter.
  useEffect(() => {
    void load(0, false);
  }, [campaignId, applied, refreshKey]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setApplied((a) => ({ ...a, q: query.trim() }));
  };

  return (
    <section aria-labelledby="recipients-h" className="card">
      <h2 id="recipients-h">{t('table.title')}</h2>
      <form className="row wrap" onSubmit={search} role="search">
        <label className="grow">
          {t('table.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('table.searchPlaceholder')} />
        </label>
        <label>
          {t('table.state')}
          <select value={applied.state} onChange={(e) => setApplied((a) => ({ ...a, state: e.target.value as State | '' }))}>
            <option value="">{t('table.allStates')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {label(MESSAGE_STATE_LABELS, s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('table.searchButton')}</button>
      </form>
      <ErrorMessage error={error} />
      <div className="table-scroll">
        <table className="table recipients" aria-busy={busy}>
          <thead>
            <tr>
              <th scope="col">{t('recipients.line')}</th>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.phone')}</th>
              <th scope="col">{t('table.state')}</th>
              <th scope="col">{t('table.progress')}</th>
              <th scope="col">{t('table.delivered')}</th>
              <th scope="col">
                <span className="sr-only">{t('table.details')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.recipientId}>
                <td className="num">{r.line}</td>
                <td>{r.name ?? '—'}</td>
                <td className="nowrap">{phone(r.phone)}</td>
                <td>
                  <StateBadge of="message" state={r.state} />
                  {r.errorCode && r.state && <span className="muted small"> {waitingOf({ state: r.state, errorCode: r.errorCode, nextAttemptAt: r.nextAttemptAt }, campaign)?.[lang] ?? carrierErrorText(r.errorCode, lang)}</span>}
                </td>
                <td>
                  <ul className="steps">
                    {STEPS.map((s) => {
                      const at = r[s.key] as string | null;
                      return (
                        <li key={s.key} className={at ? 'done' : ''} title={at ? dateTime(at, lang) : undefined}>
                          <span aria-hidden="true">{at ? '●' : '○'}</span> {t(s.label)}
                          <span className="sr-only">{at ? t('table.yes') : t('table.no')}</span>
                        </li>
                      );
                    })}
                    {r.locked && <li className="bad">{t('table.locked')}</li>}
                  </ul>
                </td>
                <td className="nowrap">{dateTime(r.deliveredAt, lang)}</td>
                <td>
                  {r.messageId !== null && (
                    <button type="button" className="link-button" onClick={() => setOpen(r)} aria-label={t('table.openTimeline', { line: r.line })}>
                      {t('table.details')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && !busy && <p className="empty">{t('table.empty')}</p>}
      {next !== null && (
        <button type="button" onClick={() => void load(next, true)} disabled={busy}>
          {t('table.more')}
        </button>
      )}
      {open && open.messageId !== null && <MessageTimelineDialog campaign={campaign} messageId={open.messageId} onClose={() => setOpen(null)} />}
    </section>
  );
}
