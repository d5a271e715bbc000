// The send step while the organisation requires approval: what the campaign's latest request says to the
// person who asked — 承認待ち (with who asked and when, and a way to take it back), 差戻し with the
// approver's comment, 承認済み, or no longer valid because the campaign changed — and the request itself,
// asked from the send step's confirmation instead of sending.
import { get, inCampaign, post } from '../../api/client.ts';
import type { Campaign, CampaignApproval } from '../../api/schemas.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Link } from '../../router.tsx';
import { Alert, ErrorMessage } from '../../ui/Alert.tsx';
import { useAction, useLoad, type Loaded } from '../../ui/useLoad.ts';
import { dateTime } from '../../ui/format.ts';
import { ApprovalBadge } from '../../approvals/ApprovalsPage.tsx';
import { APPROVALS_CHANGED } from '../../approvals/usePendingApprovals.ts';

export function useApproval(campaign: Pick<Campaign, 'id' | 'status'>): Loaded<CampaignApproval> {
  return useLoad(() => get('/api/v1/campaigns/{campaign}/approval', { params: inCampaign(campaign.id) }), [campaign.id, campaign.status]);
}

/** Asks for approval to send now or at `scheduledAt`; the answer is the new request. */
export async function requestApproval(campaign: Pick<Campaign, 'id'>, scheduledAt: string | undefined, note: string) {
  const r = await post('/api/v1/campaigns/{campaign}/approval-requests', {
    params: inCampaign(campaign.id),
    body: { ...(scheduledAt ? { scheduledAt } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
  });
  window.dispatchEvent(new Event(APPROVALS_CHANGED));
  return r;
}

export function ApprovalStatusCard({ approval }: { approval: Loaded<CampaignApproval> }) {
  const { t, lang } = useI18n();
  const withdrawal = useAction();
  const a = approval.data;
  if (approval.error) return <ErrorMessage error={approval.error} />;
  if (!a || (!a.approvalRequired && !a.latest)) return null;
  const r = a.latest;
  const withdraw = async () => {
    if (!r) return;
    const done = await withdrawal.run(() => post('/api/v1/approval-requests/{id}/withdraw', { params: { path: { id: r.id } } }));
    if (done) {
      window.dispatchEvent(new Event(APPROVALS_CHANGED));
      await approval.reload();
    }
  };
  return (
    <div className="card approval-status" aria-live="polite">
      <h3>
        {t('nav.approvals')} {r && <ApprovalBadge status={r.status} />}
      </h3>
      {a.approvalRequired && <p className="muted small">{t('approval.required')}</p>}
      {r?.status === 'pending' && (
        <Alert kind="info">
          {t('approval.statusPending', { who: r.requestedBy.name, at: dateTime(r.requestedAt, lang) })} <Link to={`/approvals/${r.id}`}>{t('approval.openRequest')}</Link>
        </Alert>
      )}
      {r?.status === 'rejected' && (
        <Alert kind="warning">
          <p>{t('approval.statusRejected', { who: r.decidedBy?.name ?? '' })}</p>
          {r.comment && (
            <blockquote className="note">
              <strong>{t('approval.comment')}:</strong> {r.comment}
            </blockquote>
          )}
        </Alert>
      )}
      {r?.status === 'approved' && <Alert kind="ok">{t('approval.statusApproved', { who: r.decidedBy?.name ?? '' })}</Alert>}
      {r?.status === 'stale' && <Alert kind="warning">{t('approval.statusStale')}</Alert>}
      {r?.status === 'withdrawn' && <p className="muted">{t('approval.statusWithdrawn')}</p>}
      {r?.note && (
        <p className="small">
          {t('approval.note')}: {r.note}
        </p>
      )}
      <ErrorMessage error={withdrawal.error} />
      {r?.status === 'pending' && (
        <button type="button" onClick={() => void withdraw()} disabled={withdrawal.busy}>
          {t('approval.withdraw')}
        </button>
      )}
    </div>
  );
}
