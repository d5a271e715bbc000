// The campaign wizard for a draft: recipients (CSV, mapping, import, rejections) → message (template,
// preview, cost, lint) → recipient page (identity check, notice, PDF, survey, payment) → send
// (settings, schedule or now, a confirmation that says how many, how many parts, when). A draft that
// will not be sent is deleted here, after a confirmation.
import { useState } from 'react';
import { del, get, inCampaign } from '../../api/client.ts';
import { useI18n, type Key } from '../../i18n/index.tsx';
import { Link, navigate } from '../../router.tsx';
import { useAction, useLoad } from '../../ui/useLoad.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorMessage, Alert } from '../../ui/Alert.tsx';
import { StateBadge } from '../../ui/StateBadge.tsx';
import { useSession } from '../../session.tsx';
import { StepRecipients } from './StepRecipients.tsx';
import { StepTemplate } from './StepTemplate.tsx';
import { StepPage } from './StepPage.tsx';
import { StepSend } from './StepSend.tsx';
import { STEPS, type Step, type StepProps } from './steps.ts';
import { CampaignTabs } from '../../cadence/CampaignTabs.tsx';

export function Wizard({ campaignId, step }: { campaignId: string; step: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const loaded = useLoad(() => get('/api/v1/campaigns/{campaign}', { params: inCampaign(campaignId) }), [campaignId]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const removal = useAction();
  const c = loaded.data;
  const current: Step = (STEPS as readonly string[]).includes(step) ? (step as Step) : 'recipients';
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (!c) return <p>{t('common.loading')}</p>;
  const stepPath = (s: Step) => `/campaigns/${c.id}/setup/${s}`;
  const props: StepProps = { campaign: c, reload: loaded.reload, stepPath };
  const index = STEPS.indexOf(current);
  return (
    <section className="page wizard">
      <p className="breadcrumbs">
        <Link to="/">{t('nav.campaigns')}</Link> / {c.name}
      </p>
      <div className="title-row">
        <h1>
          {c.name} <StateBadge of="campaign" state={c.status} />
        </h1>
        {c.status === 'draft' && can('operator') && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            {t('campaigns.delete')}
          </button>
        )}
      </div>
      {can('operator') && <CampaignTabs campaign={c} current="campaign" />}
      <Dialog
        open={confirmDelete}
        title={t('campaigns.confirmDeleteTitle')}
        onClose={() => setConfirmDelete(false)}
        actions={
          <>
            <button
              type="button"
              className="primary danger"
              disabled={removal.busy}
              onClick={() =>
                void removal.run(async () => {
                  await del('/api/v1/campaigns/{campaign}', { params: inCampaign(c.id) });
                  setConfirmDelete(false);
                  navigate('/');
                })
              }
            >
              {t('campaigns.delete')}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <ErrorMessage error={removal.error} />
        <p>{t('campaigns.confirmDelete', { name: c.name })}</p>
      </Dialog>
      {c.status !== 'draft' && (
        <Alert kind="info">
          {t('wizard.notDraft')} <Link to={`/campaigns/${c.id}`}>{t('wizard.toTracking')}</Link>
        </Alert>
      )}
      {!can('operator') && <Alert kind="info">{t('wizard.viewerReadOnly')}</Alert>}
      <nav aria-label={t('wizard.steps')}>
        <ol className="stepper">
          {STEPS.map((s, i) => (
            <li key={s} className={i < index ? 'done' : i === index ? 'current' : ''}>
              <Link to={stepPath(s)} {...(s === current ? { 'aria-current': 'step' as const } : {})}>
                <span className="step-no" aria-hidden="true">
                  {i + 1}
                </span>
                {t(`wizard.step.${s}` as Key)}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      {current === 'recipients' && <StepRecipients {...props} />}
      {current === 'template' && <StepTemplate {...props} />}
      {current === 'page' && <StepPage {...props} />}
      {current === 'send' && <StepSend {...props} />}
    </section>
  );
}
