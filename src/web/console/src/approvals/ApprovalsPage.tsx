// 承認待ち: the requests to send or schedule a campaign, those waiting first (or all of them), each
// opening its detail where an approver sees what the sender saw and approves or rejects.
import { useState } from 'react';
import { get } from '../api/client.ts';
import type { ApprovalRequest } from '../api/schemas.ts';
import { APPROVAL_STATUS_LABELS } from '../../../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { dateTime, num } from '../ui/format.ts';

const TONE: Record<string, string> = { pending: 'warn', approved: 'ok', rejected: 'bad', withdrawn: 'muted', stale: 'muted' };

export function ApprovalBadge({ status }: { status: string }) {
  const { label } = useI18n();
  return <span className={`badge ${TONE[status] ?? 'muted'}`}>{label(APPROVAL_STATUS_LABELS, status)}</span>;
}

export function ApprovalsPage() {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const list = useLoad(() => get('/api/v1/approval-requests', { params: { query: all ? {} : { status: 'pending' } } }), [all]);
  const columns: Column<ApprovalRequest>[] = [
    { header: t('approvals.col.id'), rowHeader: true, cell: (r) => <Link to={`/approvals/${r.id}`}>#{r.id}</Link> },
    { header: t('approvals.col.campaign'), cell: (r) => <Link to={`/approvals/${r.id}`}>{r.campaignName}</Link> },
    { header: t('approvals.col.status'), cell: (r) => <ApprovalBadge status={r.status} /> },
    { header: t('approvals.col.requestedBy'), cell: (r) => r.requestedBy.name },
    { header: t('approvals.col.requestedAt'), className: 'nowrap', cell: (r) => dateTime(r.requestedAt, lang) },
    { header: t('approvals.col.when'), className: 'nowrap', cell: (r) => (r.scheduledAt ? dateTime(r.scheduledAt, lang) : t('approvals.atOnce')) },
    { header: t('approvals.col.people'), num: true, cell: (r) => num(r.recipients, lang) },
    { header: t('approvals.col.parts'), num: true, cell: (r) => num(r.totalParts, lang) },
  ];
  return (
    <section className="page">
      <div className="title-row">
        <h1>{t('approvals.title')}</h1>
        <button type="button" onClick={() => setAll((a) => !a)}>
          {all ? t('approvals.onlyPending') : t('approvals.showAll')}
        </button>
      </div>
      <p className="muted small">{t('approvals.help')}</p>
      <ErrorMessage error={list.error} />
      {list.data && <DataTable rows={list.data.requests} columns={columns} rowKey={(r) => r.id} empty={t('approvals.none')} caption={t('approvals.title')} />}
    </section>
  );
}
