// Pause, resume and cancel (operators only: a viewer sees none of them, and the API refuses them
// anyway), each cancel confirmed; re-sending the messages of unknown delivery (送達不明), confirmed in a
// dialog that names the risk of a duplicate; and the exports: results as CSV for Excel (UTF-8 with BOM or CP932),
// survey answers, the campaign's evidence bundle (証跡), and the printable summary.
import { useState } from 'react';
import { inCampaign, post } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { Link } from '../router.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage, Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useLoad.ts';
import { campaignBundleHref } from '../evidence/EvidenceDownloads.tsx';

export function CampaignActions({ campaign, hasSurvey, onChanged }: { campaign: Campaign; hasSurvey: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [confirmResend, setConfirmResend] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();
  const run = async (what: 'pause' | 'resume' | 'cancel') => {
    const r = await action.run(() => post(`/api/v1/campaigns/{campaign}/${what}`, { params: inCampaign(campaign.id) }));
    if (r !== undefined) {
      // Only a cancel answers with a note (how many messages were already with the carrier).
      if ('note' in r) setNote(r.note ?? null);
      setConfirmCancel(false);
      onChanged();
    }
  };
  const resend = async () => {
    const r = await action.run(() => post('/api/v1/campaigns/{campaign}/messages/resend-unknown', { params: inCampaign(campaign.id), body: { confirm: 'duplicate-risk' } }));
    if (r !== undefined) {
      setNote(t('actions.resent', { count: r.resent }));
      setConfirmResend(false);
      onChanged();
    }
  };
  const unknown = campaign.counts.unknown ?? 0;
  const active = campaign.status === 'sending' || campaign.status === 'scheduled';
  return (
    <div className="actions">
      {can('operator') && (
        <div className="row wrap" role="group" aria-label={t('actions.control')}>
          {active && (
            <button type="button" onClick={() => void run('pause')} disabled={action.busy}>
              {t('actions.pause')}
            </button>
          )}
          {campaign.status === 'paused' && (
            <button type="button" className="primary" onClick={() => void run('resume')} disabled={action.busy}>
              {t('actions.resume')}
            </button>
          )}
          {(active || campaign.status === 'paused') && (
            <button type="button" className="danger" onClick={() => setConfirmCancel(true)} disabled={action.busy}>
              {t('actions.cancel')}
            </button>
          )}
          {unknown > 0 && campaign.status !== 'cancelled' && (
            <button type="button" onClick={() => setConfirmResend(true)} disabled={action.busy}>
              {t('actions.resendUnknown', { count: unknown })}
            </button>
          )}
        </div>
      )}
      <div className="row wrap" role="group" aria-label={t('actions.exports')}>
        {can('operator') && (
          <>
            <a className="button" href={`/api/v1/campaigns/${campaign.id}/export.csv?encoding=utf-8-bom`} download>
              {t('actions.exportUtf8')}
            </a>
            <a className="button" href={`/api/v1/campaigns/${campaign.id}/export.csv?encoding=cp932`} download>
              {t('actions.exportCp932')}
            </a>
            {hasSurvey && (
              <a className="button" href={`/api/v1/campaigns/${campaign.id}/survey/export.csv?encoding=utf-8-bom`} download>
                {t('actions.exportSurvey')}
              </a>
            )}
            <a className="button" href={campaignBundleHref(campaign.id)} download>
              {t('evidence.campaignBundle')}
            </a>
          </>
        )}
        <Link className="button" to={`/campaigns/${campaign.id}/summary`}>
          {t('actions.summary')}
        </Link>
      </div>
      <ErrorMessage error={action.error} />
      {note && <Alert kind="info">{note}</Alert>}
      <Dialog
        open={confirmCancel}
        title={t('actions.cancelTitle')}
        onClose={() => setConfirmCancel(false)}
        actions={
          <>
            <button type="button" onClick={() => setConfirmCancel(false)}>
              {t('common.back')}
            </button>
            <button type="button" className="primary danger" onClick={() => void run('cancel')} disabled={action.busy}>
              {t('actions.cancelConfirm')}
            </button>
          </>
        }
      >
        <p>{t('actions.cancelText', { name: campaign.name })}</p>
      </Dialog>
      <Dialog
        open={confirmResend}
        title={t('actions.resendTitle')}
        onClose={() => setConfirmResend(false)}
        actions={
          <>
            <button type="button" onClick={() => setConfirmResend(false)}>
              {t('common.back')}
            </button>
            <button type="button" className="primary danger" onClick={() => void resend()} disabled={action.busy}>
              {t('actions.resendConfirm')}
            </button>
          </>
        }
      >
        <p>{t('actions.resendText', { name: campaign.name, count: unknown })}</p>
        <Alert kind="warning">{t('actions.resendRisk')}</Alert>
      </Dialog>
    </div>
  );
}
