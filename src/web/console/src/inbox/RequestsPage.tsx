// The review queue of recipients' self-service (受取人からの申出): promises to pay, instalment requests,
// disputes and "not me" reports, filtered by kind and state (open first), each with the person, the
// campaign and what they asked; an operator records a decision with a note (resolved / dismissed, in
// the words of each kind: 異議を認める / 認めない, 宛先違いを確認 / 本人と判明 …).
import { useState } from 'react';
import { get, post, type Answer } from '../api/client.ts';
import { DEBTOR_ACTION_KIND_LABELS, DEBTOR_ACTION_OUTCOME_LABELS, DEBTOR_ACTION_STATE_LABELS } from '../../../../core/labels.ts';
import { DEBTOR_ACTION_KINDS, DEBTOR_ACTION_STATES, type DebtorActionKind, type DebtorActionState } from '../../../../core/debtor-actions.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { useAction } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { dateTime, yen } from '../ui/format.ts';
import { InboxTabs } from './InboxTabs.tsx';

type Request = Answer<'get', '/api/v1/debtor-actions'>['actions'][number];

function ReviewDialog({ request, onClose, onDone }: { request: Request; onClose(): void; onDone(): void }) {
  const { t, label, lang } = useI18n();
  const [note, setNote] = useState('');
  const action = useAction();
  const decide = async (outcome: 'resolved' | 'dismissed') => {
    const r = await action.run(() => post('/api/v1/debtor-actions/{id}/resolve', { params: { path: { id: request.id } }, body: { outcome, note: note.trim() || null } }));
    if (r) onDone();
  };
  const words = DEBTOR_ACTION_OUTCOME_LABELS[request.kind];
  return (
    <Dialog
      open
      title={t('requests.reviewTitle', { kind: label(DEBTOR_ACTION_KIND_LABELS, request.kind) })}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="primary" disabled={action.busy} onClick={() => void decide('resolved')}>
            {words.resolved[lang]}
          </button>
          <button type="button" disabled={action.busy} onClick={() => void decide('dismissed')}>
            {words.dismissed[lang]}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>
        <strong>{request.person.name ?? request.phone ?? '—'}</strong> · {request.campaign.name} · {dateTime(request.createdAt, lang)}
      </p>
      <Details request={request} />
      {request.note && (
        <blockquote aria-label={t('requests.personNote')} className="pre-wrap">
          {request.note}
        </blockquote>
      )}
      <label>
        {t('requests.note')}
        <textarea rows={4} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="muted small">{t('requests.noteHelp')}</p>
      <ErrorMessage error={action.error} />
    </Dialog>
  );
}

function Details({ request: r }: { request: Request }) {
  const { t, lang } = useI18n();
  const parts: string[] = [];
  if (r.promisedDate) parts.push(t('requests.promisedDate', { date: r.promisedDate }));
  if (r.amount !== null) parts.push(t('requests.amount', { amount: yen(r.amount, lang) }));
  if (r.monthlyAmount !== null) parts.push(t('requests.monthly', { amount: yen(r.monthlyAmount, lang) }));
  return parts.length > 0 ? <p>{parts.join(' · ')}</p> : null;
}

export function RequestsPage() {
  const { t, label, lang } = useI18n();
  const { can } = useSession();
  const [kind, setKind] = useState<DebtorActionKind | ''>('');
  const [state, setState] = useState<DebtorActionState | ''>('open');
  const list = useCrud(() => get('/api/v1/debtor-actions', { params: { query: { kind: kind || undefined, state: state || undefined, limit: 200 } } }), [kind, state]);
  const [reviewing, setReviewing] = useState<Request | null>(null);
  const columns: Column<Request>[] = [
    { header: t('requests.received'), className: 'nowrap', cell: (r) => dateTime(r.createdAt, lang) },
    { header: t('requests.kind'), cell: (r) => <span className={`tag request-${r.kind}`}>{label(DEBTOR_ACTION_KIND_LABELS, r.kind)}</span> },
    {
      header: t('requests.person'),
      rowHeader: true,
      cell: (r) => (
        <>
          <strong>{r.person.name ?? '—'}</strong>
          {r.person.customerNumber && <span className="muted small"> {r.person.customerNumber}</span>}
          {r.phone && <div className="muted small nowrap">{r.phone}</div>}
        </>
      ),
    },
    { header: t('requests.campaign'), cell: (r) => r.campaign.name },
    {
      header: t('requests.details'),
      cell: (r) => (
        <>
          <Details request={r} />
          {r.note && <p className="small pre-wrap">{r.note}</p>}
          {r.resolvedAt && r.state !== 'open' && (
            <p className="muted small">
              {t('requests.resolvedBy', { who: r.resolvedBy ?? '—', at: dateTime(r.resolvedAt, lang) })}
              {r.resolutionNote ? ` — ${r.resolutionNote}` : ''}
            </p>
          )}
        </>
      ),
    },
    {
      header: t('requests.state'),
      cell: (r) =>
        r.state === 'resolved' || r.state === 'dismissed' ? DEBTOR_ACTION_OUTCOME_LABELS[r.kind][r.state][lang] : label(DEBTOR_ACTION_STATE_LABELS, r.state),
    },
    {
      header: t('common.actions'),
      cell: (r) => (
        <div className="row wrap">
          {r.state === 'open' && can('operator') && (
            <button type="button" onClick={() => setReviewing(r)} aria-label={t('requests.reviewFor', { name: r.person.name ?? r.phone ?? String(r.id) })}>
              {t('requests.review')}
            </button>
          )}
          {r.conversationId && <Link to={`/inbox/${r.conversationId}`}>{t('requests.conversation')}</Link>}
        </div>
      ),
    },
  ];
  const data = list.list.data;
  return (
    <section className="page">
      <h1>{t('requests.title')}</h1>
      <InboxTabs current="requests" />
      <p className="hint">{t('requests.intro')}</p>
      {!can('operator') && <p className="muted small">{t('requests.masked')}</p>}
      <div className="row wrap">
        <label className="inline small">
          {t('requests.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as DebtorActionKind | '')}>
            <option value="">{t('requests.allKinds')}</option>
            {DEBTOR_ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {label(DEBTOR_ACTION_KIND_LABELS, k)}
                {data && data.open[k] > 0 ? ` (${data.open[k]})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="inline small">
          {t('requests.state')}
          <select value={state} onChange={(e) => setState(e.target.value as DebtorActionState | '')}>
            <option value="">{t('requests.allStates')}</option>
            {DEBTOR_ACTION_STATES.map((s) => (
              <option key={s} value={s}>
                {label(DEBTOR_ACTION_STATE_LABELS, s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={list.error} />
      {data && <DataTable caption={t('requests.title')} rows={data.actions} columns={columns} rowKey={(r) => String(r.id)} empty={t('requests.none')} />}
      {reviewing && (
        <ReviewDialog
          request={reviewing}
          onClose={() => setReviewing(null)}
          onDone={() => {
            setReviewing(null);
            void list.list.reload();
          }}
        />
      )}
    </section>
  );
}
