// One approval request: what was asked (campaign, who, when, people, parts, cost, the requester's note)
// and exactly what the sender saw before asking — sample texts for the first, random and longest rows,
// the wording check, what would refuse the send, the contact policy and the recipient page — then
// approve (which starts the send as requested) or reject with a comment. Nobody decides their own.
import { useState } from 'react';
import { get, inCampaign, orNone, post } from '../api/client.ts';
import type { ApprovalDecision } from '../api/schemas.ts';
import { CAMPAIGN_STATUS_LABELS } from '../../../../core/labels.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { dateTime, num, yen } from '../ui/format.ts';
import { usePricePerPart } from '../campaigns/wizard/usePricePerPart.ts';
import { ApprovalBadge } from './ApprovalsPage.tsx';
import { APPROVALS_CHANGED } from './usePendingApprovals.ts';

/** The hour (0–23) now in a time zone: a send now in quiet hours waits until 08:00. */
function quietNow(policy: string, timeZone: string): boolean {
  if (policy === 'none') return false;
  const hour = Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hour12: false, timeZone }).format(new Date())) % 24;
  return hour >= 21 || hour < 8;
}

export function ApprovalDetail({ id }: { id: string }) {
  const { t, lang, pick, label } = useI18n();
  const { can } = useSession();
  const [price] = usePricePerPart();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<ApprovalDecision | null>(null);
  const decision = useAction();
  const detail = useLoad(() => get('/api/v1/approval-requests/{id}', { params: { path: { id: Number(id) } } }), [id]);
  const campaignId = detail.data?.campaign.id;
  // The preview renders personal data: operators and above (approvers, administrators) see it.
  const preview = useLoad(
    () => (campaignId !== undefined && can('operator') ? post('/api/v1/campaigns/{campaign}/preview', { params: inCampaign(campaignId), body: { limit: 3 } }) : Promise.resolve(undefined)),
    [campaignId],
  );
  const landing = useLoad(() => (campaignId !== undefined ? orNone(get('/api/v1/campaigns/{campaign}/landing', { params: inCampaign(campaignId) })) : Promise.resolve(undefined)), [campaignId]);

  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <p>{t('common.loading')}</p>;
  const { request: r, campaign: c } = detail.data;
  const p = preview.data;
  const when = r.scheduledAt ? dateTime(r.scheduledAt, lang) : t('approvals.atOnce');
  const decidable = r.status === 'pending' && r.applies !== false && !r.own && can('approver');

  const decide = async (what: 'approve' | 'reject') => {
    const body = comment.trim() ? { comment: comment.trim() } : {};
    const done = await decision.run(() => post(what === 'approve' ? '/api/v1/approval-requests/{id}/approve' : '/api/v1/approval-requests/{id}/reject', { params: { path: { id: r.id } }, body }));
    if (done) {
      setOutcome(done);
      window.dispatchEvent(new Event(APPROVALS_CHANGED));
      await detail.reload();
    } else {
      // Refused (gone stale, decided by someone else meanwhile): show the request as it is now.
      await detail.reload();
    }
  };

  return (
    <section className="page approval">
      <p className="breadcrumbs">
        <Link to="/approvals">{t('approval.back')}</Link>
      </p>
      <div className="title-row">
        <h1>
          {t('approval.title', { id: r.id })} <ApprovalBadge status={r.status} />
        </h1>
        <Link className="button" to={`/campaigns/${c.id}/setup/send`}>
          {t('approval.openCampaign')}
        </Link>
      </div>

      <div className="card">
        <h2>{c.name}</h2>
        <dl className="figures">
          <div>
            <dt>{t('template.recipients')}</dt>
            <dd>{num(p?.recipients ?? r.recipients, lang)}</dd>
          </div>
          <div>
            <dt>{t('template.totalParts')}</dt>
            <dd>{num(p?.totalParts ?? r.totalParts, lang)}</dd>
          </div>
          <div>
            <dt>{t('template.cost')}</dt>
            <dd>{yen((p?.totalParts ?? r.totalParts) * price, lang)}</dd>
          </div>
          <div>
            <dt>{t('send.when')}</dt>
            <dd className="small-dd">{when}</dd>
          </div>
        </dl>
        <ul>
          <li>
            {t('approval.requestedBy')}: {r.requestedBy.name}（{dateTime(r.requestedAt, lang)}）
          </li>
          <li>{t('send.confirmSender', { sender: c.sender || t('send.senderDefault') })}</li>
          <li>
            {t('approval.policy')}: {t(`policy.${c.policyPack}.rule` as Key)}
          </li>
          {r.decidedBy && (
            <li>
              {t('approval.decidedBy')}: {r.decidedBy.name}（{dateTime(r.decidedAt, lang)}）
            </li>
          )}
        </ul>
        {r.note && (
          <blockquote className="note">
            <strong>{t('approval.note')}:</strong> {r.note}
          </blockquote>
        )}
        {r.comment && (
          <blockquote className="note">
            <strong>{t('approval.comment')}:</strong> {r.comment}
          </blockquote>
        )}
        {!r.scheduledAt && r.status === 'pending' && quietNow(c.policyPack, c.timeZone) && <Alert kind="warning">{t('send.quietNow')}</Alert>}
        {r.applies === false || r.status === 'stale' ? <Alert kind="warning">{t('approval.stale')}</Alert> : null}
      </div>

      <h2>{t('approval.whatSenderSees')}</h2>
      <ErrorMessage error={preview.error} />
      {p && (
        <div className="two-col">
          <div className="card">
            <h3>{t('template.preview')}</h3>
            {p.samples.map((s) => (
              <figure key={`${s.kind}-${s.line}`} className="sms">
                <figcaption className="small muted">
                  {t(`template.sample.${s.kind}` as Key)} · {t('recipients.line')} {s.line} · {t('template.chars', { n: s.characters })} · <strong>{t('template.parts', { n: s.parts })}</strong>
                </figcaption>
                <p className="bubble">{s.text}</p>
              </figure>
            ))}
          </div>
          <div>
            <div className="card lint">
              <h3>{t('template.lint')}</h3>
              {p.lint.length === 0 && <p className="muted">{t('approval.lintNone')}</p>}
              <ul>
                {p.lint.map((l, i) => (
                  <li key={i} className={l.severity === 'block' ? 'block' : 'warning'}>
                    <strong>{l.severity === 'block' ? t('template.lintBlock') : t('template.lintWarning')}</strong> {pick(l.message, l.message_en)}
                  </li>
                ))}
              </ul>
              {p.blockers.map((b) => (
                <Alert key={b.code} kind="error">
                  {pick(b.message, b.message_en)}
                </Alert>
              ))}
              {(p.rowsWithIssues > 0 || p.missingColumns.length > 0) && <Alert kind="error">{t('send.fixRows')}</Alert>}
            </div>
            <div className="card">
              <h3>{t('approval.page')}</h3>
              {landing.data === null && <p className="muted">{t('approval.pageNone')}</p>}
              {landing.data && (
                <>
                  <ul>
                    <li>
                      {t('approval.pageMethod')}: {t(`method.${landing.data.verification.method}` as Key)}
                    </li>
                    <li>
                      {t('approval.pageExpires')}: {landing.data.expiresAt ? dateTime(landing.data.expiresAt, lang) : t('approval.pageNoExpiry')}
                    </li>
                  </ul>
                  <p className="small muted">{t('approval.pageNotice')}</p>
                  <pre className="pre break">{landing.data.notice}</pre>
                </>
              )}
            </div>
          </div>
        </div>
      )}

      <div className="card decision">
        {outcome?.send?.started && outcome.send.campaign && <Alert kind="ok">{t('approval.started', { status: label(CAMPAIGN_STATUS_LABELS, outcome.send.campaign.status) })}</Alert>}
        {outcome?.send?.error && <Alert kind="warning">{t('approval.notStarted', { reason: pick(outcome.send.error.message, outcome.send.error.message_en) })}</Alert>}
        {outcome && outcome.request.status === 'rejected' && <Alert kind="ok">{t('approval.rejectedDone')}</Alert>}
        {r.status === 'pending' && r.own && <Alert kind="info">{t('approval.own')}</Alert>}
        {r.status === 'pending' && !r.own && !can('approver') && <Alert kind="info">{t('approval.notApprover')}</Alert>}
        {decidable && (
          <>
            <label>
              {t('approval.comment')}
              <textarea rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby="approval-comment-hint" />
            </label>
            <p className="muted small" id="approval-comment-hint">
              {t('approval.commentHint')}
            </p>
            <ErrorMessage error={decision.error} />
            <div className="row">
              <button type="button" className="primary" disabled={decision.busy || !p || p.blockers.length > 0} onClick={() => void decide('approve')}>
                {r.scheduledAt ? t('approval.approveSchedule') : t('approval.approveNow')}
              </button>
              <button type="button" className="danger" disabled={decision.busy || !comment.trim()} onClick={() => void decide('reject')}>
                {t('approval.reject')}
              </button>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
