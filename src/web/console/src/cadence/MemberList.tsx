// Who is in which step, who left and why: the people of the cadence filtered by their last step, their
// state and the reason they left, a page at a time; for each, where they stand, when they are looked at
// next, the steps they did not get and why, and (for someone still in it) taking them out, confirmed.
import { useEffect, useState } from 'react';
import { get, inCampaign, post } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { LEAVE_REASONS, MEMBER_STATES } from '../../../../core/cadence/states.ts';
import { CADENCE_LEAVE_REASON_LABELS, CADENCE_MEMBER_STATE_LABELS } from '../../../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { dateTime } from '../ui/format.ts';
import type { Cadence, LeaveReason, Member, MemberState } from './types.ts';

export interface MemberFilter {
  step?: number;
  state?: MemberState;
  reason?: LeaveReason;
}

const PAGE = 50;

export function MemberList({ campaign, cadence, filter, setFilter, onChanged }: { campaign: Campaign; cadence: Cadence; filter: MemberFilter; setFilter(f: MemberFilter): void; onChanged(): void }) {
  const { t, lang, pick, label } = useI18n();
  const [rows, setRows] = useState<Member[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [asking, setAsking] = useState<Member | null>(null);
  const loading = useAction();
  const stopping = useAction();
  const key = JSON.stringify(filter);

  const load = async (after?: number) => {
    const page = await loading.run(() =>
      get('/api/v1/campaigns/{campaign}/cadence/members', { params: { ...inCampaign(campaign.id), query: { ...filter, limit: PAGE, ...(after !== undefined ? { after } : {}) } } }),
    );
    if (!page) return;
    setRows((r) => (after === undefined ? page.members : [...r, ...page.members]));
    setNext(page.next);
  };
  // Read again when the filter changes or the cadence's figures do (a running cadence is re-read).
  useEffect(() => {
    void load();
  }, [key, cadence.updatedAt, JSON.stringify(cadence.members)]);

  const stop = async (m: Member) => {
    const r = await stopping.run(() => post('/api/v1/campaigns/{campaign}/cadence/members/{recipient}/stop', { params: { path: { campaign: String(campaign.id), recipient: m.recipientId } } }));
    if (r) {
      setAsking(null);
      setRows((rs) => rs.map((x) => (x.recipientId === r.recipientId ? r : x)));
      onChanged();
    }
  };

  const stepName = (n: number | null) => (n === null ? '—' : n === 0 ? t('cadence.step0') : `${n}. ${cadence.steps[n - 1]?.name ?? ''}`);
  const columns: Column<Member>[] = [
    { header: t('cadence.person'), rowHeader: true, cell: (m) => <>{m.name || t('cadence.noName')} <span className="muted small">{t('cadence.lineN', { n: m.line })}</span></> },
    { header: t('field.due_date'), className: 'nowrap', cell: (m) => m.dueDate ?? '—' },
    { header: t('cadence.memberState'), cell: (m) => <span className={`badge ${m.state === 'left' ? 'muted' : m.state === 'paused' ? 'warn' : m.state === 'done' ? 'ok' : 'info'}`}>{pick(m.stateText.ja, m.stateText.en)}</span> },
    { header: t('cadence.lastStep'), cell: (m) => <>{stepName(m.step)}{m.stepAt && <span className="muted small"> {dateTime(m.stepAt, lang)}</span>}</> },
    {
      header: t('cadence.nextOrLeft'),
      cell: (m) =>
        m.state === 'left' ? (
          <>
            {m.leftReasonText ? pick(m.leftReasonText.ja, m.leftReasonText.en) : '—'}
            <span className="muted small">
              {' '}
              {dateTime(m.leftAt, lang)}
              {m.leftStep !== null && ` · ${m.leftStep === 0 ? t('cadence.beforeFirst') : t('cadence.atStep', { step: stepName(m.leftStep) })}`}
            </span>
          </>
        ) : m.state === 'paused' ? (
          t('cadence.pausedUntil', { at: dateTime(m.pausedUntil, lang) })
        ) : m.nextAt ? (
          dateTime(m.nextAt, lang)
        ) : (
          '—'
        ),
    },
    {
      header: t('cadence.notSent'),
      className: 'small',
      cell: (m) => (m.skipped.length === 0 ? '—' : m.skipped.map((s) => `${s.step}: ${pick(s.reasonText.ja, s.reasonText.en)}`).join(' / ')),
    },
    {
      header: t('common.actions'),
      cell: (m) =>
        (m.state === 'active' || m.state === 'paused') && cadence.state !== 'stopped' ? (
          <button type="button" className="small" onClick={() => setAsking(m)} aria-label={t('cadence.takeOutOf', { name: m.name || t('cadence.lineN', { n: m.line }) })}>
            {t('cadence.takeOut')}
          </button>
        ) : null,
    },
  ];

  const stepChoices = ['', '0', ...cadence.steps.map((s) => String(s.number))];
  return (
    <section aria-labelledby="members-h" className="cadence-members">
      <h2 id="members-h">{t('cadence.membersTitle')}</h2>
      <div className="row wrap filters">
        <label>
          {t('cadence.filterStep')}
          <select value={filter.step === undefined ? '' : String(filter.step)} onChange={(e) => setFilter({ ...filter, step: e.target.value === '' ? undefined : Number(e.target.value) })}>
            {stepChoices.map((v) => (
              <option key={v} value={v}>
                {v === '' ? t('cadence.all') : stepName(Number(v))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cadence.filterState')}
          <select value={filter.state ?? ''} onChange={(e) => setFilter({ ...filter, state: (e.target.value || undefined) as MemberState | undefined, ...(e.target.value !== 'left' ? { reason: undefined } : {}) })}>
            <option value="">{t('cadence.all')}</option>
            {MEMBER_STATES.map((s) => (
              <option key={s} value={s}>
                {label(CADENCE_MEMBER_STATE_LABELS, s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('cadence.filterReason')}
          <select value={filter.reason ?? ''} onChange={(e) => setFilter({ ...filter, reason: (e.target.value || undefined) as LeaveReason | undefined, ...(e.target.value ? { state: 'left' as const } : {}) })}>
            <option value="">{t('cadence.all')}</option>
            {LEAVE_REASONS.map((r) => (
              <option key={r} value={r}>
                {label(CADENCE_LEAVE_REASON_LABELS, r)}
              </option>
            ))}
          </select>
        </label>
        {(filter.step !== undefined || filter.state || filter.reason) && (
          <button type="button" className="link-button" onClick={() => setFilter({})}>
            {t('cadence.clearFilter')}
          </button>
        )}
      </div>
      <ErrorMessage error={loading.error ?? (asking ? null : stopping.error)} />
      <div className="table-scroll">
        <DataTable caption={t('cadence.membersTitle')} rows={rows} columns={columns} rowKey={(m) => m.recipientId} rowClassName={(m) => (m.state === 'left' ? 'revoked' : undefined)} empty={loading.busy ? t('common.loading') : t('cadence.noMembers')} />
      </div>
      {next !== null && (
        <button type="button" onClick={() => void load(next)} disabled={loading.busy}>
          {t('cadence.more')}
        </button>
      )}
      <Dialog
        open={asking !== null}
        title={t('cadence.takeOutTitle')}
        onClose={() => setAsking(null)}
        actions={
          <>
            <button type="button" onClick={() => setAsking(null)}>
              {t('common.back')}
            </button>
            <button type="button" className="primary danger" disabled={stopping.busy} onClick={() => asking && void stop(asking)}>
              {t('cadence.takeOut')}
            </button>
          </>
        }
      >
        <ErrorMessage error={stopping.error} />
        {asking && <p>{t('cadence.takeOutText', { name: asking.name || t('cadence.lineN', { n: asking.line }) })}</p>}
      </Dialog>
    </section>
  );
}
